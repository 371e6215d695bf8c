import type { Span } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { NO_HEADER_CAPTURE, planHeaderCapture, recordHeaders } from '../../../src/instrumentation/lean/header-capture';

function recordingSpan(): { span: Span; attributes: Record<string, unknown> } {
  const attributes: Record<string, unknown> = {};
  const span = { setAttribute: (key: string, value: unknown) => ((attributes[key] = value), span) } as unknown as Span;
  return { span, attributes };
}

describe('header capture', () => {
  it('plans lower-cased, de-duplicated names with their semantic convention keys', () => {
    expect(planHeaderCapture({ request: ['X-Request-Id', 'x-request-id'], response: ['Content-Type'] })).toEqual({
      request: [{ name: 'x-request-id', attribute: 'http.request.header.x-request-id' }],
      response: [{ name: 'content-type', attribute: 'http.response.header.content-type' }],
    });
    expect(planHeaderCapture({})).toEqual(NO_HEADER_CAPTURE);
  });

  it('records only the planned headers that are present, always as string arrays', () => {
    const { span, attributes } = recordingSpan();
    const plan = planHeaderCapture({ request: ['x-a', 'x-b', 'x-c', 'x-missing'] });
    const values: Record<string, number | string | string[]> = { 'x-a': 'one', 'x-b': ['1', '2'], 'x-c': 7, authorization: 'secret' };
    recordHeaders(span, plan.request, (name) => values[name]);
    expect(attributes).toEqual({ 'http.request.header.x-a': ['one'], 'http.request.header.x-b': ['1', '2'], 'http.request.header.x-c': ['7'] });
  });

  it('records nothing by default', () => {
    const { span, attributes } = recordingSpan();
    recordHeaders(span, NO_HEADER_CAPTURE.request, () => 'value');
    expect(attributes).toEqual({});
  });
});
