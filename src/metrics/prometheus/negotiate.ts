import type { ExpositionFormat } from './format-exposition';

/**
 * The format a scraper asked for in its `Accept` header: OpenMetrics when it accepts
 * `application/openmetrics-text` at least as much as `text/plain` (Prometheus asks for it first,
 * and only OpenMetrics carries exemplars), else the Prometheus text format.
 */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
  if (accept === undefined || accept === '') return 'text';
  let openMetrics = 0;
  let text = 0;
  for (const entry of accept.split(',')) {
    const [type = '', ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase());
    const quality = parameters.find((parameter) => parameter.startsWith('q='));
    const q = quality === undefined ? 1 : Number(quality.slice(2));
    if (!Number.isFinite(q)) continue;
    if (type === 'application/openmetrics-text') openMetrics = Math.max(openMetrics, q);
    else if (type === 'text/plain' || type === '*/*' || type === 'text/*') text = Math.max(text, q);
  }
  return openMetrics > 0 && openMetrics >= text ? 'openmetrics' : 'text';
}
