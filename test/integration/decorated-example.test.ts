import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, REPO_ROOT, startService } from './support/service-process';

const EXAMPLE = join(REPO_ROOT, 'examples', 'decorated-service', 'run.cjs');

describe('the decorated-service example with the verbose console tree', () => {
  beforeAll(() => assertBuilt());

  it('shows the redacted arguments, the result and the exception event; never the secrets', async () => {
    const example = await startService([EXAMPLE], { OTEL_BOOTSTRAP_CONSOLE_VERBOSE: 'true' }, false);
    const { code } = await example.exited;
    expect(code, example.stderr()).toBe(0);
    const out = example.stdout();
    expect(out).toContain('· function.args.1={"cardNumber":"[REDACTED]","holder":"Ann","cvv":"[REDACTED]"}');
    expect(out).toContain('· function.args.0={"name":"ann","profile":{"apiKey":"[REDACTED]","city":"Oslo"}}');
    expect(out).toContain('· function.args.1=[REDACTED]');
    expect(out).toMatch(/· function\.result=/);
    expect(out).toMatch(/· event exception \+\d+\.\d ms {2}exception\.type=\w+ {2}exception\.message=card declined for order-1/);
    for (const secret of ['hunter2', 'k-123', '4111 1111 1111 1111']) expect(out, secret).not.toContain(secret);
  });

  it('without the variable the tree stays compact', async () => {
    const example = await startService([EXAMPLE], {}, false);
    await example.exited;
    expect(example.stdout()).toContain('orders.charge');
    expect(example.stdout()).not.toContain('function.args');
  });
});
