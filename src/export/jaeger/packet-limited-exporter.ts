import { diag } from '@opentelemetry/api';
import { LOG_PREFIX } from '../../config/warnings';
import { ExportResultCode, type ExportResult } from '../../sdk/export-result';
import type { ReadableSpan, SpanExporter } from '../../sdk/sdk-types';
import type { DroppedSpanWarnings } from './dropped-span-warnings';
import { planPackets } from './plan-packets';
import type { MeasuredSpan, ThriftSpanSizer } from './thrift-span-sizer';

/** What {@link PacketLimitedExporter} needs besides the exporter it feeds. */
export interface PacketLimitedExporterOptions {
  sizer: ThriftSpanSizer;
  /** Largest packet allowed, in bytes, including the batch envelope. */
  packetLimitBytes: number;
  /** Receives the number of spans dropped because they exceed the limit on their own. */
  warnings: DroppedSpanWarnings;
}

/** Error passed to the export callback after shutdown. */
export const EXPORTER_SHUT_DOWN_ERROR = 'the Jaeger exporter is shut down';

/**
 * Wraps the Jaeger exporter for an agent reached over UDP so that every packet fits the agent's
 * limit. Each span is measured with the sender's own encoding; a span too large for any packet is
 * dropped and counted for one aggregated warning, and the rest is handed over in groups that each
 * fit one packet, exactly one group per export of the wrapped exporter. Exports run one at a time
 * (the wrapped sender shares one buffer between overlapping exports and loses spans when they
 * interleave). The callback is called exactly once: success when every deliverable span was sent.
 */
export class PacketLimitedExporter implements SpanExporter {
  readonly #inner: SpanExporter;
  readonly #options: PacketLimitedExporterOptions;
  #queue: Promise<void> = Promise.resolve();
  #shutdown: Promise<void> | undefined;
  /** Envelope size of the wrapped sender's packets, known once it has picked its process. */
  #lockedEnvelopeBytes: number | undefined;

  constructor(inner: SpanExporter, options: PacketLimitedExporterOptions) {
    this.#inner = inner;
    this.#options = options;
  }

  /** Sends `spans` in packets that fit the limit, after any export still running. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.#shutdown !== undefined) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error(EXPORTER_SHUT_DOWN_ERROR) });
      return;
    }
    const run = this.#queue.then(() => this.#sendInPackets(spans));
    this.#queue = run.then(() => undefined);
    // A callback that throws must not become an unhandled rejection in the service.
    void run.then(resultCallback).catch((error: unknown) => diag.error(`${LOG_PREFIX} Jaeger export callback failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Waits for running exports, flushes the wrapped exporter and prints any pending drop warning. */
  async forceFlush(): Promise<void> {
    await this.#queue;
    try {
      await this.#inner.forceFlush?.();
    } finally {
      this.#options.warnings.flush();
    }
  }

  /** Waits for running exports, then shuts the wrapped exporter down; later exports fail at once. */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.#shutDownAfterQueue();
    return this.#shutdown;
  }

  async #shutDownAfterQueue(): Promise<void> {
    await this.#queue;
    try {
      await this.#inner.shutdown();
    } finally {
      this.#options.warnings.flush();
    }
  }

  /** Never rejects: every failure becomes a failed result. */
  async #sendInPackets(spans: ReadableSpan[]): Promise<ExportResult> {
    try {
      const measured = spans.map((span) => this.#options.sizer.measure(span));
      const spanBudget = this.#options.packetLimitBytes - this.#envelopeBytes(measured);
      const { packets, oversize } = planPackets(measured, spanBudget);
      this.#options.warnings.record(oversize.length);
      let failure: ExportResult | undefined;
      for (const packet of packets) {
        const result = await this.#exportOnePacket(packet);
        if (result.code !== ExportResultCode.SUCCESS) failure ??= result;
      }
      return failure ?? { code: ExportResultCode.SUCCESS };
    } catch (error) {
      return { code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  /**
   * The wrapped sender sends its process with every packet and picks that process from the first
   * span it ever gets. Until then, assume the largest envelope among the spans at hand.
   */
  #envelopeBytes(measured: readonly MeasuredSpan[]): number {
    if (this.#lockedEnvelopeBytes !== undefined) return this.#lockedEnvelopeBytes;
    const serviceNames = new Set(measured.map((span) => span.serviceName));
    return Math.max(0, ...[...serviceNames].map((name) => this.#options.sizer.emptyPacketBytes(name)));
  }

  #exportOnePacket(packet: readonly MeasuredSpan[]): Promise<ExportResult> {
    const first = packet[0];
    if (first !== undefined) this.#lockedEnvelopeBytes ??= this.#options.sizer.emptyPacketBytes(first.serviceName);
    return new Promise<ExportResult>((resolve) => {
      try {
        this.#inner.export(
          packet.map((entry) => entry.span),
          resolve,
        );
      } catch (error) {
        resolve({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
      }
    });
  }
}
