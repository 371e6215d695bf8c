import { LOG_PREFIX } from '../../config/warnings';

/** Warning for spans dropped because each one alone would not fit in a Jaeger agent UDP packet. */
export function oversizeSpansDroppedWarning(count: number, packetLimitBytes: number): string {
  const spans = count === 1 ? '1 span' : `${count} spans`;
  return (
    `${LOG_PREFIX} dropped ${spans} larger than the Jaeger agent's UDP packet limit (${packetLimitBytes} bytes); ` +
    'send to the collector over HTTP (OTEL_EXPORTER_JAEGER_ENDPOINT) to keep large spans.'
  );
}
