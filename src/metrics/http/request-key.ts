import type { Attributes } from '@opentelemetry/api';
import { METHODS } from './method-codes';

/**
 * The small attributes of an HTTP duration series packed into one number, so finding the series
 * builds no key string: status (0: no response) + 1000 x (scheme + 2 x (method + 16 x port)).
 * Every part is bounded, so the product stays well inside the exact integers of a double.
 */
export function packRequestKey(methodCode: number, https: boolean, status: number, port = 0): number {
  const safeStatus = status >= 0 && status < 1000 ? status : 0;
  return safeStatus + 1000 * ((https ? 1 : 0) + 2 * (methodCode + 16 * port));
}

interface UnpackedKey {
  method: string;
  scheme: string;
  status: number;
  port: number;
}

function unpack(code: number): UnpackedKey {
  const status = code % 1000;
  const rest = Math.floor(code / 1000);
  const scheme = rest % 2 === 1 ? 'https' : 'http';
  const methodAndPort = Math.floor(rest / 2);
  return { method: METHODS[methodAndPort % 16] ?? '_OTHER', scheme, status, port: Math.floor(methodAndPort / 16) };
}

/** What a request that never got a response records as `error.type` on the server. */
export const ABORTED = 'aborted';

/**
 * Attributes of an `http.server.request.duration` series: `text` is the route template (`''`:
 * none, so `http.route` is absent). `error.type` is the status for 5xx, `aborted` without a response.
 */
export function serverAttributes(text: string, code: number): Attributes {
  const { method, scheme, status } = unpack(code);
  const attributes: Attributes = { 'http.request.method': method, 'url.scheme': scheme };
  if (text !== '') attributes['http.route'] = text;
  if (status === 0) attributes['error.type'] = ABORTED;
  else {
    attributes['http.response.status_code'] = status;
    if (status >= 500) attributes['error.type'] = String(status);
  }
  return attributes;
}

/**
 * Attributes of an `http.client.request.duration` series: `text` is `server.address`; `detail`
 * the error of a request that got no response. `error.type` is the status for 4xx and 5xx.
 */
export function clientAttributes(text: string, code: number, detail: string | undefined): Attributes {
  const { method, scheme, status, port } = unpack(code);
  const attributes: Attributes = { 'http.request.method': method, 'server.address': text };
  if (port !== 0) attributes['server.port'] = port;
  attributes['url.scheme'] = scheme;
  if (status !== 0) attributes['http.response.status_code'] = status;
  if (status >= 400) attributes['error.type'] = String(status);
  else if (status === 0) attributes['error.type'] = detail ?? '_OTHER';
  return attributes;
}
