// Users service: Express, with a service class whose methods are traced by traceMethod().
// Tracing itself comes from `node --require otel-bootstrap/register users.cjs`.
const express = require('express');
const { traceMethod } = require('otel-bootstrap');

/**
 * Applies a method decorator from plain JavaScript (no decorator syntax in Node 20): the same
 * as writing `@traceMethod()` above each method in TypeScript.
 */
function traceMethods(Class, names) {
  for (const name of names) {
    const descriptor = Object.getOwnPropertyDescriptor(Class.prototype, name);
    Object.defineProperty(Class.prototype, name, traceMethod()(Class.prototype, name, descriptor));
  }
}

class UserRepository {
  constructor() {
    this.rows = new Map([
      ['1', { id: '1', name: 'Ada Lovelace', since: 2015 }],
      ['2', { id: '2', name: 'Grace Hopper', since: 2021 }],
    ]);
  }

  async findById(id) {
    await new Promise((resolve) => setTimeout(resolve, 2)); // a database round trip
    return this.rows.get(id);
  }
}
traceMethods(UserRepository, ['findById']);

class UserService {
  constructor(repository) {
    this.repository = repository;
  }

  async getProfile(id) {
    const user = await this.repository.findById(id);
    if (user === undefined) return undefined;
    return { ...user, tier: this.tierOf(user) };
  }

  tierOf(user) {
    return user.since < 2020 ? 'gold' : 'standard';
  }
}
traceMethods(UserService, ['getProfile', 'tierOf']);

const users = new UserService(new UserRepository());
const app = express();

app.get('/users/:id', async (req, res, next) => {
  try {
    const profile = await users.getProfile(req.params.id);
    if (profile === undefined) return res.status(404).json({ error: 'no such user' });
    res.json(profile);
  } catch (error) {
    next(error);
  }
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
