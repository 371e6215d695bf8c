import type { Instrumentation } from '../sdk/sdk-types';
import type { CoreInstrumentationName, ResolvedConfig } from '../config/options';
import { createQueryRedactor, REDACTED_QUERY_KEYS, redactedUrlAttributes } from './lean/attributes';
import { createPathMatcher } from './path-matcher';
import { requireOptional } from '../optional-package';

const OFFICIAL_PURPOSE = 'The official HTTP, Express and fetch instrumentations (httpInstrumentation "official", expressMiddlewareSpans)';

function loadOfficial<T>(packageName: string): T {
  return requireOptional<T>(packageName, OFFICIAL_PURPOSE);
}

/** The instrumentations this package configures itself, by name. */
export const CORE_INSTRUMENTATION_NAMES: readonly CoreInstrumentationName[] = ['http', 'express', 'undici'];

type CoreSettings = Pick<ResolvedConfig, 'ignorePaths' | 'expressMiddlewareSpans'> & Partial<Pick<ResolvedConfig, 'redactQueryParams' | 'captureHeaders'>>;

/**
 * Settings for the HTTP instrumentation: health-check paths are not traced, the configured query
 * keys are redacted besides the conventions' list (upstream replaces its list with a given one,
 * so both are passed), and only allowlisted headers are recorded.
 */
export function httpInstrumentationConfig(settings: CoreSettings): import('@opentelemetry/instrumentation-http').HttpInstrumentationConfig {
  const ignored = createPathMatcher(settings.ignorePaths);
  const redacted = [...REDACTED_QUERY_KEYS, ...(settings.redactQueryParams ?? [])];
  const headers = { requestHeaders: [...(settings.captureHeaders?.request ?? [])], responseHeaders: [...(settings.captureHeaders?.response ?? [])] };
  return {
    ignoreIncomingRequestHook: (request) => ignored(request.url),
    redactedQueryParams: redacted,
    redactedQueryParamsServer: redacted,
    headersToSpanAttributes: { server: headers, client: headers },
  };
}

/** Settings for the Express instrumentation: route handlers only, unless middleware spans are asked for. */
export function expressInstrumentationConfig(settings: CoreSettings): import('@opentelemetry/instrumentation-express').ExpressInstrumentationConfig {
  if (settings.expressMiddlewareSpans) return {};
  const { ExpressLayerType } = loadOfficial<typeof import('@opentelemetry/instrumentation-express')>('@opentelemetry/instrumentation-express');
  return { ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER] };
}

/** Settings for the fetch instrumentation: the query redacted as for HTTP (upstream records it as given) and allowlisted headers. */
export function undiciInstrumentationConfig(settings: CoreSettings): import('@opentelemetry/instrumentation-undici').UndiciInstrumentationConfig {
  const redact = createQueryRedactor(settings.redactQueryParams);
  return {
    startSpanHook: (request) => redactedUrlAttributes(request.origin, request.path, redact) ?? {},
    headersToSpanAttributes: { requestHeaders: [...(settings.captureHeaders?.request ?? [])], responseHeaders: [...(settings.captureHeaders?.response ?? [])] },
  };
}

/** Builds one core instrumentation, loading only its own package. Instances enable themselves on construction, as the full set's do. */
export function createCoreInstrumentation(name: CoreInstrumentationName, settings: CoreSettings): Instrumentation {
  switch (name) {
    case 'http': {
      const { HttpInstrumentation } = loadOfficial<typeof import('@opentelemetry/instrumentation-http')>('@opentelemetry/instrumentation-http');
      return new HttpInstrumentation({ ...httpInstrumentationConfig(settings) });
    }
    case 'express': {
      const { ExpressInstrumentation } = loadOfficial<typeof import('@opentelemetry/instrumentation-express')>('@opentelemetry/instrumentation-express');
      return new ExpressInstrumentation({ ...expressInstrumentationConfig(settings) });
    }
    case 'undici': {
      const { UndiciInstrumentation } = loadOfficial<typeof import('@opentelemetry/instrumentation-undici')>('@opentelemetry/instrumentation-undici');
      return new UndiciInstrumentation(undiciInstrumentationConfig(settings));
    }
  }
}
