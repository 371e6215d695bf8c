// Users service: Express, with service classes whose methods are traced by @traceMethod().
// Tracing itself comes from `node --require otel-bootstrap/register users.js`.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { traceMethod } from 'otel-bootstrap';

interface UserRow {
  id: string;
  name: string;
  since: number;
}

class UserRepository {
  readonly #rows = new Map<string, UserRow>([
    ['1', { id: '1', name: 'Ada Lovelace', since: 2015 }],
    ['2', { id: '2', name: 'Grace Hopper', since: 2021 }],
  ]);

  @traceMethod()
  async findById(id: string): Promise<UserRow | undefined> {
    await new Promise((resolve) => setTimeout(resolve, 2)); // a database round trip
    return this.#rows.get(id);
  }
}

class UserService {
  constructor(private readonly repository: UserRepository) {}

  @traceMethod()
  async getProfile(id: string): Promise<(UserRow & { tier: string }) | undefined> {
    const user = await this.repository.findById(id);
    if (user === undefined) return undefined;
    return { ...user, tier: this.tierOf(user) };
  }

  @traceMethod()
  tierOf(user: UserRow): string {
    return user.since < 2020 ? 'gold' : 'standard';
  }
}

const users = new UserService(new UserRepository());
const app = express();

app.get('/users/:id', async (req, res, next) => {
  try {
    const profile = await users.getProfile(req.params.id);
    if (profile === undefined) {
      res.status(404).json({ error: 'no such user' });
      return;
    }
    res.json(profile);
  } catch (error) {
    next(error);
  }
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
