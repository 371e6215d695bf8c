// Orders service: Express; publishes an `orders.created` message with binary headers to the
// loopback queue, inside a PRODUCER span that injects the trace context into those headers.
const { randomUUID } = require('node:crypto');
const express = require('express');
const { tracedProduce } = require('otel-bootstrap');
const { connectQueue } = require('./queue.cjs');

const queuePort = Number(process.env.QUEUE_PORT);
if (!Number.isInteger(queuePort) || queuePort <= 0) throw new Error('QUEUE_PORT must name the worker queue port');
const queue = connectQueue(queuePort);
const TOPIC = 'orders.created';

const app = express();
app.use(express.json());

app.post('/orders', async (req, res, next) => {
  try {
    const order = { id: randomUUID(), userId: req.body.userId, item: req.body.item, tier: req.body.tier };
    await tracedProduce({ system: 'loopback-queue', destination: TOPIC, messageId: order.id, binary: true }, (headers) =>
      queue.publish({ topic: TOPIC, id: order.id, headers, body: JSON.stringify(order) }),
    );
    res.status(201).json(order);
  } catch (error) {
    next(error);
  }
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
