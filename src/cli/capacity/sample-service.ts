import type { ViewSpan } from '../trace-model';
import { listenOn } from '../http-errors';
import { createOtlpReceiver } from '../ui/otlp-receiver';

/** What a short sampling of a running service received. */
export interface SampleResult {
  spans: ViewSpan[];
  requests: number;
  rejected: number;
  /** Bytes of the request bodies as they arrived (after decompression). */
  wireBytes: number;
}

/**
 * Listens for OTLP/HTTP on 127.0.0.1:`port` for `seconds`, keeping at most `maxSpans` spans,
 * while the service exports to it. `onTick` is told the seconds passed and spans received.
 */
export async function sampleService(port: number, seconds: number, maxSpans: number, onListening: (url: string) => void, onTick: (elapsed: number, spans: number) => void): Promise<SampleResult> {
  const result: SampleResult = { spans: [], requests: 0, rejected: 0, wireBytes: 0 };
  const receiver = createOtlpReceiver({
    accept(spans, _encoding, bytes) {
      result.requests++;
      result.wireBytes += bytes;
      for (const span of spans) if (result.spans.length < maxSpans) result.spans.push(span);
    },
    reject() {
      result.rejected++;
    },
  });
  const bound = await listenOn(receiver, port, '--port', 'OTLP/HTTP receiver for sampling');
  onListening(`http://127.0.0.1:${bound}`);
  const started = Date.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = Math.min(seconds, Math.round((Date.now() - started) / 1000));
      onTick(elapsed, result.spans.length);
      if (Date.now() - started >= seconds * 1000 || result.spans.length >= maxSpans) {
        clearInterval(timer);
        resolve();
      }
    }, 200);
  });
  await new Promise<void>((resolve) => {
    receiver.close(() => resolve());
    receiver.closeAllConnections();
  });
  return result;
}
