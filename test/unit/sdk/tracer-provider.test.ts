import { context, INVALID_SPAN_CONTEXT, ROOT_CONTEXT, SpanKind, trace, TraceFlags, createTraceState, type Attributes, type Context, type Link, type Span } from '@opentelemetry/api';
import type { Sampler, SamplingResult } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { suppressTracing } from '../../../src/context/suppress-tracing';
import { AsyncLocalContextManager } from '../../../src/sdk/context-manager';
import { AlwaysOffSampler } from '../../../src/sdk/samplers/always';
import { ParentBasedSampler } from '../../../src/sdk/samplers/parent-based';
import { Decision } from '../../../src/sdk/samplers/sampling-decision';
import { LeanTracerProvider } from '../../../src/sdk/tracer-provider';
import { providerWithProcessor, RecordingProcessor } from './support';

const remoteParent = (sampled: boolean) =>
  trace.setSpanContext(ROOT_CONTEXT, { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE, isRemote: true, traceState: createTraceState('k=v') });

beforeEach(() => {
  context.setGlobalContextManager(new AsyncLocalContextManager().enable());
});

afterEach(() => {
  context.disable();
});

describe('LeanTracerProvider tracers', () => {
  it('caches tracers by name, version and schema URL', () => {
    const provider = new LeanTracerProvider();
    expect(provider.getTracer('a')).toBe(provider.getTracer('a'));
    expect(provider.getTracer('a', '1')).toBe(provider.getTracer('a', '1'));
    expect(provider.getTracer('a', '1')).not.toBe(provider.getTracer('a', '2'));
    expect(provider.getTracer('a')).not.toBe(provider.getTracer('b'));
  });

  it('starts root spans with new ids, child spans in the parent trace, and tells processors with the parent context', () => {
    const { provider, processor } = providerWithProcessor();
    const tracer = provider.getTracer('t');
    const root = tracer.startSpan('root', { kind: SpanKind.SERVER });
    const parentContext = trace.setSpan(ROOT_CONTEXT, root);
    const child = tracer.startSpan('child', {}, parentContext);
    expect(child.spanContext().traceId).toBe(root.spanContext().traceId);
    expect(child.spanContext().spanId).not.toBe(root.spanContext().spanId);
    expect(child.spanContext().traceFlags).toBe(TraceFlags.SAMPLED);
    expect(processor.started.map(({ span }) => span.name)).toEqual(['root', 'child']);
    expect(processor.started[1]?.context).toBe(parentContext);
    expect(processor.started[1]?.span.parentSpanContext).toBe(root.spanContext());
    expect(processor.started[0]?.span.kind).toBe(SpanKind.SERVER);
  });

  it('marks a remote parent as remote and keeps its trace state', () => {
    const { provider, processor } = providerWithProcessor();
    const span = provider.getTracer('t').startSpan('server', {}, remoteParent(true));
    expect(processor.started[0]?.span.parentSpanContext).toMatchObject({ spanId: 'b'.repeat(16), isRemote: true });
    expect(span.spanContext()).toMatchObject({ traceId: 'a'.repeat(32), traceFlags: TraceFlags.SAMPLED });
    expect(span.spanContext().traceState?.get('k')).toBe('v');
    expect(span.spanContext().isRemote).toBeUndefined();
  });

  it('uses the active context by default and ignores the parent with root: true', () => {
    const { provider } = providerWithProcessor();
    const tracer = provider.getTracer('t');
    const parent = tracer.startSpan('parent');
    context.with(trace.setSpan(context.active(), parent), () => {
      expect(tracer.startSpan('child').spanContext().traceId).toBe(parent.spanContext().traceId);
      expect(tracer.startSpan('new root', { root: true }).spanContext().traceId).not.toBe(parent.spanContext().traceId);
    });
  });

  it('gives unsampled spans a non-recording span that carries the context and never reaches processors', () => {
    const { provider, processor } = providerWithProcessor({ sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }) });
    const tracer = provider.getTracer('t');
    const root = tracer.startSpan('dropped', { attributes: { a: 1 } });
    expect(root.isRecording()).toBe(false);
    expect(root.spanContext().traceFlags).toBe(TraceFlags.NONE);
    expect(trace.isSpanContextValid(root.spanContext())).toBe(true);
    root.setAttribute('b', 2).end();
    const child = tracer.startSpan('child of unsampled', {}, remoteParent(false));
    expect(child.spanContext().traceId).toBe('a'.repeat(32));
    child.end();
    expect(processor.started).toEqual([]);
    expect(processor.ended).toEqual([]);
  });

  it('returns an invalid non-recording span where tracing is suppressed', () => {
    const { provider, processor } = providerWithProcessor();
    const span = provider.getTracer('t').startSpan('suppressed', {}, suppressTracing(ROOT_CONTEXT));
    expect(span.isRecording()).toBe(false);
    expect(span.spanContext()).toEqual(INVALID_SPAN_CONTEXT);
    span.end();
    expect(processor.started).toEqual([]);
  });

  it('runs startActiveSpan in a context holding the span, for each overload', () => {
    const { provider } = providerWithProcessor();
    const tracer = provider.getTracer('t');
    const parent = tracer.startSpan('explicit parent');
    const seen: Array<{ active: Span | undefined; span: Span }> = [];
    const record = (span: Span): string => {
      seen.push({ active: trace.getActiveSpan(), span });
      span.end();
      return 'result';
    };
    expect(tracer.startActiveSpan('one', record)).toBe('result');
    expect(tracer.startActiveSpan('two', { kind: SpanKind.CLIENT }, record)).toBe('result');
    expect(tracer.startActiveSpan('three', {}, trace.setSpan(ROOT_CONTEXT, parent), record)).toBe('result');
    expect(seen.every(({ active, span }) => active === span)).toBe(true);
    expect(seen[2]?.span.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect((seen[1]?.span as unknown as { kind: SpanKind }).kind).toBe(SpanKind.CLIENT);
  });
});

describe('LeanTracerProvider with a caller sampler', () => {
  class ScriptedSampler implements Sampler {
    readonly calls: Array<{ context: Context; traceId: string; name: string; kind: SpanKind; attributes: Attributes; links: Link[] }> = [];
    constructor(private readonly result: SamplingResult) {}
    shouldSample(context: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
      this.calls.push({ context, traceId, name, kind, attributes, links });
      return this.result;
    }
    toString(): string {
      return 'Scripted';
    }
  }

  it('gives the sampler the span facts and applies its attributes and trace state', () => {
    const sampler = new ScriptedSampler({ decision: Decision.RECORD_AND_SAMPLED, attributes: { 'sampler.rule': 'x' }, traceState: createTraceState('s=1') });
    const { provider, processor } = providerWithProcessor({ sampler });
    const link = { context: { traceId: 'c'.repeat(32), spanId: 'd'.repeat(16), traceFlags: 1 }, attributes: { l: 1 } };
    const span = provider.getTracer('t').startSpan('op', { kind: SpanKind.PRODUCER, attributes: { a: 1, bad: {} as unknown as string }, links: [link] });
    span.end();
    expect(sampler.calls).toHaveLength(1);
    expect(sampler.calls[0]).toMatchObject({ traceId: span.spanContext().traceId, name: 'op', kind: SpanKind.PRODUCER, attributes: { a: 1 }, links: [{ context: link.context, attributes: { l: 1 } }] });
    expect(processor.ended[0]?.attributes).toEqual({ a: 1, 'sampler.rule': 'x' });
    expect(processor.ended[0]?.links).toEqual([link]);
    expect(span.spanContext().traceState?.get('s')).toBe('1');
  });

  it('records without the sampled flag for a RECORD decision', () => {
    const { provider, processor } = providerWithProcessor({ sampler: new ScriptedSampler({ decision: Decision.RECORD }) });
    const span = provider.getTracer('t').startSpan('recorded only');
    expect(span.isRecording()).toBe(true);
    expect(span.spanContext().traceFlags).toBe(TraceFlags.NONE);
    span.end();
    expect(processor.ended).toHaveLength(1);
  });
});

describe('LeanTracerProvider flush and shutdown', () => {
  it('flushes every processor', async () => {
    const first = new RecordingProcessor();
    const second = new RecordingProcessor();
    const provider = new LeanTracerProvider({ spanProcessors: [first, second] });
    await provider.forceFlush();
    expect([first.flushes, second.flushes]).toEqual([1, 1]);
  });

  it('reports a failing processor after the others settled', async () => {
    const healthy = new RecordingProcessor();
    const failing = new RecordingProcessor();
    failing.forceFlush = () => Promise.reject(new Error('flush failed'));
    const provider = new LeanTracerProvider({ spanProcessors: [failing, healthy] });
    await expect(provider.forceFlush()).rejects.toThrow('flush failed');
    expect(healthy.flushes).toBe(1);
  });

  it('shuts down once; later spans do not record and nothing throws', async () => {
    const { provider, processor } = providerWithProcessor();
    const tracer = provider.getTracer('t');
    const open = tracer.startSpan('open across shutdown');
    const first = provider.shutdown();
    expect(provider.shutdown()).toBe(first);
    await first;
    expect(processor.shutdowns).toBe(1);
    const late = tracer.startSpan('after shutdown');
    expect(late.isRecording()).toBe(false);
    expect(provider.getTracer('new').startSpan('x').isRecording()).toBe(false);
    expect(() => late.end()).not.toThrow();
    expect(() => open.end()).not.toThrow();
    await expect(provider.forceFlush()).resolves.toBeUndefined();
    expect(processor.started.map(({ span }) => span.name)).toEqual(['open across shutdown']);
  });

  it('keeps a throwing processor from reaching the application', () => {
    const throwing = new RecordingProcessor();
    throwing.onStart = () => {
      throw new Error('boom');
    };
    const healthy = new RecordingProcessor();
    const provider = new LeanTracerProvider({ spanProcessors: [throwing, healthy] });
    expect(() => provider.getTracer('t').startSpan('s').end()).not.toThrow();
    expect(healthy.ended).toHaveLength(1);
  });
});
