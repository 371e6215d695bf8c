/**
 * Starts the Debian `prometheus` binary on loopback for one test file: a generated configuration
 * that scrapes the given targets every second, exemplar storage on, a temporary storage directory.
 * Fails loudly, never skips, when the binary is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrometheusInstance {
  url: string;
  /** Runs an instant query and returns its vector result. */
  query(expression: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
  /** Exemplars of the series `expression` selects between `startSeconds` and now. */
  exemplars(expression: string, startSeconds: number): Promise<Array<{ seriesLabels: Record<string, string>; exemplars: Array<{ labels: Record<string, string>; value: string; timestamp: number }> }>>;
  output(): string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MILLIS = 30_000;

function findBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v prometheus'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status !== 0 || path === '') {
    throw new Error('the prometheus binary is not on PATH: install the Debian package (apt-get update && apt-get install -y --no-install-recommends prometheus); .ci/run does this');
  }
  return path;
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const body = (await response.json()) as { status: string; data: unknown; error?: string };
  if (body.status !== 'success') throw new Error(`Prometheus ${url}: ${body.error ?? response.status}`);
  return body.data;
}

export async function startPrometheus(port: number, targets: readonly string[]): Promise<PrometheusInstance> {
  const binary = findBinary();
  const directory = mkdtempSync(join(tmpdir(), 'otel-bootstrap-prometheus-'));
  const config = join(directory, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      '  - job_name: app',
      '    static_configs:',
      `      - targets: [${targets.map((target) => `'${target}'`).join(', ')}]`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(binary, [`--config.file=${config}`, `--storage.tsdb.path=${join(directory, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--enable-feature=exemplar-storage', '--log.level=warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(directory, { recursive: true, force: true });
  };
  const deadline = Date.now() + READY_TIMEOUT_MILLIS;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited with ${child.exitCode}:\n${output}`);
    }
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) }).then((response) => response.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus was not ready within ${READY_TIMEOUT_MILLIS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => output,
    stop,
    query: async (expression) => ((await getJson(`${url}/api/v1/query?query=${encodeURIComponent(expression)}`)) as { result: Array<{ metric: Record<string, string>; value: [number, string] }> }).result,
    exemplars: async (expression, startSeconds) =>
      (await getJson(`${url}/api/v1/query_exemplars?query=${encodeURIComponent(expression)}&start=${startSeconds}&end=${Date.now() / 1000 + 60}`)) as Array<{ seriesLabels: Record<string, string>; exemplars: Array<{ labels: Record<string, string>; value: string; timestamp: number }> }>,
  };
}
