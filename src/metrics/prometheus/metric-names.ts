/** OpenTelemetry names and units in the Prometheus naming rules (the specification's compatibility mapping). */

const UNIT_WORDS: Readonly<Record<string, string>> = {
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  min: 'minutes',
  h: 'hours',
  d: 'days',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  '%': 'percent',
};

/** Replaces every character Prometheus does not allow in names with `_`, collapsing runs. */
function sanitize(text: string): string {
  const cleaned = text.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/_{2,}/g, '_');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** The unit as a name suffix: `s` is `seconds`, `By` `bytes`, `1` `ratio` (gauges only), `{span}` nothing. */
function unitSuffix(unit: string, isGauge: boolean): string {
  const withoutAnnotations = unit.replace(/\{[^}]*\}/g, '');
  if (withoutAnnotations === '') return '';
  if (withoutAnnotations === '1') return isGauge ? 'ratio' : '';
  const [numerator = '', denominator] = withoutAnnotations.split('/');
  const first = UNIT_WORDS[numerator] ?? numerator;
  const suffix = denominator === undefined ? first : `${first}_per_${UNIT_WORDS[denominator] ?? denominator}`;
  return sanitize(suffix).replace(/^_+|_+$/g, '');
}

/**
 * The Prometheus metric family name of an instrument: sanitized, with the unit as suffix
 * (`http.server.request.duration` in `s` is `http_server_request_duration_seconds`). Counters get
 * `_total` on their samples, not here.
 */
export function prometheusFamilyName(name: string, unit: string, isGauge: boolean): string {
  let family = sanitize(name);
  const suffix = unitSuffix(unit, isGauge);
  if (suffix !== '' && !family.endsWith(`_${suffix}`)) family += `_${suffix}`;
  return family.endsWith('_total') ? family.slice(0, -'_total'.length) : family;
}

/** A Prometheus label name for an attribute key (`http.route` is `http_route`). */
export function prometheusLabelName(key: string): string {
  return sanitize(key);
}
