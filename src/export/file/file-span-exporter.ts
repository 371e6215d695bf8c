import { diag } from '@opentelemetry/api';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ExportResultCode, type ExportResult } from '../../sdk/export-result';
import type { ReadableSpan, SpanExporter } from '../../sdk/sdk-types';
import { encodeTraceRequestJson } from '../otlp/encode-json';
import { fileExportFailedWarning, FILE_EXPORTER_SHUT_DOWN_ERROR } from './messages';

/** `node:fs/promises`, loaded when the first batch is written rather than when the package loads. */
const fs = (): typeof import('node:fs/promises') => require('node:fs/promises') as typeof import('node:fs/promises');

/** Settings of {@link FileSpanExporter}. */
export interface FileSpanExporterOptions {
  /** The file written; created (with its folder) on the first export. */
  path: string;
  /** A file is rotated before a line would take it past this size. */
  maxBytes: number;
  /** Rotated files kept: `<path>.1` (newest) to `<path>.<maxFiles>`; 0 keeps none. */
  maxFiles: number;
}

/**
 * Writes each batch as one line of OTLP/JSON (an `ExportTraceServiceRequest`), the format of
 * OpenTelemetry's file exporters, which `otel-bootstrap view` reads. All file work is
 * asynchronous and done one batch at a time, so the event loop never waits on the disk; a batch's
 * result is reported once its line is written. When the next line would take the file past
 * `maxBytes`, the file is rotated first (a line larger than `maxBytes` gets a file of its own).
 */
export class FileSpanExporter implements SpanExporter {
  readonly #options: FileSpanExporterOptions;
  #file: FileHandle | undefined;
  #size = 0;
  #tail: Promise<void> = Promise.resolve();
  #shutdown: Promise<void> | undefined;
  #lastWarnedCause: string | undefined;

  constructor(options: FileSpanExporterOptions) {
    this.#options = { ...options };
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.#shutdown !== undefined) return resultCallback({ code: ExportResultCode.FAILED, error: new Error(FILE_EXPORTER_SHUT_DOWN_ERROR) });
    let line: Buffer;
    try {
      line = Buffer.concat([encodeTraceRequestJson(spans), NEWLINE]);
    } catch (error) {
      return resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
    this.#tail = this.#tail.then(() =>
      this.#append(line).then(
        () => {
          this.#lastWarnedCause = undefined;
          resultCallback({ code: ExportResultCode.SUCCESS });
        },
        (error: unknown) => {
          const cause = error instanceof Error ? error.message : String(error);
          if (cause !== this.#lastWarnedCause) diag.warn(fileExportFailedWarning(this.#options.path, cause, spans.length));
          this.#lastWarnedCause = cause;
          this.#closeQuietly();
          resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(cause) });
        },
      ),
    );
  }

  /** Resolves when every line handed over so far is written. */
  forceFlush(): Promise<void> {
    return this.#tail;
  }

  /** Writes what is pending, then closes the file. Later exports fail. */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.#tail.then(async () => {
      const file = this.#file;
      this.#file = undefined;
      await file?.close();
    });
    return this.#shutdown;
  }

  async #append(line: Buffer): Promise<void> {
    if (this.#file !== undefined && this.#size > 0 && this.#size + line.length > this.#options.maxBytes) await this.#rotate();
    const file = this.#file ?? (await this.#open());
    let written = 0;
    while (written < line.length) {
      const { bytesWritten } = await file.write(line, written, line.length - written);
      written += bytesWritten;
    }
    this.#size += line.length;
  }

  async #open(): Promise<FileHandle> {
    await fs().mkdir(dirname(this.#options.path), { recursive: true });
    const file = await fs().open(this.#options.path, 'a');
    this.#size = (await file.stat()).size;
    this.#file = file;
    // A file that is already full is rotated before the first line, not after.
    return file;
  }

  async #rotate(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    await file?.close();
    const { path, maxFiles } = this.#options;
    if (maxFiles === 0) {
      await fs().rm(path, { force: true });
    } else {
      await fs().rm(`${path}.${maxFiles}`, { force: true });
      for (let index = maxFiles - 1; index >= 1; index--) await renameIfPresent(`${path}.${index}`, `${path}.${index + 1}`);
      await renameIfPresent(path, `${path}.1`);
    }
    this.#size = 0;
  }

  #closeQuietly(): void {
    const file = this.#file;
    this.#file = undefined;
    file?.close().catch(() => undefined);
  }
}

const NEWLINE = Buffer.from('\n');

async function renameIfPresent(from: string, to: string): Promise<void> {
  try {
    await fs().rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
