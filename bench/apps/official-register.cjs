'use strict';
// What the upstream register does, restricted to the HTTP and Express instrumentations: NodeSDK,
// the OTLP/HTTP protobuf exporter behind its default batch processor, and a ParentBased ratio
// sampler (ratio from OTEL_TRACES_SAMPLER_ARG, default 0.01 as in our production profile).
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const { ParentBasedSampler, TraceIdRatioBasedSampler } = require('@opentelemetry/sdk-trace');

const parsed = Number(process.env.OTEL_TRACES_SAMPLER_ARG);
const ratio = Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : 0.01;

const sdk = new NodeSDK({
  traceExporter: new OTLPTraceExporter(),
  sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) }),
  instrumentations: [new HttpInstrumentation(), new ExpressInstrumentation()],
});
sdk.start();

process.once('SIGTERM', () => {
  sdk.shutdown().finally(() => process.exit(0));
});
