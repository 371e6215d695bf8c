import { LOG_PREFIX } from '../config/warnings';

/** What a caller of the OpenTracing API can get wrong; each is warned about once per tracer. */
export const bridgeWarnings = {
  unknownFormat: (format: unknown): string =>
    `${LOG_PREFIX} OpenTracing format ${JSON.stringify(String(format))} is not supported (expected http_headers, text_map or binary); inject wrote nothing and extract returned null.`,
  badCarrier: (format: string, carrier: unknown): string =>
    `${LOG_PREFIX} OpenTracing ${format} carrier must be an object${format === 'binary' ? ' with a buffer property' : ''}, not ${carrier === null ? 'null' : Array.isArray(carrier) ? 'an array' : typeof carrier}; inject wrote nothing and extract returned null.`,
  foreignContext: (): string =>
    `${LOG_PREFIX} a span or span context that this tracer did not create was passed to it (another OpenTracing tracer's?); it was ignored.`,
  childOfFinished: (name: string): string =>
    `${LOG_PREFIX} span ${JSON.stringify(name)} was started as a child of a span that had already finished; it is kept as its child (use a FOLLOWS_FROM reference for work that continues after its cause).`,
  afterFinish: (name: string): string => `${LOG_PREFIX} span ${JSON.stringify(name)} was changed after finish(); tags, logs and names set after finish are ignored.`,
  badTime: (what: string): string => `${LOG_PREFIX} OpenTracing ${what} must be epoch milliseconds (a finite number); the current time was used.`,
  badName: (): string => `${LOG_PREFIX} OpenTracing startSpan() needs an operation name string; the span was named "unnamed".`,
  kindAfterStart: (name: string): string =>
    `${LOG_PREFIX} span.kind was set on span ${JSON.stringify(name)} after it started; OpenTelemetry spans take their kind at start, so it is kept only as a span.kind attribute. Pass it in startSpan() tags.`,
  samplingPriorityAfterStart: (name: string): string =>
    `${LOG_PREFIX} sampling.priority was set on span ${JSON.stringify(name)} after it started; the sampling decision is taken at start, so it is kept only as an attribute. Pass it in startSpan() tags.`,
  notASpan: (): string => `${LOG_PREFIX} activate() needs a span of this tracer; the function ran without a new active span.`,
  badTags: (): string => `${LOG_PREFIX} OpenTracing tags and log fields must be an object of key/value pairs; the value was ignored.`,
} as const;
