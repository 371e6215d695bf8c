import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ResolvedConfig } from '../config/options';

/**
 * Builds the legacy Jaeger Thrift exporter: HTTP to a collector when an endpoint is set, else
 * binary Thrift over UDP to an agent. Its package is loaded only here.
 */
export function createJaegerThriftExporter(jaeger: ResolvedConfig['jaeger']): SpanExporter {
  const { JaegerExporter } = require('@opentelemetry/exporter-jaeger') as typeof import('@opentelemetry/exporter-jaeger');
  if (jaeger.endpoint !== undefined) {
    return new JaegerExporter({ endpoint: jaeger.endpoint, username: jaeger.username, password: jaeger.password });
  }
  return new JaegerExporter({ host: jaeger.agentHost, port: jaeger.agentPort });
}
