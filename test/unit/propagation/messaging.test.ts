import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getBaggage, withBaggage } from '../../../src/propagation/baggage';
import { tracedConsume, tracedProduce } from '../../../src/propagation/messaging';
import { createTestTracing, type TestTracing } from '../../../src/testing';

let tracing: TestTracing;

beforeEach(() => {
  tracing = createTestTracing({ propagators: ['tracecontext', 'baggage'] });
});

afterEach(async () => {
  await tracing.shutdown();
});

function only(name: string): ReadableSpan {
  const spans = tracing.spansNamed(name);
  expect(spans).toHaveLength(1);
  return spans[0] as ReadableSpan;
}

/** A queue of messages with binary headers, as a Kafka or AMQP client would deliver them. */
interface Message {
  id: string;
  body: string;
  headers: Record<string, Buffer>;
}

describe('tracedProduce', () => {
  it('sends inside a PRODUCER span with messaging attributes and injects binary headers', () => {
    const sent: Message[] = [];
    const carrier: Record<string, Buffer> = {};
    const result = tracedProduce({ system: 'kafka', destination: 'orders', messageId: 'm-1', binary: true, headers: carrier }, (headers, span) => {
      sent.push({ id: 'm-1', body: '{}', headers });
      expect(trace.getActiveSpan()).toBe(span);
      return 'ok';
    });
    expect(result).toBe('ok');
    const producer = only('send orders');
    expect(producer.kind).toBe(SpanKind.PRODUCER);
    expect(producer.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': 'orders',
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'send',
      'messaging.message.id': 'm-1',
    });
    const traceparent = sent[0]?.headers.traceparent;
    expect(Buffer.isBuffer(traceparent)).toBe(true);
    expect(traceparent?.toString()).toBe(`00-${producer.spanContext().traceId}-${producer.spanContext().spanId}-01`);
  });

  it('creates headers when none are given and sets the batch count for batches', async () => {
    const single = tracedProduce({ system: 'rabbitmq', destination: 'jobs' }, (headers) => headers);
    expect(Object.keys(single)).toContain('traceparent');

    const batch = [{}, {}, {}] as Array<Record<string, string>>;
    await tracedProduce({ system: 'nats', destination: 'events', headers: batch, messageId: 'ignored' }, async (headers) => {
      await Promise.resolve();
      expect(headers).toBe(batch);
    });
    const producer = only('send events');
    expect(producer.attributes['messaging.batch.message_count']).toBe(3);
    expect(producer.attributes['messaging.message.id']).toBeUndefined();
    for (const headers of batch) expect(headers.traceparent).toContain(producer.spanContext().spanId);
  });

  it('is a child of the active span', () => {
    tracing.tracer().startActiveSpan('POST /orders', (server) => {
      tracedProduce({ system: 'kafka', destination: 'orders' }, () => undefined);
      server.end();
    });
    expect(tracing.namedTree()).toEqual([{ name: 'POST /orders', children: [{ name: 'send orders', children: [] }] }]);
  });

  it('records a synchronous failure and rethrows it unchanged', () => {
    const failure = new TypeError('broker down');
    expect(() =>
      tracedProduce({ system: 'kafka', destination: 'orders' }, () => {
        throw failure;
      }),
    ).toThrow(failure);
    const producer = only('send orders');
    expect(producer.status).toEqual({ code: SpanStatusCode.ERROR, message: 'broker down' });
    expect(producer.events.map((event) => event.name)).toEqual(['exception']);
    expect(producer.attributes['error.type']).toBe('TypeError');
  });

  it('records a rejection and rejects with the same error', async () => {
    const failure = new Error('timeout');
    await expect(tracedProduce({ system: 'kafka', destination: 'orders' }, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(only('send orders').status.code).toBe(SpanStatusCode.ERROR);
    expect(only('send orders').events[0]?.attributes?.['exception.message']).toBe('timeout');
  });
});

describe('tracedConsume', () => {
  function produce(destination: string, id: string): Message {
    const carrier: Record<string, Buffer> = {};
    return tracedProduce({ system: 'kafka', destination, messageId: id, binary: true, headers: carrier }, (headers) => ({ id, body: id, headers }));
  }

  it('processes one message in a CONSUMER span that is a child of the producer', () => {
    const message = tracing.tracer().startActiveSpan('POST /orders', (server) => {
      const produced = produce('orders', 'm-1');
      server.end();
      return produced;
    });
    tracing.reset();

    const handled = tracedConsume({ system: 'kafka', destination: 'orders', messageId: message.id }, message.headers, (span) => {
      expect(trace.getActiveSpan()).toBe(span);
      tracing.tracer().startSpan('charge').end();
      return message.body;
    });
    expect(handled).toBe('m-1');

    const consumer = only('process orders');
    expect(consumer.kind).toBe(SpanKind.CONSUMER);
    expect(consumer.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': 'orders',
      'messaging.operation.type': 'process',
      'messaging.message.id': 'm-1',
    });
    const traceparent = message.headers.traceparent?.toString() ?? '';
    const [, traceId, producerSpanId] = traceparent.split('-');
    expect(consumer.spanContext().traceId).toBe(traceId);
    expect(consumer.parentSpanContext?.spanId).toBe(producerSpanId);
    expect(consumer.parentSpanContext?.isRemote).toBe(true);
    expect(consumer.links).toEqual([]);
    expect(only('charge').parentSpanContext?.spanId).toBe(consumer.spanContext().spanId);
  });

  it('makes the whole produce/consume flow one trace', async () => {
    const queue: Message[] = [];
    tracing.tracer().startActiveSpan('POST /orders', (server) => {
      queue.push(produce('orders', 'm-1'));
      server.end();
    });
    const message = queue.shift() as Message;
    await tracedConsume({ system: 'kafka', destination: 'orders' }, message.headers, async () => {
      await Promise.resolve();
    });
    expect(tracing.namedTree()).toEqual([
      { name: 'POST /orders', children: [{ name: 'send orders', children: [{ name: 'process orders', children: [] }] }] },
    ]);
  });

  it('carries baggage from the producer to the consumer', () => {
    const message = withBaggage({ tenant: 'acme' }, () => produce('orders', 'm-1'));
    const tenant = tracedConsume({ system: 'kafka', destination: 'orders' }, message.headers, () => getBaggage('tenant'));
    expect(tenant).toBe('acme');
  });

  it('links a batch to every producer context', () => {
    const messages = [produce('orders', 'a'), produce('orders', 'b'), produce('orders', 'c')];
    const producers = tracing.spansNamed('send orders').map((span) => span.spanContext());
    tracing.reset();

    tracing.tracer().startActiveSpan('poll', (poll) => {
      tracedConsume({ system: 'kafka', destination: 'orders', messageId: 'ignored' }, messages.map((message) => message.headers), () => undefined);
      poll.end();
    });

    const consumer = only('process orders');
    expect(consumer.attributes['messaging.batch.message_count']).toBe(3);
    expect(consumer.attributes['messaging.message.id']).toBeUndefined();
    expect(consumer.links.map((link) => link.context.spanId)).toEqual(producers.map((context) => context.spanId));
    expect(consumer.links.map((link) => link.context.traceId)).toEqual(producers.map((context) => context.traceId));
    expect(new Set(producers.map((context) => context.traceId)).size).toBe(3);
    expect(consumer.parentSpanContext?.spanId).toBe(only('poll').spanContext().spanId);
  });

  it('skips links for batch messages without a valid context', () => {
    const good = produce('orders', 'a');
    tracedConsume({ system: 'kafka', destination: 'orders' }, [good.headers, {}, { traceparent: Buffer.from('garbage') }], () => undefined);
    const consumer = only('process orders');
    expect(consumer.links).toHaveLength(1);
    expect(consumer.attributes['messaging.batch.message_count']).toBe(3);
  });

  it('supports receive spans', () => {
    tracedConsume({ system: 'rabbitmq', destination: 'jobs', operation: 'receive' }, undefined, () => undefined);
    expect(only('receive jobs').attributes['messaging.operation.type']).toBe('receive');
  });

  it('starts a new trace for malformed headers', () => {
    tracedConsume({ system: 'kafka', destination: 'orders' }, { traceparent: Buffer.from([0xff, 0x00]) }, () => undefined);
    const consumer = only('process orders');
    expect(consumer.parentSpanContext).toBeUndefined();
    expect(trace.isSpanContextValid(consumer.spanContext())).toBe(true);
  });

  it('records a handler failure and rethrows it unchanged', async () => {
    const message = produce('orders', 'm-1');
    const failure = new RangeError('bad order');
    await expect(
      tracedConsume({ system: 'kafka', destination: 'orders' }, message.headers, async () => {
        await Promise.resolve();
        throw failure;
      }),
    ).rejects.toBe(failure);
    const consumer = only('process orders');
    expect(consumer.status).toEqual({ code: SpanStatusCode.ERROR, message: 'bad order' });
    expect(consumer.events.map((event) => event.name)).toEqual(['exception']);
    expect(consumer.attributes['error.type']).toBe('RangeError');
  });

  it('records a thrown non-Error value', () => {
    expect(() =>
      tracedConsume({ system: 'kafka', destination: 'orders' }, {}, () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a non-Error value on purpose
        throw 'plain string';
      }),
    ).toThrow('plain string');
    expect(only('process orders').status).toEqual({ code: SpanStatusCode.ERROR, message: 'plain string' });
  });
});
