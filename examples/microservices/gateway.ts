// Gateway: the public entry. GET /checkout/:userId asks the users service over fetch, places an
// order with the orders service over http.request, and answers with the trace id in `x-trace-id`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { trace } from '@opentelemetry/api';

const USERS_URL = process.env.USERS_URL;
const ORDERS_URL = process.env.ORDERS_URL;
if (!USERS_URL || !ORDERS_URL) throw new Error('USERS_URL and ORDERS_URL must be set');

function postJson(url: string, body: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        if ((response.statusCode ?? 500) >= 400) reject(new Error(`POST ${url} -> ${response.statusCode}`));
        else resolve(JSON.parse(text));
      });
    });
    request.setTimeout(5000, () => request.destroy(new Error(`POST ${url} timed out`)));
    request.on('error', reject);
    request.end(payload);
  });
}

const app = express();

app.get('/checkout/:userId', async (req, res, next) => {
  try {
    const traceId = trace.getActiveSpan()?.spanContext().traceId;
    if (traceId) res.setHeader('x-trace-id', traceId);
    const userResponse = await fetch(`${USERS_URL}/users/${encodeURIComponent(req.params.userId)}`, { signal: AbortSignal.timeout(5000) });
    if (!userResponse.ok) {
      res.status(userResponse.status).json({ error: 'unknown user' });
      return;
    }
    const user = (await userResponse.json()) as { id: string; tier: string };
    const order = await postJson(`${ORDERS_URL}/orders`, { userId: user.id, item: req.query.item ?? 'book', tier: user.tier });
    res.json({ user, order, traceId });
  } catch (error) {
    next(error);
  }
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
