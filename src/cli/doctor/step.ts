/** One line of the doctor's report. */
export interface DoctorStep {
  /** `otlp dns`, `otlp http`, `jaeger read-back`, ... */
  name: string;
  status: 'ok' | 'warn' | 'fail' | 'skip';
  detail: string;
  /** How long the step took, when it is timed. */
  millis?: number;
}

/** Milliseconds since `start` (a `performance.now()` reading), to 0.1 ms. */
export function since(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}
