/**
 * Recording a request's metrics allocates nothing: the new-space bytes used across many
 * recordings (after warm-up, with a collection before) stay far below one object per recording,
 * beyond what Node's own clock allocates for the two readings a request takes (Node 22's
 * `performance.now()` boxes some of its results; later lines do not). Allocation is counted, not
 * time, so the check is the same on a slow or a busy machine.
 */
import * as diagnosticsChannel from 'node:diagnostics_channel';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString, getHeapSpaceStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { trace, TraceFlags } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_DURATION_BUCKETS } from '../../../src/metrics/buckets';
import { HistogramInstrument } from '../../../src/metrics/histogram-instrument';
import { HttpServerMetrics } from '../../../src/metrics/http/http-server-metrics';
import { serverAttributes } from '../../../src/metrics/http/request-key';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const ITERATIONS = 200_000;
/** The smallest heap object is 16 bytes; one per recording would be 16 here. */
const MAX_BYTES_PER_RECORDING = 1;

function newSpaceUsed(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_used_size ?? Number.NaN;
}

/** Bytes of new space per call of `body`, the lowest of five rounds. */
function bytesPerCall(body: (index: number) => void): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    for (let index = 0; index < 20_000; index++) body(index);
    collectGarbage();
    const before = newSpaceUsed();
    for (let index = 0; index < ITERATIONS; index++) body(index);
    best = Math.min(best, (newSpaceUsed() - before) / ITERATIONS);
  }
  return best;
}

const SAMPLED = trace.wrapSpanContext({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED });
const UNSAMPLED = trace.wrapSpanContext({ traceId: '4bf92f3577b34da6a3ce929d0e0e4737', spanId: '00f067aa0ba902b8', traceFlags: TraceFlags.NONE });

describe('allocation of the recording path', () => {
  it('a histogram measurement, with or without an exemplar, allocates nothing', () => {
    const instrument = new HistogramInstrument({ name: 'x', description: '', unit: 's', boundaries: HTTP_DURATION_BUCKETS }, 2000);
    const { traceId, spanId } = SAMPLED.spanContext();
    const measurement = new Float64Array(2);
    const bytes = bytesPerCall((index) => {
      const series = instrument.series('/users/:id', 200 + (index & 1), undefined, serverAttributes);
      measurement[0] = index / 1e6;
      measurement[1] = 1_700_000_000_000 + index;
      if ((index & 7) === 0) series.recordMeasurement(measurement, traceId, spanId);
      else series.recordMeasurement(measurement);
    });
    expect(bytes).toBeLessThan(MAX_BYTES_PER_RECORDING);
  });

  describe('a whole server request: start noted by the instrumentation, end from the response-finish channel', () => {
    const metrics = new HttpServerMetrics({ seriesLimit: 2000, source: 'instrumentation', ignore: () => false });
    beforeAll(() => metrics.start());
    afterAll(() => metrics.stop());

    it.each([
      { kind: 'unsampled', span: UNSAMPLED },
      { kind: 'sampled (the exemplar is written too)', span: SAMPLED },
    ])('allocates nothing per $kind request once its connection is known', ({ span }) => {
      const socket = new EventEmitter() as unknown as Socket;
      const request = { method: 'GET', url: '/users/7', baseUrl: '', route: { path: '/users/:id' } } as unknown as IncomingMessage;
      const message = { request, response: { statusCode: 200 }, socket, server: {} };
      const finish = diagnosticsChannel.channel('http.server.response.finish');
      const readings = new Float64Array(2);
      const clock = bytesPerCall(() => {
        readings[0] = performance.now();
        readings[1] = performance.now();
      });
      const bytes = bytesPerCall(() => {
        metrics.requestStarted(request, socket, span);
        finish.publish(message);
      });
      expect(bytes - clock).toBeLessThan(MAX_BYTES_PER_RECORDING);
    });
  });
});
