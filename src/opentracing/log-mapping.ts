import type { Attributes } from '@opentelemetry/api';
import { tagAttributes, tagValue } from './tag-values';

/** An OpenTracing log as an OpenTelemetry event. */
export interface MappedLog {
  name: string;
  attributes: Attributes;
}

const ERROR_FIELDS = new Set(['event', 'error.object', 'error.kind', 'message', 'stack']);
const EVENT_FIELD = new Set(['event']);

function text(value: unknown): string | undefined {
  const mapped = tagValue(value);
  if (mapped === undefined) return undefined;
  return Array.isArray(mapped) ? mapped.join(',') : String(mapped);
}

/**
 * Maps `span.log(fields)`: the event is named by its `event` field (`log` without one) and the
 * other fields become its attributes. An error log (`event: 'error'`, or an `error.object` that
 * is an `Error`) becomes an `exception` event with `exception.type` (`error.kind`, else the
 * error's name), `exception.message` (`message`, else the error's message) and
 * `exception.stacktrace` (`stack`, else the error's stack), as OpenTelemetry records exceptions.
 */
export function mapLog(fields: Record<string, unknown>): MappedLog {
  const errorObject = fields['error.object'];
  const isError = fields.event === 'error' || errorObject instanceof Error;
  if (!isError) {
    return { name: typeof fields.event === 'string' && fields.event !== '' ? fields.event : 'log', attributes: tagAttributes(fields, EVENT_FIELD) };
  }
  const error = errorObject instanceof Error ? errorObject : undefined;
  const attributes = tagAttributes(fields, ERROR_FIELDS);
  const type = text(fields['error.kind']) ?? error?.name;
  const message = text(fields.message) ?? error?.message ?? (error === undefined ? text(errorObject) : undefined);
  const stack = text(fields.stack) ?? error?.stack;
  if (type !== undefined) attributes['exception.type'] = type;
  if (message !== undefined) attributes['exception.message'] = message;
  if (stack !== undefined) attributes['exception.stacktrace'] = stack;
  return { name: 'exception', attributes };
}
