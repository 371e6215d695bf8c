import type { IncomingMessage, ServerResponse } from 'node:http';
import { diag } from '@opentelemetry/api';
import { LOG_PREFIX } from '../../config/warnings';
import { CONTENT_TYPES, type ExpositionFormat } from './format-exposition';
import { negotiateFormat } from './negotiate';

/** A request handler that serves the metrics: `(request, response) => void`, mountable on any Node HTTP server or Express. */
export type MetricsRequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Serves `render(format)` to GET and HEAD requests in the format the `Accept` header asks for
 * (OpenMetrics for Prometheus, with exemplars; Prometheus text otherwise). Rendering never throws
 * into the server: a failure answers 500.
 */
export function createMetricsHandler(render: (format: ExpositionFormat) => string): MetricsRequestHandler {
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      response.end('method not allowed\n');
      return;
    }
    const format = negotiateFormat(request.headers.accept);
    let body: string;
    try {
      body = render(format);
    } catch (error) {
      diag.warn(`${LOG_PREFIX} metrics could not be rendered: ${error instanceof Error ? error.message : String(error)}`);
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('metrics could not be rendered\n');
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[format], 'content-length': Buffer.byteLength(body) });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
