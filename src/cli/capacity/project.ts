/**
 * Storage projection: traces, spans and bytes per day and over the retention period. The seed
 * write-up's planner (requests x sampling rate x spans per trace x 1 KB) is this formula with a
 * fixed 1 KB per span and no storage factor.
 */

/** The inputs of a projection. */
export interface ProjectionInput {
  requestsPerDay: number;
  samplingRate: number;
  spansPerTrace: number;
  bytesPerSpan: number;
  /** The storage backend's bytes stored per byte received (indexes, replication); 1 when unknown. */
  storageFactor: number;
  retentionDays: number;
}

/** What a projection gives. */
export interface Projection {
  tracesPerDay: number;
  spansPerDay: number;
  bytesPerDay: number;
  storageBytes: number;
}

/** Bytes per span the seed planner assumed. */
export const SEED_BYTES_PER_SPAN = 1024;

/** Traces, spans, bytes per day and stored bytes over the retention period. */
export function project(input: ProjectionInput): Projection {
  const tracesPerDay = input.requestsPerDay * input.samplingRate;
  const spansPerDay = tracesPerDay * input.spansPerTrace;
  const bytesPerDay = spansPerDay * input.bytesPerSpan * input.storageFactor;
  return { tracesPerDay, spansPerDay, bytesPerDay, storageBytes: bytesPerDay * input.retentionDays };
}

/** The seed planner's bytes per day: requests x rate x spans x 1 KB. */
export function seedBytesPerDay(input: Pick<ProjectionInput, 'requestsPerDay' | 'samplingRate' | 'spansPerTrace'>): number {
  return project({ ...input, bytesPerSpan: SEED_BYTES_PER_SPAN, storageFactor: 1, retentionDays: 1 }).bytesPerDay;
}

/** Stored bytes over the retention period for each sampling rate (rows) and spans per trace (columns). */
export function sensitivity(input: ProjectionInput, samplingRates: readonly number[], spansPerTrace: readonly number[]): number[][] {
  return samplingRates.map((samplingRate) => spansPerTrace.map((spans) => project({ ...input, samplingRate, spansPerTrace: spans }).storageBytes));
}

/** `1.23 GB` (decimal units, as storage is sold). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(value >= 10 ? 1 : 2)} ${units[unit]}`;
}

/** `12,345,678` */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
