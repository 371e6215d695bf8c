import type { Server } from 'node:http';
import { numberOption, portOption } from '../args';
import { ExitCode, type CliCommand } from '../command';
import { listenOn, PortInUseError } from '../http-errors';
import { createOtlpReceiver } from '../ui/otlp-receiver';
import { PAGE_ASSETS } from '../ui/page-assets';
import { createPageServer } from '../ui/page-server';
import { renderPageHtml } from '../ui/render-page';
import { TraceStore } from '../ui/trace-store';

/** Default OTLP/HTTP port: where exporters send when nothing else is configured. */
export const DEFAULT_OTLP_PORT = 4318;
/** Default page port (Jaeger's), or the next free one. */
export const DEFAULT_UI_PORT = 16686;
const UI_PORT_ATTEMPTS = 20;

/** A running `ui`: its addresses, its store, and how to stop it. */
export interface RunningUi {
  otlpUrl: string;
  pageUrl: string;
  store: TraceStore;
  close(): Promise<void>;
}

/** Options of {@link startUi}. */
export interface UiOptions {
  port: number;
  /** `undefined`: the default port or the next free one. */
  uiPort: number | undefined;
  maxTraces: number;
  maxSpans: number;
}

/** Starts the receiver and the page server on 127.0.0.1. */
export async function startUi(options: UiOptions): Promise<RunningUi> {
  const store = new TraceStore({ maxTraces: options.maxTraces, maxSpans: options.maxSpans });
  const page = createPageServer(store, renderPageHtml(PAGE_ASSETS));
  const receiver = createOtlpReceiver({
    accept(spans) {
      if (store.add(spans).length > 0) page.notifyChanged();
    },
    reject() {
      store.reject();
      page.notifyChanged();
    },
  });
  const otlpPort = await listenOn(receiver, options.port, '--port', 'OTLP/HTTP receiver');
  let uiPort: number;
  try {
    uiPort = await listenUiPort(page.server, options.uiPort);
  } catch (error) {
    receiver.close();
    throw error;
  }
  return {
    otlpUrl: `http://127.0.0.1:${otlpPort}`,
    pageUrl: `http://127.0.0.1:${uiPort}/`,
    store,
    async close() {
      page.closeStreams();
      await Promise.all([closeServer(receiver), closeServer(page.server)]);
    },
  };
}

async function listenUiPort(server: Server, port: number | undefined): Promise<number> {
  if (port !== undefined) return listenOn(server, port, '--ui-port', 'web page');
  for (let attempt = 0; ; attempt++) {
    try {
      return await listenOn(server, DEFAULT_UI_PORT + attempt, '--ui-port', 'web page');
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt + 1 >= UI_PORT_ATTEMPTS) throw error;
    }
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export const uiCommand: CliCommand = {
  name: 'ui',
  summary: 'a local OTLP receiver with a web page: trace list, filters, waterfall',
  description:
    'Receives OTLP/HTTP traces (protobuf or JSON, gzip or not) on 127.0.0.1 and shows them on a web page: recent traces with filters by service, span name, attribute and minimum duration, and each trace as a waterfall with the critical path outlined; a click on a span shows its attributes, events and links. New traces appear without a reload. Memory stays bounded: past the limits the traces that changed least recently are dropped, and the page shows how many. ' +
    'Point a service at it with OTEL_TRACES_EXPORTER=otlp (the default OTLP endpoint is this receiver\'s default port). Runs until Ctrl-C.',
  options: [
    { name: 'port', type: 'string', value: '<port>', description: `OTLP/HTTP receiver port on 127.0.0.1 (default ${DEFAULT_OTLP_PORT}; 0 picks a free one)` },
    { name: 'ui-port', type: 'string', value: '<port>', description: `web page port on 127.0.0.1 (default ${DEFAULT_UI_PORT}, or the next free one)` },
    { name: 'max-traces', type: 'string', value: '<n>', description: 'traces kept at most (default 1000)' },
    { name: 'max-spans', type: 'string', value: '<n>', description: 'spans kept at most over all traces (default 50000)' },
  ],
  examples: [
    'npx otel-bootstrap ui',
    'OTEL_TRACES_EXPORTER=otlp node --require otel-bootstrap/register app.js   # in another terminal',
    'npx otel-bootstrap ui --port 14318 --ui-port 16700 --max-spans 200000',
  ],
  async run(args, io) {
    const uiPortText = args.values['ui-port'];
    const options: UiOptions = {
      port: portOption(args, 'port', DEFAULT_OTLP_PORT),
      uiPort: uiPortText === undefined ? undefined : portOption(args, 'ui-port', DEFAULT_UI_PORT),
      maxTraces: numberOption(args, 'max-traces', 1000, 1, 1_000_000, true),
      maxSpans: numberOption(args, 'max-spans', 50_000, 1, 10_000_000, true),
    };
    let ui: RunningUi;
    try {
      ui = await startUi(options);
    } catch (error) {
      io.stderr(`otel-bootstrap ui: ${error instanceof Error ? error.message : String(error)}\n`);
      return ExitCode.failed;
    }
    io.stdout(
      [
        `otel-bootstrap ui`,
        `  OTLP/HTTP receiver: ${ui.otlpUrl}/v1/traces (protobuf and JSON)`,
        `  web page:           ${ui.pageUrl}`,
        `  limits:             ${options.maxTraces} traces, ${options.maxSpans} spans (oldest dropped first)`,
        `  send traces with:   OTEL_TRACES_EXPORTER=otlp OTEL_EXPORTER_OTLP_ENDPOINT=${ui.otlpUrl}`,
        '  stop with Ctrl-C',
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await ui.close();
    const stats = ui.store.stats();
    io.stdout(`otel-bootstrap ui stopped: ${stats.receivedSpans} span(s) received, ${stats.rejectedRequests} request(s) rejected.\n`);
    return ExitCode.ok;
  },
};
