import { LOG_PREFIX } from '../../config/warnings';

/** Warning when a batch cannot be written to the trace file (repeated only when the cause changes). */
export function fileExportFailedWarning(path: string, cause: string, spans: number): string {
  return `${LOG_PREFIX} writing spans to ${path} failed (${cause}); ${spans} span(s) dropped, the service is unaffected. Later batches are still tried.`;
}

/** Error of an export asked for after shutdown. */
export const FILE_EXPORTER_SHUT_DOWN_ERROR = `${LOG_PREFIX} the file exporter is shut down; the batch was not written.`;
