import { join } from 'node:path';
import { REPO_ROOT, startService, stopService, type ServiceProcess } from './service-process';

export const CLI = join(REPO_ROOT, 'dist', 'cli.cjs');

/** A running `otel-bootstrap ui` child process on ports the system chose. */
export interface UiProcess {
  service: ServiceProcess;
  /** Base URL of the OTLP receiver, e.g. `http://127.0.0.1:41234`. */
  otlpUrl: string;
  /** URL of the page. */
  pageUrl: string;
  stop(): Promise<void>;
}

/** Starts `ui` on free ports (never the fixed defaults, which Jaeger uses) and waits for its addresses. */
export async function startUiProcess(extraArgs: string[] = []): Promise<UiProcess> {
  const service = await startService([CLI, 'ui', '--port', '0', '--ui-port', '0', ...extraArgs], {}, false);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const otlp = /OTLP\/HTTP receiver: (http:\/\/127\.0\.0\.1:\d+)\/v1\/traces/.exec(service.stdout());
    const page = /web page:\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(service.stdout());
    if (otlp?.[1] !== undefined && page?.[1] !== undefined) {
      return {
        service,
        otlpUrl: otlp[1],
        pageUrl: page[1],
        stop: async () => {
          if (service.child.exitCode === null && service.child.signalCode === null) {
            service.kill('SIGTERM');
            const timer = setTimeout(() => service.kill('SIGKILL'), 5000);
            await service.exited;
            clearTimeout(timer);
          }
          await stopService(service);
        },
      };
    }
    if (service.child.exitCode !== null || Date.now() > deadline) {
      await stopService(service);
      throw new Error(`ui did not start\nstdout: ${service.stdout()}\nstderr: ${service.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
