import { REDACTED } from '../config/redact';

// 13 to 19 digits, optionally grouped by single spaces or dashes, not part of a longer digit run.
const CARD_CANDIDATE = /(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)/g;

/** Luhn checksum over a string of digits. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Replaces digit runs that look like payment card numbers (13–19 digits passing Luhn) with `[REDACTED]`. */
export function redactCardNumbers(text: string): string {
  if (text.length < 13) return text;
  return text.replace(CARD_CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, '');
    return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) ? REDACTED : match;
  });
}

/** Whether an integer's digits look like a payment card number. */
export function isCardNumber(value: number | bigint): boolean {
  const digits = value.toString();
  return digits.length >= 13 && digits.length <= 19 && /^\d+$/.test(digits) && passesLuhn(digits);
}
