/** The list of recent traces with its filters. */
import type { TraceSummary } from '../../trace-model';
import type { TraceFilter } from '../trace-summary';
import { serviceColor } from './colors';
import { clear, el } from './dom';
import { formatDuration, formatTime } from './format';

/** Builds the filter form; `onChange` receives the filter each time an input changes. */
export function filterForm(initial: TraceFilter, onChange: (filter: TraceFilter) => void): { form: HTMLFormElement; setServices(services: string[]): void } {
  const service = el('select', { name: 'service', 'aria-label': 'service' }, el('option', { value: '' }, 'all services'));
  const name = el('input', { name: 'name', type: 'search', placeholder: 'span name contains', value: initial.name ?? '' });
  const attribute = el('input', { name: 'attribute', type: 'search', placeholder: 'attribute: key or key=value', value: initial.attribute ?? '' });
  const minDuration = el('input', { name: 'minDuration', type: 'number', min: 0, step: 'any', placeholder: 'min ms', value: initial.minDurationMillis ?? '' });
  const form = el('form', { id: 'filters', class: 'filters' }, service, name, attribute, minDuration);
  let timer: number | undefined;
  const read = (): TraceFilter => {
    const filter: TraceFilter = {};
    if (service.value !== '') filter.service = service.value;
    if (name.value.trim() !== '') filter.name = name.value.trim();
    if (attribute.value.trim() !== '') filter.attribute = attribute.value.trim();
    const min = Number(minDuration.value);
    if (minDuration.value !== '' && Number.isFinite(min)) filter.minDurationMillis = min;
    return filter;
  };
  const changed = (): void => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => onChange(read()), 150);
  };
  form.addEventListener('input', changed);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onChange(read());
  });
  return {
    form,
    setServices(services) {
      const selected = service.value || initial.service || '';
      clear(service);
      service.append(el('option', { value: '' }, 'all services'));
      for (const option of services) service.append(el('option', { value: option, selected: option === selected }, option));
    },
  };
}

/** The table of traces; a click opens one. */
export function traceTable(traces: readonly TraceSummary[], services: readonly string[], open: (traceId: string) => void): HTMLElement {
  if (traces.length === 0) return el('p', { id: 'trace-list', class: 'empty' }, 'No traces yet. Point a service at the receiver (see the command output) and they appear here.');
  const body = el('tbody');
  for (const trace of traces) {
    const row = el(
      'tr',
      { class: trace.errorCount > 0 ? 'trace-row has-error' : 'trace-row', 'data-trace-id': trace.traceId, tabindex: 0 },
      el('td', { class: 'time' }, formatTime(trace.start)),
      el('td', { class: 'service' }, el('span', { class: 'dot', style: `background:${serviceColor(trace.rootService, services)}` }), trace.rootService),
      el('td', { class: 'root-name' }, trace.rootName),
      el('td', { class: 'duration num' }, formatDuration(trace.durationMillis)),
      el('td', { class: 'span-count num' }, String(trace.spanCount)),
      el('td', { class: 'errors' }, trace.errorCount > 0 ? el('span', { class: 'error-mark', title: `${trace.errorCount} span(s) with status error` }, `⚠ ${trace.errorCount}`) : ''),
      el('td', { class: 'services' }, trace.services.join(', ')),
    );
    row.addEventListener('click', () => open(trace.traceId));
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') open(trace.traceId);
    });
    body.append(row);
  }
  const head = el('thead', {}, el('tr', {}, ...['started', 'service', 'root span', 'duration', 'spans', 'errors', 'services'].map((title) => el('th', {}, title))));
  return el('table', { id: 'trace-list', class: 'traces' }, head, body);
}
