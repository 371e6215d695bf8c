/**
 * Nothing sensitive by default: credentials in URLs, the signed-URL query keys the semantic
 * conventions list and configured extra keys never reach exported spans, and headers are
 * recorded only by allowlist. The service runs under `--require dist/register.cjs` and exports
 * OTLP/JSON to a receiver in this file that keeps the raw request bodies, so the assertion "the
 * secret appears nowhere" covers every field of the export, not only the decoded ones.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJsonTraces, type ReceivedSpan } from './support/otlp-decode';
import { assertBuilt, FIXTURE_APPS, REGISTER_CJS, startService, stopService, type ServiceProcess } from './support/service-process';

/** Every secret sent; none may appear in any export body. */
const SECRETS = {
  sig: 'secret-sig-1',
  Signature: 'secret-signature-2',
  AWSAccessKeyId: 'secret-akid-3',
  'X-Goog-Signature': 'secret-goog-4',
  'X-Amz-Signature': 'secret-amzsig-5',
  'X-Amz-Credential': 'secret-amzcred-6',
  'X-Amz-Security-Token': 'secret-amztoken-7',
  session_id: 'secret-configured-8',
} as const;
const URL_PASSWORD = 'secret-url-password-9';
const ABSOLUTE_FORM_PASSWORD = 'secret-absolute-form-10';
const AUTHORIZATION = 'Bearer secret-authorization-11';
const COOKIE = 'sid=secret-cookie-12';
const ALL_SECRET_TEXTS = [...Object.values(SECRETS), URL_PASSWORD, ABSOLUTE_FORM_PASSWORD, 'secret-authorization-11', 'secret-cookie-12'];

const SECRET_QUERY = Object.entries(SECRETS)
  .map(([key, value]) => `${encodeURIComponent(key)}=${value}`)
  .join('&');

interface RawReceiver {
  url: string;
  bodies: string[];
  spans(): ReceivedSpan[];
  close(): Promise<void>;
}

async function startRawJsonReceiver(): Promise<RawReceiver> {
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    spans: () => bodies.flatMap((body) => decodeJsonTraces(Buffer.from(body))),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends a request line as given (here an absolute-form target with user info) on a raw socket. */
function rawRequest(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('raw request timed out'));
    }, 10_000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  });
}

const stringArray = (value: unknown): string[] | undefined => (Array.isArray(value) ? (value as string[]) : undefined);

for (const httpInstrumentation of ['lean', 'official'] as const) {
  describe(`redaction and header capture (${httpInstrumentation} HTTP instrumentation)`, () => {
    let receiver: RawReceiver;
    let service: ServiceProcess | undefined;
    let spans: ReceivedSpan[] = [];
    let port = 0;

    beforeAll(async () => {
      assertBuilt();
      receiver = await startRawJsonReceiver();
      service = await startService(['--require', REGISTER_CJS, join(FIXTURE_APPS, 'express-app.cjs')], {
        NODE_ENV: 'development',
        OTEL_SERVICE_NAME: `redaction-${httpInstrumentation}`,
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_BOOTSTRAP_HTTP_INSTRUMENTATION: httpInstrumentation,
        // `url` is the fixture's own parameter that carries the downstream URL (secrets included).
        OTEL_BOOTSTRAP_REDACT_QUERY_PARAMS: 'session_id,url',
        OTEL_BOOTSTRAP_CAPTURE_REQUEST_HEADERS: 'x-request-id,X-Tenant',
        OTEL_BOOTSTRAP_CAPTURE_RESPONSE_HEADERS: 'Content-Type',
      });
      port = Number(new URL(service.baseUrl).port);
      const headers = { 'x-request-id': 'rid-1', 'x-tenant': 'acme', authorization: AUTHORIZATION, cookie: COOKIE };
      expect((await fetch(`${service.baseUrl}/users/1?${SECRET_QUERY}&page=2`, { headers })).status).toBe(200);
      const viaHttp = `http://user:${URL_PASSWORD}@127.0.0.1:${port}/users/2?${SECRET_QUERY}`;
      expect((await fetch(`${service.baseUrl}/via-http?url=${encodeURIComponent(viaHttp)}`)).status).toBe(200);
      const viaFetch = `http://127.0.0.1:${port}/users/3?${SECRET_QUERY}`;
      expect((await fetch(`${service.baseUrl}/via-fetch?url=${encodeURIComponent(viaFetch)}`)).status).toBe(200);
      expect(await rawRequest(port, `http://user:${ABSOLUTE_FORM_PASSWORD}@127.0.0.1:${port}/users/4?sig=${SECRETS.sig}`)).toMatch(/^HTTP\/1\.1 200/);
      service.kill('SIGTERM');
      await service.exited;
      spans = receiver.spans();
    });
    afterAll(async () => {
      await stopService(service);
      await receiver.close();
    });

    it('exports the spans of every request (so the absence checks below mean something)', () => {
      const servers = spans.filter((span) => span.kind === 2);
      const clients = spans.filter((span) => span.kind === 3);
      // users/1, via-http, users/2, via-fetch, users/3, users/4
      expect(servers.filter((span) => span.scope !== '@opentelemetry/instrumentation-express')).toHaveLength(6);
      expect(clients.map((span) => span.attributes['server.port'])).toEqual([port, port]);
    });

    it('no secret value appears anywhere in the exported JSON', () => {
      const everything = receiver.bodies.join('\n');
      expect(everything.length).toBeGreaterThan(0);
      const leaked = ALL_SECRET_TEXTS.filter((secret) => everything.includes(secret));
      expect(leaked).toEqual([]);
    });

    it('url.query and url.full keep their shape with each listed and configured key REDACTED', () => {
      const server = spans.find((span) => span.kind === 2 && span.attributes['url.path'] === '/users/1');
      const query = new URLSearchParams(String(server?.attributes['url.query']));
      for (const key of Object.keys(SECRETS)) expect(query.get(key), key).toBe('REDACTED');
      expect(query.get('page')).toBe('2');
      const viaHttp = spans.find((span) => span.kind === 2 && span.attributes['url.path'] === '/via-http');
      expect(viaHttp?.attributes['url.query']).toBe('url=REDACTED');
      for (const client of spans.filter((span) => span.kind === 3)) {
        const full = new URL(String(client.attributes['url.full']));
        expect(full.password === '' || full.password === 'REDACTED').toBe(true);
        for (const key of Object.keys(SECRETS)) expect(full.searchParams.get(key), `${key} in ${full.href}`).toBe('REDACTED');
      }
    });

    it('records only the allowlisted headers, as lower-cased string-array attributes', () => {
      const server = spans.find((span) => span.kind === 2 && span.attributes['url.path'] === '/users/1');
      expect(server?.attributes['http.request.header.x-request-id']).toEqual(['rid-1']);
      expect(server?.attributes['http.request.header.x-tenant']).toEqual(['acme']);
      expect(stringArray(server?.attributes['http.response.header.content-type'])?.[0]).toMatch(/^application\/json/);
      for (const span of spans) {
        const captured = Object.keys(span.attributes).filter((key) => key.startsWith('http.request.header.') || key.startsWith('http.response.header.'));
        expect(captured.every((key) => ['http.request.header.x-request-id', 'http.request.header.x-tenant', 'http.response.header.content-type'].includes(key)), captured.join()).toBe(true);
      }
      const clientResponses = spans.filter((span) => span.kind === 3).map((span) => stringArray(span.attributes['http.response.header.content-type'])?.[0]);
      expect(clientResponses).toEqual([expect.stringMatching(/^application\/json/), expect.stringMatching(/^application\/json/)]);
    });
  });
}
