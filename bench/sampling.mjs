// Cost of the rule sampler against the ratio sampler in the same run: each scenario of
// bench/micro.mjs runs in its own process, interleaved over ROUNDS rounds, and the median ns per
// span is printed with its difference to its baseline. Bounded: ROUNDS × 4 processes of a fixed
// number of iterations each.
// Usage: node bench/sampling.mjs [iterations per loop, default 1000000] [rounds, default 3]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const micro = join(here, 'micro.mjs');
const iterations = Math.max(10_000, Math.min(10_000_000, Number(process.argv[2]) || 1_000_000));
const rounds = Math.max(1, Math.min(9, Number(process.argv[3]) || 3));

const SCENARIOS = [
  { id: 'always_off-server', label: 'server span, ParentBased(always_off)', baseline: undefined },
  { id: 'rules-off', label: 'server span, five rules (no match), then always_off', baseline: 'always_off-server' },
  { id: 'ratio-server', label: 'server span, ParentBased(ratio 0.01), 1% recorded', baseline: undefined },
  { id: 'rules', label: 'server span, five rules (no match), then ratio 0.01, 1% recorded', baseline: 'ratio-server' },
];

const samples = Object.fromEntries(SCENARIOS.map((scenario) => [scenario.id, []]));
for (let round = 0; round < rounds; round++) {
  for (const scenario of SCENARIOS) {
    const outcome = spawnSync(process.execPath, [micro, 'bootstrap', scenario.id, String(iterations)], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NODE_ENV: 'production' } });
    if (outcome.status !== 0) throw new Error(`micro ${scenario.id} failed (exit ${outcome.status}): ${outcome.stderr}`);
    samples[scenario.id].push(JSON.parse(outcome.stdout.trim().split('\n').pop()).nsPerSpan);
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const lines = [`node ${process.version}, ${iterations} spans × 5 loops per process, median of ${rounds} processes per scenario`, '', '| scenario | ns per span | vs its baseline |', '| --- | ---: | ---: |'];
for (const scenario of SCENARIOS) {
  const ns = median(samples[scenario.id]);
  const versus = scenario.baseline === undefined ? 'baseline' : `${ns - median(samples[scenario.baseline]) >= 0 ? '+' : ''}${(ns - median(samples[scenario.baseline])).toFixed(0)} ns`;
  lines.push(`| ${scenario.label} | ${ns.toFixed(0)} | ${versus} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
