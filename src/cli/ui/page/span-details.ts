/** The panel with everything one span carries. */
import type { ViewAttributes, ViewSpan } from '../../trace-model';
import { el } from './dom';
import { formatDuration, formatValue, kindName, statusName } from './format';

function attributeTable(attributes: ViewAttributes, className: string): HTMLElement {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return el('p', { class: 'none' }, 'none');
  return el(
    'table',
    { class: `attributes ${className}` },
    el('tbody', {}, ...keys.map((key) => el('tr', { 'data-key': key }, el('th', {}, key), el('td', {}, formatValue(attributes[key] ?? null))))),
  );
}

/** Renders the details of `span` (times relative to `traceStart`); a link to a held span opens it. */
export function spanDetails(span: ViewSpan, traceStart: number, openSpan: (traceId: string, spanId: string) => void): HTMLElement {
  const status = statusName(span.status.code);
  return el(
    'section',
    { id: 'span-details', 'data-span-id': span.spanId },
    el('h2', {}, span.name),
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, 'service'), el('dd', { class: 'service' }, span.resource.service),
      el('dt', {}, 'kind'), el('dd', {}, kindName(span.kind)),
      el('dt', {}, 'duration'), el('dd', {}, formatDuration(span.end - span.start)),
      el('dt', {}, 'starts at'), el('dd', {}, `+${formatDuration(span.start - traceStart)}`),
      el('dt', {}, 'status'), el('dd', { class: `status ${status}` }, span.status.message === '' ? status : `${status}: ${span.status.message}`),
      el('dt', {}, 'span id'), el('dd', { class: 'mono' }, span.spanId),
      el('dt', {}, 'parent'), el('dd', { class: 'mono' }, span.parentSpanId === '' ? 'none (root)' : span.parentSpanId),
      el('dt', {}, 'scope'), el('dd', {}, span.scope.version === '' ? span.scope.name : `${span.scope.name} ${span.scope.version}`),
    ),
    el('h3', {}, `Attributes (${Object.keys(span.attributes).length}${span.droppedAttributesCount > 0 ? `, ${span.droppedAttributesCount} dropped` : ''})`),
    attributeTable(span.attributes, 'span-attributes'),
    el('h3', {}, `Events (${span.events.length}${span.droppedEventsCount > 0 ? `, ${span.droppedEventsCount} dropped` : ''})`),
    span.events.length === 0
      ? el('p', { class: 'none' }, 'none')
      : el('ol', { class: 'events' }, ...span.events.map((event) => el('li', { class: 'event' }, el('strong', {}, event.name), ` +${formatDuration(event.time - traceStart)}`, attributeTable(event.attributes, 'event-attributes')))),
    el('h3', {}, `Links (${span.links.length})`),
    span.links.length === 0
      ? el('p', { class: 'none' }, 'none')
      : el(
          'ul',
          { class: 'links' },
          ...span.links.map((link) => {
            const anchor = el('a', { href: `#/trace/${link.traceId}`, class: 'mono' }, `${link.traceId} / ${link.spanId}`);
            anchor.addEventListener('click', (event) => {
              event.preventDefault();
              openSpan(link.traceId, link.spanId);
            });
            return el('li', {}, anchor, attributeTable(link.attributes, 'link-attributes'));
          }),
        ),
    el('h3', {}, 'Resource'),
    attributeTable(span.resource.attributes, 'resource-attributes'),
  );
}
