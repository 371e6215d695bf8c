/**
 * The page of `otel-bootstrap ui` and `view`: a trace list with filters and a waterfall per
 * trace. `#/` shows the list, `#/trace/<id>` one trace (`#/trace/<id>/<span id>` selects a span).
 */
import type { StoreStats } from '../../trace-model';
import type { TraceFilter } from '../trace-summary';
import { EmbeddedSource, LiveSource, type DataSource, type EmbeddedPayload } from './data-source';
import { clear, el } from './dom';
import { formatDuration } from './format';
import { serviceColor } from './colors';
import { spanDetails } from './span-details';
import { filterForm, traceTable } from './trace-list';
import { createWaterfall } from './waterfall';
import { layoutTrace } from './waterfall-layout';

/** Time to first paint of each opened trace, read by the browser tests and benchmarks. */
interface PaintTiming {
  traceId: string;
  spans: number;
  firstPaintMillis: number;
}
declare global {
  interface Window {
    otelBootstrapTimings?: PaintTiming[];
  }
}

const EMBEDDED_DATA_ID = 'otel-bootstrap-data';

function chooseSource(): DataSource {
  const embedded = document.getElementById(EMBEDDED_DATA_ID);
  if (embedded?.textContent) return new EmbeddedSource(JSON.parse(embedded.textContent) as EmbeddedPayload);
  return new LiveSource();
}

function statsText(stats: StoreStats, live: boolean): string {
  const held = `${stats.traces} trace(s), ${stats.spans} span(s) held`;
  if (!live) return held;
  return (
    `${held} · limits ${stats.maxTraces} traces / ${stats.maxSpans} spans · dropped ${stats.droppedTraces} trace(s), ${stats.droppedSpans} span(s) (oldest first)` +
    ` · requests ${stats.acceptedRequests} accepted, ${stats.rejectedRequests} rejected` +
    (stats.duplicateSpans > 0 ? ` · ${stats.duplicateSpans} repeated span(s) kept once` : '')
  );
}

function start(): void {
  const source = chooseSource();
  const app = document.getElementById('app') as HTMLElement;
  const stats = el('div', { id: 'stats', class: 'stats' });
  const header = el('header', {}, el('a', { href: '#/', class: 'brand' }, 'otel-bootstrap'), el('span', { class: 'source' }, source.description), stats);
  const main = el('main', { id: 'view' });
  app.append(header, main);

  let filter: TraceFilter = {};
  let listVersion = 0;
  const filters = filterForm(filter, (next) => {
    filter = next;
    void showList();
  });

  const showList = async (): Promise<void> => {
    const version = ++listVersion;
    const list = await source.list(filter);
    if (version !== listVersion || !isListRoute()) return;
    stats.textContent = statsText(list.stats, source.live);
    filters.setServices(list.services);
    const existing = main.querySelector('#trace-list');
    const table = traceTable(list.traces, list.services, (traceId) => (location.hash = `#/trace/${traceId}`));
    if (existing !== null && main.contains(filters.form)) existing.replaceWith(table);
    else {
      clear(main);
      main.append(filters.form, table);
    }
  };

  const showTrace = async (traceId: string, spanId: string | undefined): Promise<void> => {
    const openedAt = performance.now();
    listVersion++;
    const spans = await source.trace(traceId);
    clear(main);
    const back = el('a', { href: '#/', class: 'back' }, '← all traces');
    if (spans === undefined || spans.length === 0) {
      main.append(back, el('p', { class: 'empty', id: 'trace-missing' }, `Trace ${traceId} is not held (never received here, or dropped to stay within the limits).`));
      return;
    }
    const layout = layoutTrace(spans);
    const details = el('aside', { id: 'details', class: 'details' }, el('p', { class: 'none' }, 'Click a span to see its attributes, events and links.'));
    const waterfall = createWaterfall(layout, (span) => {
      details.replaceChildren(spanDetails(span, layout.start, (linkedTrace, linkedSpan) => (location.hash = `#/trace/${linkedTrace}/${linkedSpan}`)));
    });
    const errors = spans.filter((span) => span.status.code === 2).length;
    const root = layout.rows[0]?.span;
    const legend = el('div', { class: 'legend' }, ...layout.services.map((service) => el('span', { class: 'legend-item', 'data-service': service }, el('span', { class: 'dot', style: `background:${serviceColor(service, layout.services)}` }), service)));
    main.append(
      back,
      el(
        'div',
        { class: 'trace-header', id: 'trace-header', 'data-trace-id': traceId },
        el('h1', {}, root === undefined ? traceId : `${root.resource.service}: ${root.name}`),
        el('div', { class: 'trace-facts' }, `trace ${traceId} · ${formatDuration(layout.duration)} · ${spans.length} spans · ${layout.services.length} services · ${errors} error(s) · `, el('span', { class: 'critical-key' }, 'critical path'), ' outlined'),
        legend,
      ),
      el('div', { class: 'trace-body' }, waterfall.element, details),
    );
    waterfall.render();
    if (spanId !== undefined) waterfall.select(spanId);
    requestAnimationFrame(() =>
      setTimeout(() => {
        const timing = { traceId, spans: spans.length, firstPaintMillis: performance.now() - openedAt };
        (window.otelBootstrapTimings ??= []).push(timing);
        waterfall.element.setAttribute('data-first-paint-ms', timing.firstPaintMillis.toFixed(1));
      }, 0),
    );
  };

  const isListRoute = (): boolean => !location.hash.startsWith('#/trace/');
  const route = (): void => {
    const match = /^#\/trace\/([0-9a-f]{32})(?:\/([0-9a-f]{16}))?$/.exec(location.hash);
    if (match === null) void showList();
    else void showTrace(match[1] as string, match[2]);
  };
  window.addEventListener('hashchange', route);
  source.subscribe((latest) => {
    stats.textContent = statsText(latest, true);
    if (isListRoute()) void showList();
  });
  route();
}

start();
