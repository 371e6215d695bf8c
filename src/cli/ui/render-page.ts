import type { PackedSpans } from './span-pack';
import type { StoreStats, TraceSummary } from '../trace-model';

/** The page's script and style, bundled at build time. */
export interface PageAssets {
  script: string;
  style: string;
}

/** What a `view` file carries: every trace of the input, and where it came from. */
export interface EmbeddedData {
  source: string;
  traces: TraceSummary[];
  spans: PackedSpans;
  stats: StoreStats;
  /** Lines of the input that could not be read. */
  skippedLines: number;
}

/** The element id of the embedded data; its presence tells the page it runs from a file. */
export const EMBEDDED_DATA_ID = 'otel-bootstrap-data';

/**
 * The page as one HTML document. Live pages read the `ui` server's API; with `embedded` data the
 * page needs nothing else, and its content security policy forbids every network request.
 */
export function renderPageHtml(assets: PageAssets, embedded?: EmbeddedData): string {
  const policy =
    embedded === undefined
      ? "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'"
      : "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";
  const title = embedded === undefined ? 'otel-bootstrap ui' : `otel-bootstrap view: ${embedded.source}`;
  const data = embedded === undefined ? '' : `<script type="application/json" id="${EMBEDDED_DATA_ID}">${scriptSafeJson(embedded)}</script>\n`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${assets.style}</style>`,
    '</head>',
    '<body>',
    '<div id="app"></div>',
    `${data}<script>${assets.script.replace(/<\/script/gi, '<\\/script')}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** JSON that cannot end the script element it sits in. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] as string);
}
