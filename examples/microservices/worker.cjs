// Worker: hosts the loopback queue and consumes `orders.created` messages. Each message is
// handled in a CONSUMER span that continues the producer's trace from the binary headers.
const { trace } = require('@opentelemetry/api');
const { tracedConsume, withSpan } = require('otel-bootstrap');
const { setImmediate } = require('node:timers');
const { startQueueServer } = require('./queue.cjs');

const inbox = [];
let draining = false;

async function fulfil(order) {
  await withSpan('reserve stock', { 'order.item': order.item }, () => new Promise((resolve) => setTimeout(resolve, 3)));
  await withSpan('send confirmation', () => new Promise((resolve) => setTimeout(resolve, 1)));
}

async function drain() {
  if (draining) return;
  draining = true;
  while (inbox.length > 0) {
    const message = inbox.shift();
    try {
      await tracedConsume({ system: 'loopback-queue', destination: message.topic, messageId: message.id }, message.headers, async () => {
        const order = JSON.parse(message.body.toString('utf8'));
        await fulfil(order);
        console.log(`processed order ${order.id} trace ${trace.getActiveSpan()?.spanContext().traceId ?? 'none'}`);
      });
    } catch (error) {
      console.error(`order ${message.id} failed: ${error.message}`);
    }
  }
  draining = false;
}

startQueueServer((message) => {
  inbox.push(message);
  setImmediate(() => void drain());
}, Number(process.env.PORT ?? 0)).then((server) => {
  console.log(`listening on tcp://127.0.0.1:${server.address().port}`);
});
