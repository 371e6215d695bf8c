/** The instrumentation scope of every metric the package records. */
export const METRICS_SCOPE = { name: 'otel-bootstrap', version: '0.1.0' } as const;
