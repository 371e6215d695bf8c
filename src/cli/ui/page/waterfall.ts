/**
 * The waterfall: one row per span, bars on the trace's time axis, nested by parent, coloured by
 * service. Only the rows in view (and a margin) are in the DOM, so a trace of tens of thousands
 * of spans scrolls as smoothly as a small one.
 */
import type { ViewSpan } from '../../trace-model';
import { serviceColor } from './colors';
import { clear, el } from './dom';
import { formatDuration } from './format';
import { visibleRows, type WaterfallLayout } from './waterfall-layout';

/** Height of one row in pixels; rows are positioned from it. */
export const ROW_HEIGHT = 24;
/** Rows rendered beyond each edge of the visible area. */
const OVERSCAN = 12;
const TICKS = 5;

/** A mounted waterfall. */
export interface Waterfall {
  element: HTMLElement;
  /** Renders the rows in view now (the first paint calls this). */
  render(): void;
  select(spanId: string): void;
}

/** Builds the waterfall of `layout`; `onSelect` gets the span a row click picks. */
export function createWaterfall(layout: WaterfallLayout, onSelect: (span: ViewSpan) => void): Waterfall {
  const collapsed = new Set<number>();
  let shown = visibleRows(layout, collapsed);
  let selected: string | undefined;

  const axis = el('div', { class: 'wf-axis' }, el('div', { class: 'wf-label' }, `${layout.rows.length} spans`), el('div', { class: 'wf-track' }));
  const track = axis.lastElementChild as HTMLElement;
  for (let tick = 0; tick <= TICKS; tick++) {
    const fraction = tick / TICKS;
    track.append(el('span', { class: 'wf-tick', style: `left:${fraction * 100}%` }, formatDuration(layout.duration * fraction)));
  }
  const spacer = el('div', { class: 'wf-spacer' });
  const body = el('div', { class: 'wf-body', tabindex: 0 }, spacer);
  const element = el('div', { id: 'waterfall', class: 'waterfall' }, axis, body);

  const renderRows = (): void => {
    spacer.style.height = `${shown.length * ROW_HEIGHT}px`;
    const viewHeight = body.clientHeight || 600;
    const first = Math.max(0, Math.floor(body.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(shown.length, Math.ceil((body.scrollTop + viewHeight) / ROW_HEIGHT) + OVERSCAN);
    clear(spacer);
    for (let position = first; position < last; position++) spacer.append(rowElement(shown[position] as number, position));
  };

  const rowElement = (index: number, position: number): HTMLElement => {
    const row = layout.rows[index] as WaterfallLayout['rows'][number];
    const span = row.span;
    const left = ((span.start - layout.start) / layout.duration) * 100;
    const width = Math.max(0, ((span.end - span.start) / layout.duration) * 100);
    const isError = span.status.code === 2;
    const color = serviceColor(span.resource.service, layout.services);
    const toggle =
      row.childCount > 0
        ? el('button', { class: 'wf-toggle', type: 'button', 'aria-label': collapsed.has(index) ? 'expand' : 'collapse' }, collapsed.has(index) ? '▸' : '▾')
        : el('span', { class: 'wf-toggle-space' });
    toggle.addEventListener('click', (event) => {
      event.stopPropagation();
      if (row.childCount === 0) return;
      if (collapsed.has(index)) collapsed.delete(index);
      else collapsed.add(index);
      shown = visibleRows(layout, collapsed);
      renderRows();
    });
    const classes = ['wf-row'];
    if (isError) classes.push('error');
    if (row.onCriticalPath) classes.push('critical');
    if (span.spanId === selected) classes.push('selected');
    const parent = row.parent >= 0 ? (layout.rows[row.parent] as WaterfallLayout['rows'][number]).span.spanId : '';
    const element = el(
      'div',
      {
        class: classes.join(' '),
        style: `top:${position * ROW_HEIGHT}px`,
        'data-span-id': span.spanId,
        'data-parent-id': parent,
        'data-depth': row.depth,
        'data-service': span.resource.service,
        'data-name': span.name,
        title: `${span.resource.service}: ${span.name} (${formatDuration(span.end - span.start)})`,
      },
      el(
        'div',
        { class: 'wf-label', style: `padding-left:${row.depth * 14 + 4}px` },
        toggle,
        el('span', { class: 'dot', style: `background:${color}` }),
        el('span', { class: 'wf-service' }, span.resource.service),
        el('span', { class: 'wf-name' }, span.name),
        isError ? el('span', { class: 'error-mark', title: span.status.message || 'status error' }, '⚠') : '',
      ),
      el(
        'div',
        { class: 'wf-track' },
        el('div', { class: `wf-bar${row.onCriticalPath ? ' critical' : ''}${isError ? ' error' : ''}`, style: `left:${left}%;width:${width}%;background:${color}` }),
        // Near the right edge the duration goes before the bar instead of after it.
        el('span', { class: 'wf-duration', style: left + width > 82 ? `right:${100 - left}%;margin-right:4px` : `left:${left + width}%;margin-left:4px` }, formatDuration(span.end - span.start)),
      ),
    );
    element.addEventListener('click', () => {
      selected = span.spanId;
      for (const other of spacer.querySelectorAll('.wf-row.selected')) other.classList.remove('selected');
      element.classList.add('selected');
      onSelect(span);
    });
    return element;
  };

  let frame = 0;
  body.addEventListener('scroll', () => {
    if (frame !== 0) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      renderRows();
    });
  });

  return {
    element,
    render: renderRows,
    select(spanId) {
      const index = layout.rows.findIndex((row) => row.span.spanId === spanId);
      if (index < 0) return;
      // Expand collapsed ancestors so the row can be shown.
      for (let parent = (layout.rows[index] as WaterfallLayout['rows'][number]).parent; parent >= 0; parent = (layout.rows[parent] as WaterfallLayout['rows'][number]).parent) collapsed.delete(parent);
      shown = visibleRows(layout, collapsed);
      selected = spanId;
      body.scrollTop = Math.max(0, shown.indexOf(index) * ROW_HEIGHT - body.clientHeight / 2);
      renderRows();
      onSelect((layout.rows[index] as WaterfallLayout['rows'][number]).span);
    },
  };
}
