import { describe, expect, it } from 'vitest';
import { EMBEDDED_DATA_ID, renderPageHtml, type EmbeddedData } from '../../../src/cli/ui/render-page';
import { packSpans } from '../../../src/cli/ui/span-pack';
import { span } from './view-span-fixture';

const ASSETS = { script: 'console.log("</script><b>")', style: 'body{}' };

describe('page HTML', () => {
  it('a live page may call its own server only', () => {
    const html = renderPageHtml(ASSETS);
    expect(html).toContain("connect-src 'self'");
    expect(html).not.toContain(EMBEDDED_DATA_ID);
  });

  it('a view file forbids every request and carries data that cannot end its script element', () => {
    const hostile = span(1, { name: '</script><script>alert(1)</script>', attributes: { note: '\u2028 <!-- -->' } });
    const data: EmbeddedData = {
      source: 'a <file>.jsonl',
      traces: [],
      spans: packSpans([hostile]),
      skippedLines: 0,
      stats: { traces: 1, spans: 1, maxTraces: 1, maxSpans: 1, receivedSpans: 1, droppedTraces: 0, droppedSpans: 0, duplicateSpans: 0, acceptedRequests: 0, rejectedRequests: 0 },
    };
    const html = renderPageHtml(ASSETS, data);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toContain("connect-src");
    expect(html).toContain('<title>otel-bootstrap view: a &lt;file&gt;.jsonl</title>');
    expect(html.match(/<\/script/gi)).toHaveLength(2); // the data element's and the script's own end tags
    const json = new RegExp(`id="${EMBEDDED_DATA_ID}">(.*?)</script>`, 's').exec(html)?.[1] ?? '';
    expect((JSON.parse(json) as EmbeddedData).spans.spans[0]?.name).toBe(hostile.name);
  });
});
