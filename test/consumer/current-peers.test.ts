import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedSpan } from '../integration/support/otlp-decode';
import { FIXTURE_APPS, startService, stopService, type ServiceProcess } from '../integration/support/service-process';
import { installConsumerProject, otelBootstrapTarball, type ConsumerProject } from './support/consumer-project';
import { startOtlpGrpcReceiver, type OtlpGrpcReceiver } from './support/otlp-grpc-receiver';

const SERVER = 2;
const CLIENT = 3;
const NODE_PROCESS_WARNING = /DeprecationWarning|ExperimentalWarning|\(node:\d+\) \[/;

/** Span ids from `span`'s parent up to its root. */
function ancestors(spans: ReceivedSpan[], span: ReceivedSpan): string[] {
  const ids: string[] = [];
  for (let parent = span.parentSpanId; parent !== undefined; parent = spans.find((candidate) => candidate.spanId === parent)?.parentSpanId) ids.push(parent);
  return ids;
}

describe.each(['4', '5'])('beside the latest auto-instrumentations-node and OTLP/gRPC exporter, with express %s', (expressMajor) => {
  let project: ConsumerProject;
  let receiver: OtlpGrpcReceiver;
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    receiver = await startOtlpGrpcReceiver();
    project = await installConsumerProject(
      `peers-express${expressMajor}`,
      {
        dependencies: {
          'otel-bootstrap': otelBootstrapTarball(),
          '@opentelemetry/auto-instrumentations-node': 'latest',
          '@opentelemetry/exporter-trace-otlp-grpc': 'latest',
          express: `^${expressMajor}`,
        },
      },
      { 'service.cjs': join(FIXTURE_APPS, 'all-instrumentations.cjs'), 'express-app.cjs': join(FIXTURE_APPS, 'express-app.cjs') },
    );
  });
  afterEach(async () => stopService(service));
  afterAll(async () => {
    await receiver?.close();
    await project?.remove();
  });

  it('installs with plain npm install, one copy of the API', () => {
    const packages = project.packages();
    expect(project.versionOf('express')?.split('.')[0]).toBe(expressMajor);
    expect(packages.filter((entry) => entry.name === '@opentelemetry/api')).toHaveLength(1);
    expect(project.versionOf('@opentelemetry/auto-instrumentations-node')).toMatch(/^0\./);
    expect(project.versionOf('@opentelemetry/exporter-trace-otlp-grpc')).toMatch(/^0\./);
  });

  it("init({ instrumentations: 'all' }) with OTEL_EXPORTER_OTLP_PROTOCOL=grpc exports route-named server spans to a gRPC receiver", async () => {
    const serviceName = `peers-express${expressMajor}`;
    service = await startService(
      ['service.cjs'],
      {
        OTEL_SERVICE_NAME: serviceName,
        NODE_ENV: 'production',
        OTEL_TRACES_SAMPLER: 'always_on',
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      },
      true,
      { cwd: project.directory },
    );
    const users = await fetch(`${service.baseUrl}/users/3`);
    expect(await users.json()).toEqual({ id: '3' });
    const viaHttp = await fetch(`${service.baseUrl}/via-http?url=${encodeURIComponent(`${service.baseUrl}/users/4`)}`);
    expect(await viaHttp.json()).toEqual({ downstream: 200 });
    const isMine = (span: ReceivedSpan): boolean => span.resource['service.name'] === serviceName;
    const servers = await receiver.waitForSpans(3, 20_000, (span) => isMine(span) && span.kind === SERVER);
    await receiver.waitForSpans(1, 20_000, (span) => isMine(span) && span.scope === '@opentelemetry/instrumentation-net');
    const spans = receiver.spans.filter(isMine);

    expect(servers.map((span) => [span.name, span.attributes['http.route']]).sort()).toEqual([
      ['GET /users/:id', '/users/:id'],
      ['GET /users/:id', '/users/:id'],
      ['GET /via-http', '/via-http'],
    ]);
    const outer = servers.find((span) => span.name === 'GET /via-http') as ReceivedSpan;
    const downstream = servers.find((span) => span.traceId === outer.traceId && span !== outer) as ReceivedSpan;
    const client = spans.find((span) => span.kind === CLIENT && span.traceId === outer.traceId) as ReceivedSpan;
    expect(downstream.parentSpanId).toBe(client.spanId);
    expect(ancestors(spans, client)).toContain(outer.spanId);
    // A non-core instrumentation of the full set is active: the outgoing connection of the HTTP call.
    const connect = spans.find((span) => span.scope === '@opentelemetry/instrumentation-net' && span.traceId === outer.traceId);
    expect(connect?.name).toBe('tcp.connect');
    expect(connect?.parentSpanId).toBe(client.parentSpanId);

    const handlers = spans.filter((span) => span.name.startsWith('request handler - '));
    if (expressMajor === '5') {
      // Express 5 routes through the router package, whose official instrumentation comes with the full set.
      expect(handlers.map((span) => span.name).sort()).toEqual(['request handler - /users/:id', 'request handler - /users/:id', 'request handler - /via-http']);
      for (const handler of handlers) {
        const parent = servers.find((span) => span.spanId === handler.parentSpanId);
        expect(parent?.attributes['http.route']).toBe(handler.attributes['http.route']);
      }
    } else {
      // The package's own HTTP tracing names Express 4 routes; the official Express instrumentation stays off.
      expect(handlers).toEqual([]);
      expect(client.parentSpanId).toBe(outer.spanId);
    }
    expect(receiver.calls.length).toBeGreaterThan(0);
    expect(service.stderr()).not.toMatch(NODE_PROCESS_WARNING);
    expect(service.stderr()).toBe('');
  });
});
