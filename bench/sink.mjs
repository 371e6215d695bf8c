// A trace sink on 127.0.0.1 for the benchmarks: accepts OTLP/HTTP (`/v1/traces`) and the Datadog
// agent's trace endpoints (`/v0.4/traces`, `/v0.5/traces`), counts requests and bytes, and
// answers every request at once with an empty success.
import { createServer } from 'node:http';

const TRACE_PATHS = new Set(['/v1/traces', '/v0.4/traces', '/v0.5/traces']);

/** Starts a sink; `stats` counts trace requests and their bytes, `close()` stops it. */
export async function createSink() {
  const stats = { requests: 0, bytes: 0 };
  const server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk) => {
      bytes += chunk.length;
    });
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      if (TRACE_PATHS.has(path)) {
        stats.requests++;
        stats.bytes += bytes;
      }
      if (path.startsWith('/v0.')) {
        const body = '{"rate_by_service":{}}';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
        res.end(body);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': '0' });
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, stats, close: () => new Promise((resolve) => server.close(resolve)) };
}
