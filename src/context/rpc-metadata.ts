import { withValue } from './linked-context';
import { createContextKey, type Context, type Span } from '@opentelemetry/api';

/**
 * The context key under which the HTTP server span and its route travel to framework
 * instrumentations. `createContextKey` returns `Symbol.for(description)`, so this is the key
 * `@opentelemetry/core` uses: the official Express instrumentation sets the route on metadata that
 * the lean HTTP instrumentation created, without either side loading that package.
 */
const RPC_METADATA_KEY = createContextKey('OpenTelemetry SDK Context Key RPC_METADATA');

/** The `type` of HTTP metadata; the same string as `RPCType.HTTP` of `@opentelemetry/core`. */
export const RPC_TYPE_HTTP = 'http';

/** What an HTTP server instrumentation leaves in the context for framework instrumentations. */
export interface HttpRpcMetadata {
  type: typeof RPC_TYPE_HTTP;
  /** The server span of the request. */
  span: Span;
  /** The route template a framework matched (`/users/:id`), set by that framework's instrumentation. */
  route?: string;
}

/** `context` with `metadata` attached. */
export function setRpcMetadata(context: Context, metadata: HttpRpcMetadata): Context {
  return withValue(context, RPC_METADATA_KEY, metadata);
}

/** The metadata attached to `context`, if any. */
export function getRpcMetadata(context: Context): HttpRpcMetadata | undefined {
  return context.getValue(RPC_METADATA_KEY) as HttpRpcMetadata | undefined;
}
