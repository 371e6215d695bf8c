import type { Instrumentation } from '../../sdk/sdk-types';
import type { CoreInstrumentationName, ResolvedConfig } from '../../config/options';
import { createPathMatcher } from '../path-matcher';
import { createQueryRedactor } from './attributes';
import { planHeaderCapture } from './header-capture';
import { createInboundParentResolver } from './inbound-trust';
import { LeanFetchInstrumentation } from './lean-fetch-instrumentation';
import { LeanHttpInstrumentation } from './lean-http-instrumentation';
import { createSamplingInputs } from './sampling-inputs';
import { createInboundHeaderScan } from './inbound-header-scan';
import { propagationHeaders } from '../../propagation/create-propagator';

type Settings = Pick<ResolvedConfig, 'ignorePaths' | 'expressMiddlewareSpans' | 'httpInstrumentation'> &
  Partial<Pick<ResolvedConfig, 'trustRemoteSampling' | 'trustedSamplingHeaders' | 'redactQueryParams' | 'captureHeaders' | 'sampling' | 'propagators'>>;

/**
 * With the lean implementation, `http` is the diagnostics-channel instrumentation (which also
 * names server spans after the Express route), `undici` (global `fetch`) is traced on undici's
 * diagnostics channels, and `express` adds the official per-layer instrumentation only when
 * middleware spans are asked for. Returns `undefined` for names the lean implementation does not
 * replace, and `null` for a name that needs no object.
 */
export function createLeanCoreInstrumentation(name: CoreInstrumentationName, settings: Settings): Instrumentation | null | undefined {
  if (settings.httpInstrumentation !== 'lean') return undefined;
  if (name === 'http') {
    const ignored = createPathMatcher(settings.ignorePaths);
    const trust = { trustRemoteSampling: settings.trustRemoteSampling ?? true, trustedSamplingHeaders: settings.trustedSamplingHeaders ?? [] };
    const debugHeaders = settings.sampling?.debugHeaders ?? [];
    // The propagators this package registers are the ones named; a request without any of their
    // headers (nor a debug or trusted header) has nothing to extract.
    const headers = propagationHeaders(settings.propagators ?? ['tracecontext', 'baggage']);
    return new LeanHttpInstrumentation({
      ignoreIncomingRequest: ignored,
      carriesInboundContext: createInboundHeaderScan([...headers.names, ...debugHeaders.map((entry) => entry.name), ...trust.trustedSamplingHeaders.map((entry) => entry.name)], headers.prefixes),
      inboundParent: createInboundParentResolver(trust),
      samplingInputs: createSamplingInputs({ ...trust, routes: settings.sampling?.routes ?? [], debugHeaders }),
      redactQuery: createQueryRedactor(settings.redactQueryParams),
      captureHeaders: planHeaderCapture(settings.captureHeaders ?? {}),
    });
  }
  if (name === 'undici') return new LeanFetchInstrumentation({ redactQuery: createQueryRedactor(settings.redactQueryParams), captureHeaders: planHeaderCapture(settings.captureHeaders ?? {}) });
  if (name === 'express') return settings.expressMiddlewareSpans ? undefined : null;
  return undefined;
}
