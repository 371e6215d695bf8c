// Billing: a service instrumented with the OpenTracing API, as it was with jaeger-client, now
// running on otel-bootstrap through the bridge. Its own code creates the server and client spans
// (tracing of http itself is off here) and speaks Jaeger's uber-trace-id, as its jaeger-client
// neighbours do.
//
//   GET /checkout/:sku  asks inventory to reserve the item, answers with the trace id
//   GET /prices/:sku    called back by inventory
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FORMAT_HTTP_HEADERS, globalTracer, initGlobalTracer, Tags, type Span } from 'opentracing';
import { init } from 'otel-bootstrap';
import { createOpenTracingTracer } from 'otel-bootstrap/opentracing';

const tracing = init({ instrumentations: 'none' });
initGlobalTracer(createOpenTracingTracer({ propagators: ['jaeger'] }));
const tracer = globalTracer();

const INVENTORY_URL = process.env.INVENTORY_URL;
if (!INVENTORY_URL) throw new Error('INVENTORY_URL must be set');
const PRICES: Record<string, number> = { tea: 4, teapot: 30 };

/** The server span of a request: a child of the caller's span when the headers carry one. */
function serverSpan(name: string, req: http.IncomingMessage): Span {
  const parent = tracer.extract(FORMAT_HTTP_HEADERS, req.headers);
  return tracer.startSpan(name, {
    ...(parent === null ? {} : { childOf: parent }),
    tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_SERVER, [Tags.HTTP_METHOD]: req.method, [Tags.HTTP_URL]: req.url },
  });
}

function reserve(parent: Span, sku: string): Promise<{ reserved: boolean; price: number }> {
  const span = tracer.startSpan('inventory.reserve', { childOf: parent, tags: { [Tags.SPAN_KIND]: Tags.SPAN_KIND_RPC_CLIENT, 'inventory.sku': sku } });
  const headers: Record<string, string> = {};
  tracer.inject(span.context(), FORMAT_HTTP_HEADERS, headers);
  return new Promise((resolve, reject) => {
    const request = http.request(`${INVENTORY_URL}/reserve/${encodeURIComponent(sku)}`, { method: 'POST', headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        span.setTag(Tags.HTTP_STATUS_CODE, response.statusCode);
        if ((response.statusCode ?? 500) >= 400) span.setTag(Tags.ERROR, true);
        span.finish();
        resolve(JSON.parse(body) as { reserved: boolean; price: number });
      });
    });
    request.setTimeout(5000, () => request.destroy(new Error('inventory timed out')));
    request.on('error', (error) => {
      span.setTag(Tags.ERROR, true);
      span.log({ event: 'error', 'error.object': error });
      span.finish();
      reject(error);
    });
    request.end();
  });
}

async function checkout(req: http.IncomingMessage, res: http.ServerResponse, sku: string): Promise<void> {
  const span = serverSpan('checkout', req);
  span.setBaggageItem('customer.tier', 'gold');
  try {
    const reservation = await reserve(span, sku);
    span.log({ event: 'reserved', 'inventory.sku': sku });
    res.setHeader('x-trace-id', span.context().toTraceId());
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sku, ...reservation, traceId: span.context().toTraceId() }));
    span.setTag(Tags.HTTP_STATUS_CODE, 200);
  } catch (error) {
    span.setTag(Tags.ERROR, true);
    span.log({ event: 'error', 'error.object': error });
    res.writeHead(502).end();
  } finally {
    span.finish();
  }
}

function price(req: http.IncomingMessage, res: http.ServerResponse, sku: string): void {
  const span = serverSpan('price lookup', req);
  const found = PRICES[sku];
  span.setTag('inventory.sku', sku);
  if (found === undefined) {
    span.setTag(Tags.HTTP_STATUS_CODE, 404);
    res.writeHead(404).end();
  } else {
    span.setTag(Tags.HTTP_STATUS_CODE, 200);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sku, price: found }));
  }
  span.finish();
}

const server = http.createServer((req, res) => {
  const [, route, sku] = /^\/(checkout|prices)\/([^/?]+)/.exec(req.url ?? '') ?? [];
  if (route === 'checkout' && sku !== undefined) void checkout(req, res, decodeURIComponent(sku));
  else if (route === 'prices' && sku !== undefined) price(req, res, decodeURIComponent(sku));
  else res.writeHead(404).end();
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

process.once('SIGTERM', () => {
  server.close();
  void tracing.shutdown();
});
