import type { IncomingMessage } from 'node:http';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '../../context/suppress-tracing';

/** Largest answer read; a strategy is a few kilobytes. */
export const MAX_STRATEGY_BYTES = 1024 * 1024;

/** A request in flight that can be given up. */
export interface StrategyRequest {
  readonly body: Promise<string>;
  abort(): void;
}

/**
 * GETs `url` with tracing suppressed (the poll is not the application's traffic) and settles
 * within `timeoutMillis` whatever the server does: a connection that never answers, an answer
 * that trickles, or one larger than {@link MAX_STRATEGY_BYTES} all reject. The socket never keeps
 * the process alive.
 */
export function fetchStrategy(url: URL, timeoutMillis: number): StrategyRequest {
  // Loaded when a remote sampler starts, never when the package is imported.
  const transport = (url.protocol === 'https:' ? require('node:https') : require('node:http')) as typeof import('node:http');
  let abort: () => void = () => undefined;
  const body = new Promise<string>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, text?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      if (error === undefined) resolve(text ?? '');
      else reject(error);
    };
    // Callbacks run after this function returns, once `request` and `timer` exist.
    const request = context.with(suppressTracing(context.active()), () =>
      transport.get(url, { headers: { accept: 'application/json' } }, (response: IncomingMessage) => {
        if (response.statusCode !== 200) {
          response.resume();
          finish(new Error(`HTTP status ${response.statusCode ?? 'unknown'}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_STRATEGY_BYTES) finish(new Error(`the answer is larger than ${MAX_STRATEGY_BYTES} bytes`));
          else chunks.push(chunk);
        });
        response.on('end', () => finish(undefined, Buffer.concat(chunks).toString('utf8')));
        response.on('error', (error) => finish(error));
        response.on('aborted', () => finish(new Error('the answer was cut off')));
      }),
    );
    request.on('error', (error) => finish(error));
    request.on('socket', (socket) => socket.unref());
    const timer = setTimeout(() => finish(new Error(`no complete answer within ${timeoutMillis} ms`)), timeoutMillis);
    timer.unref();
    abort = () => finish(new Error('stopped'));
  });
  return { body, abort: () => abort() };
}
