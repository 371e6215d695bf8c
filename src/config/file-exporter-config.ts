import type { EnvReader } from './env';
import type { FileExporterOptions, ResolvedConfig } from './options';
import { DEFAULT_FILE_EXPORTER } from './profiles';

/** Resolves the `file` exporter's settings: options, then `OTEL_BOOTSTRAP_FILE_*`, then defaults. */
export function resolveFileExporter(options: FileExporterOptions | undefined, env: EnvReader): ResolvedConfig['file'] {
  return {
    path: options?.path ?? env.string('OTEL_BOOTSTRAP_FILE_PATH') ?? DEFAULT_FILE_EXPORTER.path,
    maxBytes: options?.maxBytes ?? env.integer('OTEL_BOOTSTRAP_FILE_MAX_BYTES', 1024, 1_000_000_000_000, String(DEFAULT_FILE_EXPORTER.maxBytes)) ?? DEFAULT_FILE_EXPORTER.maxBytes,
    maxFiles: options?.maxFiles ?? env.integer('OTEL_BOOTSTRAP_FILE_MAX_FILES', 0, 1000, String(DEFAULT_FILE_EXPORTER.maxFiles)) ?? DEFAULT_FILE_EXPORTER.maxFiles,
  };
}
