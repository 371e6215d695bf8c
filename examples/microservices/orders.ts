// Orders service: Express; publishes an `orders.created` message with binary headers to the
// loopback queue, inside a PRODUCER span that injects the trace context into those headers.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { tracedProduce } from 'otel-bootstrap';
import { connectQueue } from './queue.js';

const queuePort = Number(process.env.QUEUE_PORT);
if (!Number.isInteger(queuePort) || queuePort <= 0) throw new Error('QUEUE_PORT must name the worker queue port');
const queue = connectQueue(queuePort);
const TOPIC = 'orders.created';

const app = express();
app.use(express.json());

app.post('/orders', async (req, res, next) => {
  try {
    const body = req.body as { userId: string; item: string; tier: string };
    const order = { id: randomUUID(), userId: body.userId, item: body.item, tier: body.tier };
    await tracedProduce({ system: 'loopback-queue', destination: TOPIC, messageId: order.id, binary: true, headers: {} }, (headers) =>
      queue.publish({ topic: TOPIC, id: order.id, headers, body: JSON.stringify(order) }),
    );
    res.status(201).json(order);
  } catch (error) {
    next(error);
  }
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
