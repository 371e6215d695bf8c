import { diag } from '@opentelemetry/api';
import type { SpanExporter } from '../sdk/sdk-types';
import { MissingOptionalPackageError } from '../optional-package';
import type { ResolvedConfig } from '../config/options';
import { DEFAULT_FILE_EXPORTER } from '../config/profiles';
import { MemorySpanExporter } from '../sdk/memory-exporter';
import { ConsoleTreeExporter } from './console-tree-exporter';
import { createJaegerThriftExporter } from './jaeger-thrift';
import { FileSpanExporter } from './file/file-span-exporter';
import { createOtlpExporter } from './otlp';
import { resolve } from 'node:path';

/** An exporter and whether it talks to the network (network exporters are always batched). */
export interface BuiltExporter {
  exporter: SpanExporter;
  remote: boolean;
}

/**
 * Builds every configured exporter; `none` builds nothing. An exporter whose optional package is
 * missing is left out with one warning naming the package, and the others still run.
 */
export function createExporters(config: Pick<ResolvedConfig, 'exporters' | 'otlp' | 'jaeger' | 'batch'> & Partial<Pick<ResolvedConfig, 'consoleVerbose' | 'file'>>): BuiltExporter[] {
  const built: BuiltExporter[] = [];
  for (const choice of config.exporters) {
    try {
      addExporter(built, choice, config);
    } catch (error) {
      if (!(error instanceof MissingOptionalPackageError)) throw error;
      diag.warn(`${error.message} Spans are not sent to that exporter.`);
    }
  }
  return built;
}

function addExporter(built: BuiltExporter[], choice: ResolvedConfig['exporters'][number], config: Pick<ResolvedConfig, 'otlp' | 'jaeger' | 'batch'> & Partial<Pick<ResolvedConfig, 'consoleVerbose' | 'file'>>): void {
  if (typeof choice !== 'string') {
    built.push({ exporter: choice, remote: !isLocalExporter(choice) });
    return;
  }
  switch (choice) {
    case 'otlp':
      built.push({ exporter: createOtlpExporter(config.otlp, config.batch), remote: true });
      break;
    case 'jaeger':
      built.push({ exporter: createJaegerThriftExporter(config.jaeger), remote: true });
      break;
    case 'console':
      built.push({ exporter: new ConsoleTreeExporter(undefined, { verbose: config.consoleVerbose }), remote: false });
      break;
    case 'file': {
      const file = config.file ?? DEFAULT_FILE_EXPORTER;
      // Batched like a network exporter: one line per batch, and the disk never waits per span.
      built.push({ exporter: new FileSpanExporter({ path: resolve(file.path), maxBytes: file.maxBytes, maxFiles: file.maxFiles }), remote: true });
      break;
    }
    case 'memory':
      built.push({ exporter: new MemorySpanExporter(), remote: false });
      break;
    case 'none':
      break;
  }
}

/** Whether a configured exporter talks to the network (`otlp`, `jaeger`, or an instance that is not an in-process one). */
export function isRemoteExporter(choice: ResolvedConfig['exporters'][number]): boolean {
  if (typeof choice !== 'string') return !isLocalExporter(choice);
  return choice === 'otlp' || choice === 'jaeger';
}

/** In-process exporters get a simple processor; the SDK's in-memory exporter is recognised by name so its package need not load. */
function isLocalExporter(exporter: SpanExporter): boolean {
  if (exporter instanceof MemorySpanExporter || exporter instanceof ConsoleTreeExporter) return true;
  const name = (exporter as { constructor?: { name?: unknown } }).constructor?.name;
  return name === 'InMemorySpanExporter' || name === 'ConsoleSpanExporter';
}
