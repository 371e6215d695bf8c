import {
  context as contextApi,
  SpanKind,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { runWithSpan } from '../decorators/run-in-span';
import type { PropagationCarrier } from './carriers';
import { extract, inject } from './inject-extract';

/** Messaging semantic-convention attribute names used by {@link tracedProduce} and {@link tracedConsume}. */
export const MESSAGING_ATTRIBUTES = {
  system: 'messaging.system',
  destinationName: 'messaging.destination.name',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  messageId: 'messaging.message.id',
  batchMessageCount: 'messaging.batch.message_count',
  errorType: 'error.type',
} as const;

/** Instrumentation scope of the messaging spans when no tracer is given. */
export const MESSAGING_TRACER_NAME = 'otel-bootstrap/messaging';

/** What every messaging span describes. */
export interface MessagingOptions {
  /** `messaging.system`: `kafka`, `rabbitmq`, `nats`, `aws_sqs`, or your own queue's name. */
  system: string;
  /** `messaging.destination.name`: the topic, queue or subject. */
  destination: string;
  /** `messaging.message.id` of a single message. */
  messageId?: string;
  /** `messaging.operation.name`; defaults to the operation type (`send`, `process`, `receive`). */
  operationName?: string;
  /** More span attributes. */
  attributes?: Attributes;
  /** Tracer for the span; default `trace.getTracer('otel-bootstrap/messaging')`. */
  tracer?: Tracer;
}

/** Options of {@link tracedProduce}. */
export interface ProduceOptions extends MessagingOptions {
  /**
   * The message headers to inject the producer context into, or one headers object per message
   * for a batch (then `messaging.batch.message_count` is set). Default: a new `{}` passed to `send`.
   */
  headers?: PropagationCarrier | readonly PropagationCarrier[];
  /** Write header values as `Buffer`s (binary message headers). Default `false`. */
  binary?: boolean;
}

/** Options of {@link tracedConsume}. */
export interface ConsumeOptions extends MessagingOptions {
  /** `process` (handle a delivered message, the default) or `receive` (pull it). */
  operation?: 'process' | 'receive';
}

function tracerOf(options: MessagingOptions): Tracer {
  return options.tracer ?? trace.getTracer(MESSAGING_TRACER_NAME);
}

function baseAttributes(options: MessagingOptions, operationType: string): Attributes {
  const attributes: Attributes = {
    ...options.attributes,
    [MESSAGING_ATTRIBUTES.system]: options.system,
    [MESSAGING_ATTRIBUTES.destinationName]: options.destination,
    [MESSAGING_ATTRIBUTES.operationType]: operationType,
    [MESSAGING_ATTRIBUTES.operationName]: options.operationName ?? operationType,
  };
  if (options.messageId !== undefined) attributes[MESSAGING_ATTRIBUTES.messageId] = options.messageId;
  return attributes;
}

/**
 * Sends a message (or a batch) inside a PRODUCER span named `send <destination>` with the
 * messaging semantic-convention attributes, after injecting the span's context into the message
 * headers, so the consumer's span joins the same trace. `send` receives the headers (the given
 * object(s), or a new `{}`) and the span; its result is returned (a promise stays a promise).
 * A failure is recorded on the span (status ERROR, exception event) and rethrown unchanged.
 *
 * @example
 * ```ts
 * await tracedProduce({ system: 'kafka', destination: 'orders', binary: true }, (headers) =>
 *   producer.send({ topic: 'orders', messages: [{ value: body, headers }] }),
 * );
 * ```
 */
export function tracedProduce<T, H extends PropagationCarrier | readonly PropagationCarrier[] = PropagationCarrier>(
  options: ProduceOptions & { headers?: H },
  send: (headers: H, span: Span) => T,
): T {
  const headers = (options.headers ?? {}) as H;
  const batch = Array.isArray(headers) ? (headers as readonly PropagationCarrier[]) : undefined;
  const attributes = baseAttributes(options, 'send');
  if (batch !== undefined) {
    attributes[MESSAGING_ATTRIBUTES.batchMessageCount] = batch.length;
    delete attributes[MESSAGING_ATTRIBUTES.messageId];
  }
  const span = tracerOf(options).startSpan(`${options.operationName ?? 'send'} ${options.destination}`, { kind: SpanKind.PRODUCER, attributes });
  const spanContext = trace.setSpan(contextApi.active(), span);
  const injectOptions = { binary: options.binary === true };
  for (const carrier of batch ?? [headers as PropagationCarrier]) inject(carrier, spanContext, injectOptions);
  return runWithSpan(span, spanContext, () => send(headers, span));
}

/**
 * Handles a received message (or a batch) inside a CONSUMER span named `process <destination>`
 * (or `receive …`) with the messaging semantic-convention attributes. For one message the
 * producer's context is extracted from `headers` and the span becomes its child (with the
 * message's baggage active); with an array of headers (a batch) the span gets a LINK to each
 * valid producer context and `messaging.batch.message_count`. Headers may be binary; malformed
 * ones never throw (the span then starts from the active context). `handle`'s result is
 * returned; a failure is recorded on the span and rethrown unchanged.
 *
 * @example
 * ```ts
 * await tracedConsume({ system: 'kafka', destination: 'orders', messageId: id }, message.headers, () => handleOrder(message));
 * ```
 */
export function tracedConsume<T>(
  options: ConsumeOptions,
  headers: PropagationCarrier | readonly PropagationCarrier[] | undefined,
  handle: (span: Span) => T,
): T {
  const operation = options.operation ?? 'process';
  const attributes = baseAttributes(options, operation);
  const active = contextApi.active();
  let parent: Context;
  const links: Link[] = [];
  if (Array.isArray(headers)) {
    const batch = headers as readonly unknown[];
    attributes[MESSAGING_ATTRIBUTES.batchMessageCount] = batch.length;
    delete attributes[MESSAGING_ATTRIBUTES.messageId];
    parent = active;
    for (const carrier of batch) {
      const producer = trace.getSpanContext(extract(carrier));
      if (producer !== undefined && trace.isSpanContextValid(producer)) links.push({ context: producer });
    }
  } else {
    parent = extract(headers, active);
  }
  const span = tracerOf(options).startSpan(`${options.operationName ?? operation} ${options.destination}`, { kind: SpanKind.CONSUMER, attributes, links }, parent);
  return runWithSpan(span, trace.setSpan(parent, span), () => handle(span));
}
