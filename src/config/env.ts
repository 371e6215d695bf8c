/**
 * Typed readers over an environment map. Blank means unset; an invalid value records one warning
 * naming the variable, the value and what is used instead, and the reader returns `undefined` so
 * the caller falls back to the next source.
 */
import { invalidEnvWarning, unknownListEntryWarning } from './warnings';

/** Environment map as `process.env` has it. */
export type EnvMap = Readonly<Record<string, string | undefined>>;

/** Reads typed values from one environment map and collects warnings. */
export class EnvReader {
  readonly warnings: string[] = [];

  constructor(private readonly env: EnvMap) {}

  /** The trimmed value, or `undefined` when unset or blank. */
  string(name: string): string | undefined {
    const raw = this.env[name];
    if (raw === undefined) return undefined;
    const trimmed = raw.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  /** `true`/`false` case-insensitively; anything else warns. Only the string `true` is true. */
  boolean(name: string, fallback: boolean): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    this.warn(name, value, 'true or false', String(fallback));
    return undefined;
  }

  /** A whole number in `[min, max]`. */
  integer(name: string, min: number, max: number, fallbackText: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const parsed = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      this.warn(name, value, `a whole number from ${min} to ${max}`, fallbackText);
      return undefined;
    }
    return parsed;
  }

  /** A finite number in `[min, max]`. */
  number(name: string, min: number, max: number, fallbackText: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const parsed = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
      this.warn(name, value, `a number from ${min} to ${max}`, fallbackText);
      return undefined;
    }
    return parsed;
  }

  /** One of `accepted` (case-insensitive). */
  oneOf<T extends string>(name: string, accepted: readonly T[], fallbackText: string): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const match = accepted.find((candidate) => candidate === value.toLowerCase());
    if (match === undefined) this.warn(name, value, `one of ${accepted.join(', ')}`, fallbackText);
    return match;
  }

  /**
   * A comma-separated list whose entries must be in `accepted`. Unknown entries warn and are left
   * out; when nothing valid remains the result is `undefined`.
   */
  list<T extends string>(name: string, accepted: readonly T[], fallbackText: string): T[] | undefined {
    const entries = this.rawList(name);
    if (entries === undefined) return undefined;
    const known: T[] = [];
    for (const entry of entries) {
      const match = accepted.find((candidate) => candidate === entry.toLowerCase());
      if (match === undefined) {
        this.warnings.push(unknownListEntryWarning(name, entry, accepted, fallbackText));
      } else if (!known.includes(match)) {
        known.push(match);
      }
    }
    return known.length > 0 ? known : undefined;
  }

  /** A comma-separated list of free-form entries, blanks dropped. */
  rawList(name: string): string[] | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    return entries.length > 0 ? entries : undefined;
  }

  /** An absolute `http://` or `https://` URL. */
  httpUrl(name: string, fallbackText: string): string | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)) return value;
    this.warn(name, value, 'an http:// or https:// URL', fallbackText);
    return undefined;
  }

  /** Records a warning for a value that is present but unusable. */
  warn(name: string, value: string, accepted: string, used: string): void {
    this.warnings.push(invalidEnvWarning(name, value, accepted, used));
  }
}
