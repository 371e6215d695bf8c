// What route naming at any depth and error capture cost a request that succeeds: the same mounted
// Express route under the register entry of two builds (this one and a baseline build, such as
// main's), on Express 4 and 5, every request recorded, in alternating rounds against one process
// each, measured as the server's CPU time per request (robust to a busy machine). Bounded: ROUNDS rounds of SECONDS s per process, 10 connections, loopback only.
//
//   node bench/express-route-cost.mjs <baseline dist directory> [rounds] [seconds]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const here = fileURLToPath(new URL('.', import.meta.url));
const baselineDist = process.argv[2];
if (baselineDist === undefined) throw new Error('usage: node bench/express-route-cost.mjs <baseline dist directory> [rounds] [seconds]');
const ROUNDS = Math.min(10, Number(process.argv[3] ?? '3'));
const SECONDS = Math.min(10, Number(process.argv[4] ?? '3'));
const builds = { current: resolve(here, '..', 'dist'), baseline: resolve(baselineDist) };

async function start(dist, expressModule) {
  const child = spawn(process.execPath, ['--require', resolve(dist, 'register.cjs'), resolve(here, 'apps', 'mounted-app.cjs')], {
    env: { ...process.env, EXPRESS_MODULE: expressModule, NODE_ENV: 'production', OTEL_SERVICE_NAME: 'route-cost', OTEL_TRACES_SAMPLER: 'always_on', OTEL_TRACES_EXPORTER: 'none' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(child.stdout, 'data');
  return { child, port: JSON.parse(String(line)).port };
}

/** CPU time the process has used, in clock ticks (user + system), from /proc: immune to how busy the machine is. */
function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** One load slice: the server's CPU microseconds per request (100 ticks per second). */
async function load({ port, child }) {
  const before = cpuTicks(child.pid);
  const result = await autocannon({ url: `http://127.0.0.1:${port}/tenant/acme/orders/o-1`, connections: 10, duration: SECONDS });
  return ((cpuTicks(child.pid) - before) * 10_000) / result.requests.total;
}

for (const expressModule of ['express4', 'express']) {
  const processes = { current: await start(builds.current, expressModule), baseline: await start(builds.baseline, expressModule) };
  const rates = { current: [], baseline: [] };
  await load(processes.current);
  await load(processes.baseline);
  for (let round = 0; round < ROUNDS; round++) {
    for (const build of round % 2 === 0 ? ['current', 'baseline'] : ['baseline', 'current']) rates[build].push(await load(processes[build]));
  }
  for (const { child } of Object.values(processes)) child.kill('SIGTERM');
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ratio = median(rates.current) / median(rates.baseline);
  const text = (values) => values.map((value) => value.toFixed(1)).join(', ');
  console.log(`${expressModule === 'express' ? 'express 5' : 'express 4'}: server CPU per request: current ${median(rates.current).toFixed(1)} us, baseline ${median(rates.baseline).toFixed(1)} us, ratio ${ratio.toFixed(3)} (rounds: current ${text(rates.current)}; baseline ${text(rates.baseline)})`);
}
