import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { TracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleTreeExporter } from '../../../src/export/console-tree-exporter';

describe('ConsoleTreeExporter', () => {
  const printed: string[] = [];
  let provider: TracerProvider | undefined;
  afterEach(async () => {
    printed.length = 0;
    await provider?.shutdown();
  });

  function setup(): ConsoleTreeExporter {
    const exporter = new ConsoleTreeExporter((text) => printed.push(text));
    provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    return exporter;
  }

  it('prints one indented tree per trace with kind, duration, status and key attributes', async () => {
    const exporter = setup();
    const tracer = provider!.getTracer('t');
    const root = tracer.startSpan('GET /users/:id', { kind: SpanKind.SERVER, attributes: { 'http.response.status_code': 500 } });
    const rootContext = trace.setSpan(ROOT_CONTEXT, root);
    const child = tracer.startSpan('db query', { attributes: { 'db.system.name': 'postgresql' } }, rootContext);
    const grandchild = tracer.startSpan('GET', { kind: SpanKind.CLIENT }, trace.setSpan(rootContext, child));
    grandchild.setStatus({ code: SpanStatusCode.ERROR, message: 'refused' });
    grandchild.end();
    child.end();
    const sibling = tracer.startSpan('render', {}, rootContext);
    sibling.end();
    root.end();
    await exporter.forceFlush();
    expect(printed).toHaveLength(1);
    const lines = printed[0]!.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^trace ${root.spanContext().traceId} \\(unknown_service:.*, 4 spans\\)$`));
    expect(lines[1]).toMatch(/^└─ GET \/users\/:id {2}\[server\] {2}\d+\.\d ms {2}http\.response\.status_code=500$/);
    expect(lines[2]).toMatch(/^ {3}├─ db query {2}\[internal\] {2}\d+\.\d ms {2}db\.system\.name=postgresql$/);
    expect(lines[3]).toMatch(/^ {3}│ {2}└─ GET {2}\[client\] {2}\d+\.\d ms {2}ERROR: refused$/);
    expect(lines[4]).toMatch(/^ {3}└─ render {2}\[internal\]/);
  });

  it('waits for the local root before printing, then prints by itself', async () => {
    setup();
    const tracer = provider!.getTracer('t');
    const root = tracer.startSpan('root');
    tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, root)).end();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(printed).toEqual([]);
    root.end();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('2 spans');
  });

  it('verbose mode lists every attribute and event under each span, indented with the tree', async () => {
    const exporter = new ConsoleTreeExporter((text) => printed.push(text), { verbose: true });
    provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    const tracer = provider.getTracer('t');
    const root = tracer.startSpan('OrderService.login', { attributes: { 'function.args.0': '{"name":"ann","profile":{"apiKey":"[REDACTED]"}}', 'function.args.1': '[REDACTED]' } });
    const child = tracer.startSpan('db', { attributes: { 'db.system.name': 'postgresql' } }, trace.setSpan(ROOT_CONTEXT, root));
    child.recordException(new TypeError('boom'));
    child.end();
    root.setAttribute('function.result', '{"session":"s-7"}');
    root.end();
    await exporter.forceFlush();
    const lines = printed[0]!.split('\n');
    expect(lines[1]).toMatch(/^└─ OrderService\.login {2}\[internal\]/);
    expect(lines[2]).toBe('   │  · function.args.0={"name":"ann","profile":{"apiKey":"[REDACTED]"}}');
    expect(lines[3]).toBe('   │  · function.args.1=[REDACTED]');
    expect(lines[4]).toBe('   │  · function.result={"session":"s-7"}');
    expect(lines[5]).toMatch(/^ {3}└─ db {2}\[internal\]/);
    expect(lines[6]).toBe('         · db.system.name=postgresql');
    expect(lines[7]).toMatch(/^ {9}· event exception \+\d+\.\d ms {2}exception\.type=TypeError {2}exception\.message=boom {2}exception\.stacktrace=TypeError: boom/);
  });

  it('without verbose mode only the key attributes show', async () => {
    const exporter = setup();
    const span = provider!.getTracer('t').startSpan('login', { attributes: { 'function.args.0': 'x' } });
    span.end();
    await exporter.forceFlush();
    expect(printed[0]).not.toContain('function.args.0');
  });
});
