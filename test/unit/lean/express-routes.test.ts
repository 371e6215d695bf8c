import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, NextFunction, Request, Response, Router } from 'express';
import { SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LeanHttpInstrumentation } from '../../../src/instrumentation/lean/lean-http-instrumentation';
import { createTestTracing, type TestTracing } from '../../../src/testing';

type ExpressFactory = (() => Express) & { Router: () => Router };

/** A class of its own, so `error.type` can be seen to be the class name. */
class PaymentDeclinedError extends Error {}

const sleep = (millis: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, millis));

/** Both Express lines the package supports, each installed as a development dependency. */
const EXPRESS_LINES: Array<[string, ExpressFactory]> = [
  ['express 4', require('express4') as ExpressFactory],
  ['express 5', require('express') as ExpressFactory],
];

function buildApp(express: ExpressFactory): Express {
  const app = express();
  const orders = express.Router();
  orders.get('/orders/:oid', (_req, res) => void res.send('order'));
  orders.get('/orders/:oid/refund', () => {
    throw new PaymentDeclinedError('refund refused');
  });
  app.use('/tenant/:tid', orders);

  const level3 = express.Router();
  level3.get('/c/:z', (_req, res) => void res.send('deep'));
  level3.get('/c/:z/fail', (_req, _res, next: NextFunction) => next(new TypeError('deep failure')));
  const level2 = express.Router();
  level2.use('/b/:y', level3);
  const level1 = express.Router();
  level1.use('/b2', level3);
  level1.use('/', level2);
  app.use('/a/:x', level1);

  const sub = express();
  const subRouter = express.Router();
  subRouter.get('/leaf/:leaf', (_req, res) => void res.send('sub router'));
  sub.get('/item/:item', (_req, res) => void res.send('sub app'));
  sub.use('/inner/:inner', subRouter);
  app.use('/sub/:s', sub);

  const versioned = express.Router();
  versioned.get('/things/:id', (_req, res) => void res.send('things'));
  app.use(['/v1', '/v2'], versioned);

  const shared = express.Router();
  shared.get('/s/:id', (_req, res) => void res.send('shared'));
  app.use('/one', shared);
  app.use('/two/:n', shared);

  const matched = express.Router();
  matched.get('/x', (_req, res) => void res.send('regexp mount'));
  app.use(/^\/re\d+/, matched);
  app.get(/^\/rx\/\d+$/, (_req, res) => void res.send('regexp route'));

  app.get('/fail/sync', () => {
    throw new PaymentDeclinedError('kaboom');
  });
  app.get('/fail/next', (_req, _res, next: NextFunction) => next(new TypeError('bad input')));
  app.get('/fail/async', async () => {
    await sleep(1);
    throw new Error('async kaboom');
  });
  app.get('/fail/handled', () => {
    throw new RangeError('handled by middleware');
  });
  app.get('/slow/:id', () => undefined);
  app.use((error: Error, req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/fail/handled') return void res.status(500).json({ error: error.message });
    next(error);
  });
  return app;
}

describe.each(EXPRESS_LINES)('lean HTTP on %s', (line, express) => {
  let tracing: TestTracing;
  let instrumentation: LeanHttpInstrumentation;
  let server: Server;
  let port: number;
  const isExpress5 = line === 'express 5';

  beforeAll(async () => {
    tracing = createTestTracing({ sampler: 'always_on' });
    instrumentation = new LeanHttpInstrumentation({ outgoing: false });
    server = buildApp(express).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => tracing.reset());
  afterAll(async () => {
    instrumentation.disable();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await tracing.shutdown();
  });

  function get(path: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
      request.end();
    });
  }

  async function serverSpan(path: string, expectedStatus = 200): Promise<ReturnType<TestTracing['finishedSpans']>[number]> {
    tracing.reset();
    expect(await get(path), path).toBe(expectedStatus);
    for (let tries = 0; tries < 100 && tracing.finishedSpans().length === 0; tries++) await sleep(5);
    const [span] = tracing.finishedSpans();
    if (span === undefined) throw new Error(`no span for ${path}`);
    return span;
  }

  it.each([
    ['/tenant/acme-corp-secret/orders/o-1', 'GET /tenant/:tid/orders/:oid'],
    ['/a/1/b/2/c/3', 'GET /a/:x/b/:y/c/:z'],
    ['/a/1/b2/c/3', 'GET /a/:x/b2/c/:z'],
    ['/sub/s-9/item/i-7', 'GET /sub/:s/item/:item'],
    ['/sub/s-9/inner/in-1/leaf/l-2', 'GET /sub/:s/inner/:inner/leaf/:leaf'],
    ['/v1/things/42', 'GET /v1/things/:id'],
    ['/v2/things/42', 'GET /v2/things/:id'],
    ['/one/s/5', 'GET /one/s/:id'],
    ['/two/secret-n/s/5', 'GET /two/:n/s/:id'],
    ['/re42/x', 'GET /^\\/re\\d+//x'],
    ['/rx/123', 'GET /^\\/rx\\/\\d+$/'],
  ])('%s is named %s, with the same http.route', async (path, name) => {
    const span = await serverSpan(path);
    expect(span.name).toBe(name);
    expect(span.attributes['http.route']).toBe(name.slice('GET '.length));
  });

  it.each([
    ['/tenant/acme-corp-secret/orders/o-1/refund', 'GET /tenant/:tid/orders/:oid/refund', 'refund refused'],
    ['/a/1/b/2/c/3/fail', 'GET /a/:x/b/:y/c/:z/fail', 'deep failure'],
  ])('an error leaving mounted routers keeps the full route: %s', async (path, name, message) => {
    const span = await serverSpan(path, 500);
    expect(span.name).toBe(name);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message });
  });

  it('many tenants make one span name', async () => {
    const names = new Set<string>();
    for (let tenant = 0; tenant < 20; tenant++) names.add((await serverSpan(`/tenant/tenant-${tenant}-secret/orders/${tenant}`)).name);
    expect([...names]).toEqual(['GET /tenant/:tid/orders/:oid']);
  });

  it.each([
    ['/fail/sync', 'PaymentDeclinedError', 'kaboom'],
    ['/fail/next', 'TypeError', 'bad input'],
    ['/fail/handled', 'RangeError', 'handled by middleware'],
  ])('%s: status message, one exception event and error.type from the error', async (path, type, message) => {
    const span = await serverSpan(path, 500);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message });
    expect(span.attributes['error.type']).toBe(type);
    const exceptions = span.events.filter((event) => event.name === 'exception');
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]?.attributes?.['exception.message']).toBe(message);
    expect(String(exceptions[0]?.attributes?.['exception.stacktrace'])).toContain(message);
  });

  // Express 4 does not route a handler's rejected promise at all, so the case exists only on Express 5.
  if (isExpress5) it('a rejected async handler is recorded too', async () => {
    const span = await serverSpan('/fail/async', 500);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'async kaboom' });
    expect(span.attributes['error.type']).toBe('Error');
    expect(span.events.filter((event) => event.name === 'exception')).toHaveLength(1);
  });

  it('a request that succeeds gets no exception event and no error', async () => {
    const span = await serverSpan('/tenant/t/orders/o');
    expect(span.events).toEqual([]);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('an aborted request keeps the route it matched', async () => {
    tracing.reset();
    const request = httpRequest({ host: '127.0.0.1', port, path: '/slow/s-1' });
    request.on('error', () => undefined);
    request.end();
    await sleep(100);
    request.destroy();
    for (let tries = 0; tries < 100 && tracing.finishedSpans().length === 0; tries++) await sleep(5);
    const [span] = tracing.finishedSpans();
    expect(span?.name).toBe('GET /slow/:id');
    expect(span?.attributes['http.route']).toBe('/slow/:id');
    expect(span?.attributes['error.type']).toBe('aborted');
  });
});
