// `npm run demo:access-log`: imports the lines of an HAProxy access log (haproxy.log beside this
// file, or the file named as the first argument) as spans of one trace with recordSpan(): a root
// span for the import's time range and one SERVER span per request, at the times HAProxy logged,
// with its queueing, connection and response as events. The console exporter prints the tree;
// set OTEL_TRACES_EXPORTER=otlp to send it to Jaeger.
import { readFileSync } from 'node:fs';
import { SpanStatusCode } from '@opentelemetry/api';
import { join } from 'node:path';
import { init, recordSpan } from 'otel-bootstrap';
import { parseAccessLogLine, type AccessLogEntry } from './haproxy-line.js';

const tracing = init({ serviceName: 'haproxy', environment: 'development', shutdownSignals: false });

const at = (entry: AccessLogEntry, millis: number): Date => new Date(entry.accepted.getTime() + millis);

async function main(): Promise<void> {
  const file = process.argv[2] ?? join(__dirname, '..', '..', 'access-log', 'haproxy.log');
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const entries = lines.map(parseAccessLogLine).filter((entry): entry is AccessLogEntry => entry !== undefined);
  console.log(`${entries.length} of ${lines.length} lines are access log entries`);
  if (entries.length === 0) return;

  const start = Math.min(...entries.map((entry) => entry.accepted.getTime()));
  const end = Math.max(...entries.map((entry) => at(entry, entry.timers.total).getTime()));
  const root = recordSpan({ name: `haproxy ${entries[0]?.frontend ?? 'frontend'}`, startTime: start, endTime: end, attributes: { 'haproxy.requests': entries.length } });

  for (const entry of entries) {
    const { request, queue, connect, response, total } = entry.timers;
    recordSpan({
      name: `${entry.method} ${entry.path}`,
      kind: 'server',
      startTime: entry.accepted,
      endTime: at(entry, total),
      parent: root,
      attributes: {
        'http.request.method': entry.method,
        'url.path': entry.path,
        'http.response.status_code': entry.status,
        'http.response.body.size': entry.bytes,
        'client.address': entry.client.split(':')[0] as string,
        'haproxy.backend': entry.backend,
        'haproxy.server': entry.server,
        'haproxy.termination_state': entry.termination,
      },
      events: [
        { name: 'request received', time: at(entry, request) },
        { name: 'dequeued', time: at(entry, request + queue) },
        { name: 'connected to server', time: at(entry, request + queue + connect) },
        { name: 'response headers', time: at(entry, request + queue + connect + response) },
      ],
      status: entry.status >= 500 ? { code: SpanStatusCode.ERROR, message: `HTTP ${entry.status} (${entry.termination})` } : undefined,
    });
  }
  console.log(`TRACE_ID=${root?.traceId ?? 'none'}`);
  await tracing.shutdown();
}

void main();
