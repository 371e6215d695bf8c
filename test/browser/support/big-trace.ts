/**
 * One OTLP/JSON trace request of `spanCount` spans over four services: a root with 100 children,
 * each with its share of grandchildren, every 97th span an error. Deterministic ids.
 */
export function bigTraceRequest(spanCount: number, traceId = 'b16b16b16b16b16b16b16b16b16b16b1'): string {
  const services = ['edge', 'catalog', 'pricing', 'stock'];
  const startNanos = 1_700_000_000_000_000_000n;
  const spansByService = new Map<string, object[]>(services.map((service) => [service, []]));
  const id = (index: number): string => index.toString(16).padStart(16, '0');
  const children = 100;
  for (let index = 1; index <= spanCount; index++) {
    const parent = index === 1 ? '' : index <= children + 1 ? id(1) : id(2 + ((index - 2) % children));
    const start = startNanos + BigInt(index) * 50_000n;
    const end = start + BigInt(1_000_000 + (index % 37) * 40_000);
    const service = services[index % services.length] as string;
    (spansByService.get(service) as object[]).push({
      traceId,
      spanId: id(index),
      ...(parent === '' ? {} : { parentSpanId: parent }),
      name: index === 1 ? 'GET /big' : `step ${index}`,
      kind: index === 1 ? 2 : 1,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(index === 1 ? startNanos + BigInt(spanCount) * 50_000n + 5_000_000n : end),
      attributes: [{ key: 'step.index', value: { intValue: String(index) } }],
      status: index % 97 === 0 ? { code: 2, message: 'step failed' } : {},
    });
  }
  return JSON.stringify({
    resourceSpans: services.map((service) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [{ scope: { name: 'big-trace' }, spans: spansByService.get(service) }],
    })),
  });
}
