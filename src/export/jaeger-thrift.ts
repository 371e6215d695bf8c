import type { SpanExporter } from '../sdk/sdk-types';
import type { ResolvedConfig } from '../config/options';
import { DroppedSpanWarnings } from './jaeger/dropped-span-warnings';
import { PacketLimitedExporter } from './jaeger/packet-limited-exporter';
import { JAEGER_UDP_PACKET_LIMIT_BYTES } from './jaeger/packet-limit';
import { loadThriftSpanSizer } from './jaeger/thrift-span-sizer';
import { oversizeSpansDroppedWarning } from './jaeger/warnings';
import { requireOptional } from '../optional-package';

/**
 * Builds the legacy Jaeger Thrift exporter: HTTP to a collector when an endpoint is set, else
 * binary Thrift over UDP to an agent, with every packet kept within the agent's limit (spans too
 * large for any packet are dropped with one aggregated warning). Its package is loaded only here.
 */
export function createJaegerThriftExporter(jaeger: ResolvedConfig['jaeger']): SpanExporter {
  const { JaegerExporter } = requireOptional<typeof import('@opentelemetry/exporter-jaeger')>('@opentelemetry/exporter-jaeger', 'The Jaeger Thrift exporter (OTEL_TRACES_EXPORTER=jaeger)');
  if (jaeger.endpoint !== undefined) {
    return new JaegerExporter({ endpoint: jaeger.endpoint, username: jaeger.username, password: jaeger.password });
  }
  const packetLimitBytes = JAEGER_UDP_PACKET_LIMIT_BYTES;
  const agentExporter = new JaegerExporter({ host: jaeger.agentHost, port: jaeger.agentPort, maxPacketSize: packetLimitBytes });
  return new PacketLimitedExporter(agentExporter, {
    sizer: loadThriftSpanSizer(),
    packetLimitBytes,
    warnings: new DroppedSpanWarnings((count) => oversizeSpansDroppedWarning(count, packetLimitBytes)),
  });
}
