/** A service class using `@traceMethod()` in every supported way; compiled in both decorator modes. */
export const SERVICE_SOURCE = `
import { traceMethod, withSpan } from 'otel-bootstrap';

export class ValidationError extends Error {}

export class OrderService {
  constructor(public readonly prefix = 'order') {}

  @traceMethod()
  create(id: string, quantity: number): string {
    return this.prefix + ':' + id + ':' + quantity;
  }

  @traceMethod('orders.load')
  async load(id: string): Promise<{ id: string }> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { id };
  }

  @traceMethod()
  async outer(id: string): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const inner = await this.load(id);
    return withSpan('outer.block', () => inner.id);
  }

  @traceMethod()
  fail(error: unknown): never {
    throw error;
  }

  @traceMethod()
  async failLater(error: unknown): Promise<never> {
    await Promise.resolve();
    throw error;
  }

  @traceMethod()
  *items(count: number): Generator<number, string, undefined> {
    for (let index = 0; index < count; index += 1) yield this.create(String(index), index).length;
    return 'done';
  }

  @traceMethod()
  async *stream(count: number): AsyncGenerator<number, void, undefined> {
    for (let index = 0; index < count; index += 1) {
      await Promise.resolve();
      yield (await this.load(String(index))).id.length;
    }
  }

  @traceMethod({ includeArgs: true, includeResult: true, maxValueLength: 100 })
  login(user: { name: string; profile: { password: string; apiKey: string } }, password: string): { session: string; ok: boolean } {
    return { session: user.name + password.length, ok: true };
  }

  @traceMethod({ setOkStatus: true, kind: 2, attributes: { 'app.tier': 'gold', 'user.email': 'a@b.test' }, hashAttributes: ['user.email'] })
  ok(): number {
    return 1;
  }

  @traceMethod({ includeArgs: [0], hashAttributes: ['function.args.0'] })
  byUser(userId: string, note: string): string {
    return userId + note;
  }

  @traceMethod()
  static create(prefix: string): OrderService {
    return new OrderService(prefix);
  }
}

export class SpecialOrderService extends OrderService {}
`;
