/** The built `otel-bootstrap/opentracing` entry, loaded by name from CommonJS and ESM as applications load it. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingOptionalPackageMessage } from '../../src/optional-package';
import { assertBuilt, cleanEnv, REPO_ROOT } from './support/service-process';

const run = promisify(execFile);

async function node(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, args, { cwd: REPO_ROOT, env: cleanEnv({}), timeout: 30_000 });
  return stdout.trim();
}

beforeAll(() => assertBuilt());

describe('otel-bootstrap/opentracing', () => {
  it('requiring it loads neither opentracing nor starts tracing', async () => {
    const printed = await node([
      '-e',
      `const bridge = require('otel-bootstrap/opentracing');
       const loaded = Object.keys(require.cache).some((file) => file.includes('node_modules/opentracing/'));
       const api = require('@opentelemetry/api');
       console.log(JSON.stringify({ exports: Object.keys(bridge).sort(), loaded, provider: api.trace.getTracerProvider().constructor.name }));`,
    ]);
    expect(JSON.parse(printed)).toEqual({
      exports: ['DEFAULT_BRIDGE_PROPAGATORS', 'MAX_BINARY_CARRIER_BYTES', 'OPENTRACING_TRACER_NAME', 'REF_TYPE_ATTRIBUTE', 'createOpenTracingTracer', 'fromJaegerClientConfig'],
      loaded: false,
      provider: 'ProxyTracerProvider',
    });
  });

  it('works from ESM with init() from the main entry: the spans are the package spans', async () => {
    const printed = await node([
      '--input-type=module',
      '-e',
      `import { init } from 'otel-bootstrap';
       import { createOpenTracingTracer } from 'otel-bootstrap/opentracing';
       import { FORMAT_TEXT_MAP } from 'opentracing';
       const tracing = init({ serviceName: 'esm-bridge', environment: 'test', shutdownSignals: false });
       const tracer = createOpenTracingTracer();
       const span = tracer.startSpan('esm-span', { tags: { answer: 42 } });
       const carrier = {};
       tracer.inject(span, FORMAT_TEXT_MAP, carrier);
       span.finish();
       console.log(JSON.stringify({ traceId: span.context().toTraceId(), carrier: Object.keys(carrier).sort() }));
       await tracing.shutdown();`,
    ]);
    const result = JSON.parse(printed) as { traceId: string; carrier: string[] };
    // A valid trace id: the span came from the registered provider, not the no-op one (all zeros).
    expect(result.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(result.traceId).not.toBe('0'.repeat(32));
    expect(result.carrier).toEqual(['traceparent', 'uber-trace-id']);
  });

  it('without the opentracing package, createOpenTracingTracer throws an error naming it; fromJaegerClientConfig still works', async () => {
    const printed = await node([
      '-e',
      `const Module = require('node:module');
       const resolve = Module._resolveFilename;
       Module._resolveFilename = function (request, ...rest) {
         if (request === 'opentracing') { const error = new Error("Cannot find module 'opentracing'"); error.code = 'MODULE_NOT_FOUND'; throw error; }
         return resolve.call(this, request, ...rest);
       };
       const { createOpenTracingTracer, fromJaegerClientConfig } = require('otel-bootstrap/opentracing');
       let error;
       try { createOpenTracingTracer(); } catch (caught) { error = caught; }
       console.log(JSON.stringify({ name: error?.name, packageName: error?.packageName, message: error?.message, options: fromJaegerClientConfig({ serviceName: 'x' }) }));`,
    ]);
    expect(JSON.parse(printed)).toEqual({
      name: 'MissingOptionalPackageError',
      packageName: 'opentracing',
      message: missingOptionalPackageMessage('opentracing', 'otel-bootstrap/opentracing (createOpenTracingTracer)'),
      options: { serviceName: 'x', propagators: ['tracecontext', 'baggage', 'jaeger'] },
    });
  });
});
