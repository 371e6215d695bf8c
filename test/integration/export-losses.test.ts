import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedLoopbackPort } from './support/closed-port';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';
import { assertBuilt, FIXTURE_APPS, startService } from './support/service-process';

const SCRIPT = join(FIXTURE_APPS, 'spans-then-exit.cjs');
const LOSS_WARNING = /otel-bootstrap: \d+ spans? (dropped|lost)/;

/** Runs the script to its natural exit; returns how long after its work it exited, and its output. */
async function runScript(env: Record<string, string>): Promise<{ exitLagMillis: number; stderr: string; code: number | null }> {
  const script = await startService([SCRIPT], env, false);
  const { code } = await script.exited;
  const exitedAt = Date.now();
  const ended = /work ended at (\d+)/.exec(script.stdout());
  if (ended?.[1] === undefined) throw new Error(`the script did not finish its work\nstdout: ${script.stdout()}\nstderr: ${script.stderr()}`);
  return { exitLagMillis: exitedAt - Number(ended[1]), stderr: script.stderr(), code };
}

describe('what export loses is reported with its real cause', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    assertBuilt();
    receiver = await startOtlpReceiver();
  });
  beforeEach(() => receiver.reset());
  afterAll(async () => receiver.close());

  it('a collector refusing connections does not hold the exit: about a second, one warning naming the lost span', async () => {
    const port = await closedLoopbackPort();
    const { exitLagMillis, stderr, code } = await runScript({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
    expect(code).toBe(0);
    // The shutdown deadline is 5000 ms; a refused connection at exit is tried once, not retried for all of it.
    expect(exitLagMillis).toBeLessThan(2000);
    const warnings = stderr.split('\n').filter((line) => line.startsWith('otel-bootstrap:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^otel-bootstrap: 1 span lost in the last 1 s in export: 1 \(OTLP export failed: ECONNREFUSED, not retried\)/);
  });

  it('a partial success appears in the loss warning with the rejected count and the collector message', async () => {
    receiver.mode = { kind: 'partial', rejectedSpans: 3, errorMessage: 'spans too old' };
    const { stderr, code } = await runScript({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, SPANS: '5' });
    expect(code).toBe(0);
    expect(receiver.spans).toHaveLength(5);
    const warnings = stderr.split('\n').filter((line) => LOSS_WARNING.test(line));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('3 spans lost in the last 1 s in export: 3 (rejected by the collector (partial success: spans too old))');
  });

  it('a batch answered with 413 is split until it fits: every span arrives and nothing is reported', async () => {
    receiver.mode = { kind: 'too-large', maxSpans: 3 };
    const { stderr, code } = await runScript({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, SPANS: '10' });
    expect(code).toBe(0);
    expect(receiver.spans).toHaveLength(10);
    expect(receiver.requests.filter((request) => request.answer === 'status 413').length).toBeGreaterThan(0);
    expect(stderr).not.toMatch(LOSS_WARNING);
    expect(stderr).not.toContain('OTLP export to');
  });

  it('a span too large even alone is named with the 413 cause', async () => {
    receiver.mode = { kind: 'too-large', maxSpans: 0 };
    const { stderr } = await runScript({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, SPANS: '2' });
    const warnings = stderr.split('\n').filter((line) => LOSS_WARNING.test(line));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('2 spans lost in the last 1 s in export: 2 (OTLP export failed: HTTP 413 (request too large) even for a single span)');
  });
});
