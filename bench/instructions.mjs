// `npm run bench:instructions`: instructions per request under valgrind's callgrind, the
// noise-free companion of the throughput figures. Each app × variant runs in its own process
// under callgrind with counting off; after a warm-up and a full garbage collection, counting is
// switched on for a fixed number of requests and off again (callgrind_control), and the count of
// every thread is split by function into garbage collection, compilation and the rest: the
// "mutator", the JavaScript, builtins and runtime work that serving requests takes. Instruction counts do not depend on the speed
// of a shared machine, so a change in cost shows here even when throughput noise hides it.
//
// Knobs: INSTR_REQUESTS (3000), INSTR_WARMUP (40000 requests), INSTR_CONNECTIONS (10),
// INSTR_VARIANTS (comma-separated ids, default: bare and the otel-bootstrap decomposition),
// INSTR_APPS (express5,express4), INSTR_JSON (write the results there as JSON), INSTR_KEEP (keep the
// dumps), INSTR_NODE_FLAGS (extra Node.js flags).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBenchDependencies } from './deps.mjs';
import { announcedPort } from './load.mjs';
import { createSink } from './sink.mjs';
import { APPS, childEnv, HELLO_APP, ROOT, variantById } from './variants.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

function knob(name, fallback, min, max) {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}
const REQUESTS = knob('INSTR_REQUESTS', 3000, 100, 100_000);
const WARMUP = knob('INSTR_WARMUP', 40_000, 0, 1_000_000);
const CONNECTIONS = knob('INSTR_CONNECTIONS', 10, 1, 100);
/** Extra Node.js flags, e.g. `--perf-basic-prof` to name JIT code in a kept dump (INSTR_KEEP=1). */
const NODE_FLAGS = (process.env.INSTR_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const list = (name, fallback) => (process.env[name] ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
export const DEFAULT_INSTRUCTION_VARIANTS = 'bare,disabled,no-instrumentations,always-off,exporter-none-1,bootstrap-1,exporter-none-100,bootstrap-100';

/**
 * Functions whose own instructions are garbage collection or compilation, by name. Their own
 * (exclusive) counts are summed: inclusive counts are unreliable here, because JIT code does not
 * call and return the way callgrind tracks calls.
 */
const GC_FUNCTIONS = /v8::internal::(?:Scaveng|Heap::|MarkCompact|MarkingVisitor|Marking|Sweep|Minor|ConcurrentMarking|IncrementalMarking|RootScavengeVisitor|\w*Visitor|PagedSpace|NewSpace|SemiSpace|RememberedSet|SlotSet|TypedSlot|MemoryChunk|MutablePage|PageMetadata|EvacuationAllocator|Evacuat|GCTracer|ArrayBufferSweeper|LocalHeap|\(anonymous namespace\)::IterateObjectCache|BodyDescriptor|FreeList|WeakObjects|ObjectVisitor|MainAllocator|LinearAllocationArea)|heap::base::|cppgc::|node::BaseObject::OnGCCollect|Builtins_RecordWrite/;
const COMPILE_FUNCTIONS = /v8::internal::(?:compiler::|maglev::|turboshaft::|Parser|ParserBase|PreParser|Scanner|Utf8Decoder|interpreter::Bytecode|interpreter::ConstantArrayBuilder|interpreter::HandlerTable|Compiler::|baseline::|AstValueFactory|AstNodeFactory|DeclarationScope|Scope::|Zone|OptimizingCompile|CodeGenerator|Assembler|MacroAssembler|RelocInfo|SourcePositionTable|SharedFunctionInfo::|UnoptimizedCompil|BackgroundCompile|ConcurrentLazyCompile|CompilationCache|CompilationDependencies|JSHeapBroker|TurbofanCompilationJob|PipelineImpl|GraphReducer)/;

function callgrindControl(pid, ...args) {
  const outcome = spawnSync('callgrind_control', [...args, String(pid)], { encoding: 'utf8' });
  if (outcome.status !== 0) throw new Error(`callgrind_control ${args.join(' ')} failed: ${outcome.stderr}${outcome.stdout}`);
}

/** Own (exclusive) instruction counts by function name from one callgrind dump. */
function ownCosts(dumpFile) {
  const outcome = spawnSync('callgrind_annotate', ['--threshold=100', dumpFile], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (outcome.status !== 0) throw new Error(`callgrind_annotate failed: ${outcome.stderr}`);
  const costs = [];
  for (const line of outcome.stdout.split('\n')) {
    const match = /^\s*([\d,]+) \([^)]*\)\s+(.*)$/.exec(line);
    if (match !== null && !match[2].includes('PROGRAM TOTALS')) costs.push({ name: match[2], ir: Number(match[1].replace(/,/g, '')) });
  }
  return costs;
}

function total(dumpFile) {
  const match = /^totals: (\d+)/m.exec(readFileSync(dumpFile, 'utf8'));
  return match === null ? 0 : Number(match[1]);
}

const sumMatching = (costs, pattern) => costs.filter(({ name }) => pattern.test(name)).reduce((sum, { ir }) => sum + ir, 0);

/** Counts one app × variant; resolves with instructions per request by kind. */
async function measure(app, variant) {
  if (variant.needs !== undefined) ensureBenchDependencies(variant.needs);
  if (app.needs !== undefined) ensureBenchDependencies(app.needs);
  const sink = await createSink();
  const directory = mkdtempSync(join(tmpdir(), 'otel-bootstrap-callgrind-'));
  const child = spawn(
    'valgrind',
    ['--tool=callgrind', '--instr-atstart=no', '--separate-threads=yes', `--callgrind-out-file=${join(directory, 'callgrind.%p')}`, process.execPath, '--expose-gc', ...NODE_FLAGS, ...variant.args, HELLO_APP],
    { cwd: ROOT, env: childEnv({ ...variant.env, ...app.env }, sink.url), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  try {
    const port = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`${variant.id}: no port within 120 s\n${stderr}`)), 120_000);
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const announced = announcedPort(out);
        if (announced === undefined) return;
        clearTimeout(timer);
        resolve(announced);
      });
      child.once('exit', (code) => reject(new Error(`${variant.id}: exited with ${code}\n${stderr}`)));
    });
    const url = `http://127.0.0.1:${port}/hello`;
    if (WARMUP > 0) await autocannon({ url, connections: CONNECTIONS, amount: WARMUP });
    // A full collection, then more warm-up: the collection ages code and feedback, and the
    // recompilation it can cause must settle before counting starts.
    child.kill('SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (WARMUP > 0) await autocannon({ url, connections: CONNECTIONS, amount: Math.ceil(WARMUP / 4) });
    callgrindControl(child.pid, '--instr=on');
    const result = await autocannon({ url, connections: CONNECTIONS, amount: REQUESTS });
    callgrindControl(child.pid, '--instr=off');
    callgrindControl(child.pid, '--dump');
    const bad = result.errors + result.non2xx + result.timeouts;
    if (bad > 0) throw new Error(`${variant.id}: ${bad} failed requests`);
    // One dump per thread: callgrind.<pid>.1-<thread>, the main thread is 01.
    const dumps = readdirSync(directory).filter((file) => /\.1-\d+$/.test(file)).map((file) => join(directory, file));
    let all = 0;
    let gc = 0;
    let compile = 0;
    for (const dump of dumps) {
      const count = total(dump);
      if (count === 0) continue;
      all += count;
      const costs = ownCosts(dump);
      const threadGc = sumMatching(costs, GC_FUNCTIONS);
      const threadCompile = sumMatching(costs, COMPILE_FUNCTIONS);
      gc += threadGc;
      compile += threadCompile;
      if (process.env.INSTR_DEBUG) console.error(`    ${dump}: ${count} total, ${threadGc} gc, ${threadCompile} compile`);
    }
    const main = all - gc - compile;
    const per = (value) => Math.round(value / REQUESTS);
    return { app: app.id, variant: variant.id, requests: REQUESTS, warmup: WARMUP, connections: CONNECTIONS, all: per(all), mutator: per(main), gc: per(gc), compile: per(compile) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => {
      if (child.exitCode !== null) resolve();
      else {
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      }
    });
    await sink.close();
    if (process.env.INSTR_KEEP) console.error(`    dumps kept in ${directory}`);
    else rmSync(directory, { recursive: true, force: true });
  }
}

/** Measures every app × variant asked for, one process at a time; returns the rows. */
export async function countInstructions({ apps = list('INSTR_APPS', APPS.map((a) => a.id).join(',')), variants = list('INSTR_VARIANTS', DEFAULT_INSTRUCTION_VARIANTS) } = {}) {
  const check = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error('valgrind is not installed: the instruction counts need valgrind (Debian package valgrind)');
  const rows = [];
  for (const appId of apps) {
    const app = APPS.find((candidate) => candidate.id === appId);
    if (app === undefined) throw new Error(`unknown app ${appId}`);
    for (const id of variants) {
      console.error(`callgrind: ${app.id} ${id}`);
      const row = await measure(app, variantById(id));
      console.error(`  ${row.mutator} mutator + ${row.gc} gc + ${row.compile} compile instructions per request (${row.all} all threads)`);
      rows.push(row);
    }
  }
  return rows;
}

/** The markdown table of {@link countInstructions} rows, each against the uninstrumented app's. */
export function instructionsTable(rows, labelOf) {
  const lines = ['| app | variant | mutator instr/request | Δ vs uninstrumented | GC | compile | all threads |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const row of rows) {
    const bare = rows.find((candidate) => candidate.app === row.app && candidate.variant === 'bare');
    const delta = bare === undefined || row.variant === 'bare' ? '–' : `${row.mutator - bare.mutator >= 0 ? '+' : ''}${row.mutator - bare.mutator} (${(((row.mutator - bare.mutator) / bare.mutator) * 100).toFixed(1)}%)`;
    lines.push(`| ${row.app} | ${labelOf(row.variant)} | ${row.mutator} | ${delta} | ${row.gc} | ${row.compile} | ${row.all} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await countInstructions();
  console.log(instructionsTable(rows, (id) => variantById(id).label));
  if (process.env.INSTR_JSON) writeFileSync(process.env.INSTR_JSON, `${JSON.stringify(rows, null, 2)}\n`);
}
