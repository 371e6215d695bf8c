/** Reads Prometheus exposition text in tests. */

/** One sample line: name, labels, value and the exemplar part, if any. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  exemplar?: { labels: Record<string, string>; value: number };
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[match[1] as string] = (match[2] as string).replace(/\\"/g, '"').replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
  return labels;
}

/** Every sample of an exposition (comments skipped). */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*?)\})? (\S+)(?: # \{(.*?)\} (\S+)(?: \S+)?)?$/.exec(line);
    if (match === null) throw new Error(`not a sample line: ${line}`);
    const sample: Sample = { name: match[1] as string, labels: parseLabels(match[2] ?? ''), value: Number(match[3]) };
    if (match[4] !== undefined) sample.exemplar = { labels: parseLabels(match[4]), value: Number(match[5]) };
    samples.push(sample);
  }
  return samples;
}

/** The samples named `name` whose labels include `labels`. */
export function samplesOf(samples: Sample[], name: string, labels: Record<string, string> = {}): Sample[] {
  return samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
}

/** The sum of the matching samples' values. */
export function sumOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samplesOf(samples, name, labels).reduce((total, sample) => total + sample.value, 0);
}

/** The Accept header Prometheus sends. */
export const PROMETHEUS_ACCEPT = 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

/** GETs a metrics URL with the given Accept header. */
export async function scrape(url: string, accept = PROMETHEUS_ACCEPT): Promise<{ status: number; contentType: string; text: string }> {
  const response = await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(5000) });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}
