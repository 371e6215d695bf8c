import { resolve } from 'node:path';
import type { ExporterChoice, ResolvedConfig } from '../../config/options';
import { redactUrl } from '../../config/redact';
import { FileSpanExporter } from '../../export/file/file-span-exporter';
import { createJaegerThriftExporter } from '../../export/jaeger-thrift';
import { createOtlpExporter } from '../../export/otlp';
import { encodeTraceRequestJson } from '../../export/otlp/encode-json';
import { encodeTraceRequestProtobuf } from '../../export/otlp/encode-protobuf';
import type { AttemptOutcome } from '../../export/otlp/attempt-outcome';
import { SocketHttpTransport } from '../../export/otlp/socket-http-transport';
import { ProtobufWriter } from '../../export/otlp/protobuf-writer';
import type { ReadableSpan, SpanExporter } from '../../sdk/sdk-types';
import { errorText, probeDns, probeTcp, probeTls } from './network-probes';
import { since, type DoctorStep } from './step';

/** Settings of the checks. */
export interface CheckSettings {
  timeoutMillis: number;
}

/** What checking one exporter found; `sent` when the test span left through it. */
export interface ExporterCheck {
  steps: DoctorStep[];
  sent: boolean;
}

/** Checks one configured exporter: reachability step by step, then the test span sent through it. */
export async function checkExporter(choice: ExporterChoice, config: ResolvedConfig, span: ReadableSpan, settings: CheckSettings): Promise<ExporterCheck> {
  if (typeof choice !== 'string') return { steps: [{ name: 'custom exporter', status: 'skip', detail: 'an exporter instance given in code is not checked here' }], sent: false };
  switch (choice) {
    case 'otlp':
      return config.otlp.protocol === 'grpc' ? checkOtlpGrpc(config, span, settings) : checkOtlpHttp(config, span, settings);
    case 'jaeger':
      return checkJaeger(config, span, settings);
    case 'file':
      return checkFile(config, span);
    case 'console':
      return { steps: [{ name: 'console', status: 'ok', detail: 'prints one tree per trace on standard output; nothing to reach' }], sent: false };
    case 'memory':
      return { steps: [{ name: 'memory', status: 'skip', detail: 'keeps spans in the process (tests); nothing to reach' }], sent: false };
    case 'none':
      return { steps: [{ name: 'none', status: 'skip', detail: 'OTEL_TRACES_EXPORTER=none: spans are not exported' }], sent: false };
  }
}

/** DNS, TCP and (for https) TLS to the host and port of `url`; stops at the first failure. */
async function reach(prefix: string, url: URL, settings: CheckSettings): Promise<DoctorStep[]> {
  const steps: DoctorStep[] = [];
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const dns = await probeDns(prefix, url.hostname);
  steps.push(dns.step);
  if (dns.step.status === 'fail') return steps;
  const tcp = await probeTcp(prefix, dns.addresses, port, settings.timeoutMillis);
  steps.push(tcp.step);
  if (tcp.address === undefined) return steps;
  if (url.protocol === 'https:') steps.push(await probeTls(prefix, tcp.address, port, url.hostname.replace(/^\[|\]$/g, ''), settings.timeoutMillis));
  else steps.push({ name: `${prefix} tls`, status: 'skip', detail: 'plain http, no TLS' });
  return steps;
}

const failed = (steps: readonly DoctorStep[]): boolean => steps.some((step) => step.status === 'fail');

async function checkOtlpHttp(config: ResolvedConfig, span: ReadableSpan, settings: CheckSettings): Promise<ExporterCheck> {
  const url = new URL(config.otlp.url);
  const steps = await reach('otlp', url, settings);
  if (failed(steps)) return { steps, sent: false };
  const json = config.otlp.protocol === 'http/json';
  const body = json ? encodeTraceRequestJson([span]) : encodeTraceRequestProtobuf([span], new ProtobufWriter());
  // The exporter's own transport: same agent, headers, content type and tracing suppression.
  const transport = new SocketHttpTransport({ url: config.otlp.url, headers: config.otlp.headers, contentType: json ? 'application/json' : 'application/x-protobuf', maxSockets: 1 });
  const start = performance.now();
  const outcome = await transport.send(body, Math.min(settings.timeoutMillis, config.otlp.timeoutMillis));
  transport.close();
  const target = `POST ${redactUrl(config.otlp.url)} (${config.otlp.protocol}, ${body.length} bytes)`;
  steps.push({ name: 'otlp http', ...httpResult(outcome, target, config.otlp.timeoutMillis), millis: since(start) });
  return { steps, sent: outcome.kind === 'success' };
}

function httpResult(outcome: AttemptOutcome, target: string, timeoutMillis: number): Pick<DoctorStep, 'status' | 'detail'> {
  switch (outcome.kind) {
    case 'success':
      return { status: 'ok', detail: `${target} -> HTTP ${outcome.status}; test span accepted` };
    case 'status': {
      const hint = outcome.status === 404 ? ' (wrong path? a base URL gets /v1/traces added only through OTEL_EXPORTER_OTLP_ENDPOINT)' : outcome.status === 401 || outcome.status === 403 ? ' (check OTEL_EXPORTER_OTLP_HEADERS)' : '';
      return { status: 'fail', detail: `${target} -> HTTP ${outcome.status}${hint}` };
    }
    case 'error':
      return { status: 'fail', detail: `${target} -> ${outcome.code}` };
    case 'timeout':
      return { status: 'fail', detail: `${target} -> no answer within ${timeoutMillis} ms` };
    case 'response-too-large':
      return { status: 'fail', detail: `${target} -> the answer is too large to be an OTLP response` };
  }
}

/** Sends the span through an exporter built exactly as the service builds it. */
function exportThrough(exporter: SpanExporter, span: ReadableSpan, timeoutMillis: number): Promise<string | undefined> {
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => resolvePromise(`no result within ${timeoutMillis} ms`), timeoutMillis);
    timer.unref();
    exporter.export([span], (result) => {
      clearTimeout(timer);
      resolvePromise(result.code === 0 ? undefined : (result.error?.message ?? 'export failed'));
    });
  });
}

async function sendStep(name: string, build: () => SpanExporter, span: ReadableSpan, target: string, settings: CheckSettings): Promise<DoctorStep> {
  const start = performance.now();
  let exporter: SpanExporter;
  try {
    exporter = build();
  } catch (error) {
    return { name, status: 'fail', detail: errorText(error), millis: since(start) };
  }
  const failure = await exportThrough(exporter, span, settings.timeoutMillis);
  await exporter.shutdown().catch(() => undefined);
  return failure === undefined
    ? { name, status: 'ok', detail: `test span sent to ${target}`, millis: since(start) }
    : { name, status: 'fail', detail: `${target}: ${failure}`, millis: since(start) };
}

async function checkOtlpGrpc(config: ResolvedConfig, span: ReadableSpan, settings: CheckSettings): Promise<ExporterCheck> {
  const steps = await reach('otlp', new URL(config.otlp.url), settings);
  if (failed(steps)) return { steps, sent: false };
  const step = await sendStep('otlp grpc', () => createOtlpExporter(config.otlp, config.batch), span, redactUrl(config.otlp.url), settings);
  steps.push(step);
  return { steps, sent: step.status === 'ok' };
}

async function checkJaeger(config: ResolvedConfig, span: ReadableSpan, settings: CheckSettings): Promise<ExporterCheck> {
  const endpoint = config.jaeger.endpoint;
  const steps: DoctorStep[] = [];
  if (endpoint !== undefined) {
    steps.push(...(await reach('jaeger', new URL(endpoint), settings)));
  } else {
    const dns = await probeDns('jaeger', config.jaeger.agentHost);
    steps.push(dns.step, { name: 'jaeger udp', status: 'skip', detail: `UDP to ${config.jaeger.agentHost}:${config.jaeger.agentPort} has no connection to check; the agent does not acknowledge` });
  }
  if (failed(steps)) return { steps, sent: false };
  const target = endpoint === undefined ? `the agent at ${config.jaeger.agentHost}:${config.jaeger.agentPort} (UDP)` : redactUrl(endpoint);
  const step = await sendStep('jaeger send', () => createJaegerThriftExporter(config.jaeger), span, target, settings);
  steps.push(step);
  return { steps, sent: step.status === 'ok' };
}

async function checkFile(config: ResolvedConfig, span: ReadableSpan): Promise<ExporterCheck> {
  const path = resolve(config.file.path);
  const step = await sendStep('file write', () => new FileSpanExporter({ path, maxBytes: config.file.maxBytes, maxFiles: config.file.maxFiles }), span, path, { timeoutMillis: 10_000 });
  return { steps: [step], sent: step.status === 'ok' };
}
