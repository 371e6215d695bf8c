// An ordinary Express service with no tracing code: tracing comes from
// `node --require otel-bootstrap/register app.js`.
import express from 'express';
import type { AddressInfo } from 'node:net';

interface User {
  id: string;
  name: string;
}

const app = express();
const users = new Map<string, User>([
  ['1', { id: '1', name: 'Ada' }],
  ['2', { id: '2', name: 'Grace' }],
]);

app.use(express.json());

app.get('/health', (_req, res) => {
  res.send('ok');
});

app.get('/users/:id', (req, res) => {
  const user = users.get(req.params.id);
  if (user === undefined) {
    res.status(404).json({ error: 'no such user' });
    return;
  }
  res.json(user);
});

// Calls this same service over fetch, so one trace holds two server spans.
app.get('/profiles/:id', async (req, res, next) => {
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/users/${req.params.id}`);
    const user = (await response.json()) as User;
    res.status(response.status).json({ profile: user });
  } catch (error) {
    next(error);
  }
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  // The parent process reads the port from this line.
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
