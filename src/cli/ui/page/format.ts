/** Text for durations, times and attribute values. */
import type { ViewValue } from '../../trace-model';

/** `850 µs`, `12.3 ms`, `4.56 s`. */
export function formatDuration(millis: number): string {
  if (millis === 0) return '0 ms';
  if (millis < 1) return `${Math.round(millis * 1000)} µs`;
  if (millis < 1000) return `${millis < 10 ? millis.toFixed(2) : millis < 100 ? millis.toFixed(1) : Math.round(millis)} ms`;
  return `${(millis / 1000).toFixed(millis < 10_000 ? 2 : 1)} s`;
}

/** Local date and time with milliseconds. */
export function formatTime(epochMillis: number): string {
  const date = new Date(epochMillis);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** An attribute value as text: strings as they are, everything else as JSON. */
export function formatValue(value: ViewValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

/** The span kind's name. */
export function kindName(kind: number): string {
  return KINDS[kind] ?? `kind ${kind}`;
}

/** The status code's name. */
export function statusName(code: number): string {
  return code === 2 ? 'error' : code === 1 ? 'ok' : 'unset';
}
