import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { diag } from '@opentelemetry/api';
import { markInternalServer } from '../../instrumentation/internal-server';
import { prometheusListenWarning } from '../warnings';
import type { MetricsRequestHandler } from './metrics-handler';

/** The id of this process as a `cluster` worker; undefined outside one (`node:cluster` is loaded only in a process with an IPC channel). */
function clusterWorkerId(): number | undefined {
  if (process.send === undefined) return undefined;
  const cluster = require('node:cluster') as import('node:cluster').Cluster;
  return cluster.isWorker ? cluster.worker?.id : undefined;
}

/** The path the endpoint serves. */
export const METRICS_PATH = '/metrics';

/**
 * The Prometheus scrape endpoint on its own port (`/metrics`). It never keeps the process alive
 * (the server is unref'd), is neither traced nor counted in the HTTP metrics, and a port already
 * in use gives one warning while everything else keeps running. The port is never shared with
 * other `cluster` workers: the first worker to bind it serves its own metrics there.
 */
export class PrometheusEndpoint {
  readonly #host: string;
  readonly #port: number;
  readonly #server: Server;
  #listening = false;

  constructor(host: string, port: number, handler: MetricsRequestHandler) {
    this.#host = host;
    this.#port = port;
    this.#server = createServer((request, response) => {
      const path = request.url?.split('?')[0];
      if (path !== METRICS_PATH) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`metrics are served at ${METRICS_PATH}\n`);
        return;
      }
      handler(request, response);
    });
    markInternalServer(this.#server);
  }

  /** Starts listening; resolves once listening or once the failure has been reported. Never rejects. */
  start(): Promise<void> {
    return new Promise((resolve) => {
      const onError = (error: Error & { code?: string }): void => {
        diag.warn(prometheusListenWarning(this.#host, this.#port, error.code ?? error.message, clusterWorkerId()));
        resolve();
      };
      this.#server.once('error', onError);
      // Exclusive: in a cluster worker a shared handle would hand each scrape to a different
      // worker, and counters would jump between their values.
      this.#server.listen({ port: this.#port, host: this.#host, exclusive: true }, () => {
        this.#server.off('error', onError);
        this.#server.on('error', (error) => diag.debug(`metrics endpoint error: ${error.message}`));
        this.#listening = true;
        resolve();
      });
      this.#server.unref();
    });
  }

  /** `http://host:port/metrics` once listening. */
  get url(): string | undefined {
    if (!this.#listening) return undefined;
    const address = this.#server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}${METRICS_PATH}`;
  }

  /**
   * Stops taking connections and closes idle ones; a scrape in progress gets its answer (rendering
   * is synchronous) and its connection is closed after it.
   */
  shutdown(): Promise<void> {
    if (!this.#listening) return Promise.resolve();
    this.#listening = false;
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeIdleConnections();
    });
  }
}
