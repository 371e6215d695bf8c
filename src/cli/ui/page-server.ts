import { createServer, type Server, type ServerResponse } from 'node:http';
import type { TraceStore } from './trace-store';
import type { TraceFilter } from './trace-summary';
import { packSpans } from './span-pack';

/** Traces listed at most in one answer of the list API. */
const LIST_LIMIT = 500;
/** Updates to the page are sent at most this often. */
const UPDATE_INTERVAL_MILLIS = 250;
/** A comment line keeps idle event streams open through proxies. */
const HEARTBEAT_MILLIS = 15_000;

/** The web page server with the store behind it, and a way to tell pages that traces changed. */
export interface PageServer {
  server: Server;
  /** Schedules one update event to every open page (coalesced). */
  notifyChanged(): void;
  /** Ends the open event streams. */
  closeStreams(): void;
}

/**
 * Serves the page (`/`), the JSON API it reads (`/api/traces`, `/api/traces/<id>`) and a
 * Server-Sent Events stream (`/api/events`) that announces new spans, at most four times a second.
 */
export function createPageServer(store: TraceStore, pageHtml: string): PageServer {
  const streams = new Set<ServerResponse>();
  let pending: NodeJS.Timeout | undefined;
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, HEARTBEAT_MILLIS);
  heartbeat.unref();

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET') return json(response, 405, { error: 'only GET is served' });
    if (url.pathname === '/' || url.pathname === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return void response.end(pageHtml);
    }
    if (url.pathname === '/api/traces') {
      const filter = filterFrom(url.searchParams);
      return json(response, 200, { traces: store.list(filter, LIST_LIMIT), stats: store.stats(), services: store.services() });
    }
    const traceMatch = /^\/api\/traces\/([0-9a-fA-F]{32})$/.exec(url.pathname);
    if (traceMatch !== null) {
      const spans = store.trace((traceMatch[1] as string).toLowerCase());
      return spans === undefined ? json(response, 404, { error: 'trace not held (never received, or dropped to stay within the limits)' }) : json(response, 200, packSpans(spans));
    }
    if (url.pathname === '/api/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(`event: update\ndata: ${JSON.stringify(store.stats())}\n\n`);
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    json(response, 404, { error: 'not found' });
  });

  return {
    server,
    notifyChanged() {
      if (pending !== undefined || streams.size === 0) return;
      pending = setTimeout(() => {
        pending = undefined;
        const data = `event: update\ndata: ${JSON.stringify(store.stats())}\n\n`;
        for (const stream of streams) stream.write(data);
      }, UPDATE_INTERVAL_MILLIS);
      pending.unref();
    },
    closeStreams() {
      clearInterval(heartbeat);
      if (pending !== undefined) clearTimeout(pending);
      for (const stream of streams) stream.end();
      streams.clear();
    },
  };
}

/** Reads the list filters from query parameters. */
export function filterFrom(params: URLSearchParams): TraceFilter {
  const filter: TraceFilter = {};
  const service = params.get('service');
  if (service) filter.service = service;
  const name = params.get('name');
  if (name) filter.name = name;
  const attribute = params.get('attribute');
  if (attribute) filter.attribute = attribute;
  const minDuration = Number(params.get('minDuration') ?? '');
  if (params.get('minDuration') && Number.isFinite(minDuration)) filter.minDurationMillis = minDuration;
  return filter;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}
