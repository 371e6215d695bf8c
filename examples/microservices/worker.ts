// Worker: hosts the loopback queue and consumes `orders.created` messages. Each message is
// handled in a CONSUMER span that continues the producer's trace from the binary headers.
import type { AddressInfo } from 'node:net';
import { setImmediate } from 'node:timers';
import { trace } from '@opentelemetry/api';
import { tracedConsume, withSpan } from 'otel-bootstrap';
import { startQueueServer, type IncomingMessage } from './queue.js';

const inbox: IncomingMessage[] = [];
let draining = false;

async function fulfil(order: { item: string }): Promise<void> {
  await withSpan('reserve stock', { 'order.item': order.item }, () => new Promise((resolve) => setTimeout(resolve, 3)));
  await withSpan('send confirmation', () => new Promise((resolve) => setTimeout(resolve, 1)));
}

async function drain(): Promise<void> {
  if (draining) return;
  draining = true;
  for (let message = inbox.shift(); message !== undefined; message = inbox.shift()) {
    const { topic, id, headers, body } = message;
    try {
      await tracedConsume({ system: 'loopback-queue', destination: topic, messageId: id }, headers, async () => {
        const order = JSON.parse(body.toString('utf8')) as { id: string; item: string };
        await fulfil(order);
        console.log(`processed order ${order.id} trace ${trace.getActiveSpan()?.spanContext().traceId ?? 'none'}`);
      });
    } catch (error) {
      console.error(`order ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  draining = false;
}

void startQueueServer((message) => {
  inbox.push(message);
  setImmediate(() => void drain());
}, Number(process.env.PORT ?? 0)).then((server) => {
  console.log(`listening on tcp://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
