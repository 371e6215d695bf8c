/**
 * The page of `otel-bootstrap ui` and of a file written by `view`, in a real headless Chromium
 * (Debian's package, driven by playwright-core): the microservices example's trace as a person
 * sees it, live and from a file opened with networking disabled, and a 10,000-span trace.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertBuilt, startService } from '../integration/support/service-process';
import { CLI, startUiProcess, type UiProcess } from '../integration/support/ui-process';
import { bigTraceRequest } from './support/big-trace';
import { launchChromium, OUTPUT_DIR, type Browser } from './support/chromium';
import { runMicroservices } from './support/microservices';
import { checkMicroservicesTrace, waterfallRows } from './support/page-checks';

const BIG_SPANS = 10_000;
const timings: Record<string, unknown> = {};

let browser: Browser;
beforeAll(async () => {
  assertBuilt();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  writeFileSync(join(OUTPUT_DIR, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
  console.log(`browser timings: ${JSON.stringify(timings)}`);
});

/** Opens the 10,000-span trace and measures the time from the click to its first painted rows. */
async function openBigTrace(page: Page, label: string): Promise<void> {
  const row = page.locator('#trace-list tr.trace-row[data-trace-id="b16b16b16b16b16b16b16b16b16b16b1"]');
  await row.waitFor({ timeout: 20_000 });
  expect(await row.locator('.span-count').textContent()).toBe(String(BIG_SPANS));
  const clickedAt = Date.now();
  await row.click();
  await page.locator('#waterfall[data-first-paint-ms]').waitFor({ timeout: 30_000 });
  const wallMillis = Date.now() - clickedAt;
  const firstPaintMillis = Number(await page.locator('#waterfall').getAttribute('data-first-paint-ms'));
  // Only the rows in view are in the DOM; the axis counts all of them.
  const rendered = (await waterfallRows(page)).length;
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(200);
  expect(await page.locator('.wf-axis .wf-label').textContent()).toBe(`${BIG_SPANS} spans`);
  // The page stays responsive: scrolling to the end renders the last rows at once.
  const scrollStart = Date.now();
  await page.locator('.wf-body').evaluate((body) => body.scrollTo(0, body.scrollHeight));
  // Depth first, the last row is the last grandchild of the root's last child.
  await page.waitForFunction(
    (lastTop) => [...document.querySelectorAll<HTMLElement>('#waterfall .wf-row')].some((row) => row.style.top === `${lastTop}px`),
    (BIG_SPANS - 1) * 24,
    { timeout: 10_000 },
  );
  expect(await page.locator('#waterfall .wf-row').last().getAttribute('data-name')).toBe('step 9901');
  const scrollMillis = Date.now() - scrollStart;
  await page.screenshot({ path: join(OUTPUT_DIR, `${label}-10000-spans.png`) });
  timings[label] = { spans: BIG_SPANS, firstPaintMillis, clickToPaintWallMillis: wallMillis, scrollToEndMillis: scrollMillis, rowsInDom: rendered };
}

describe('otel-bootstrap ui in Chromium', () => {
  let ui: UiProcess;
  beforeAll(async () => {
    ui = await startUiProcess(['--max-spans', '50000']);
  });
  afterAll(async () => {
    await ui?.stop();
  });

  it('shows the microservices trace live, as a waterfall with its four services, nesting and span attributes', async () => {
    const page = await browser.context.newPage();
    await page.goto(ui.pageUrl);
    await page.locator('#trace-list').waitFor();
    expect(await page.locator('#trace-list').textContent()).toContain('No traces yet');
    // The page is open before the trace exists: it must appear without a reload.
    const traceId = await runMicroservices({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: ui.otlpUrl });
    await page.locator(`tr.trace-row[data-trace-id="${traceId}"] .span-count:text-is("12")`).waitFor({ timeout: 30_000 });
    expect(await page.locator('#stats').textContent()).toMatch(/1 trace\(s\), 12 span\(s\) held · limits 1000 traces \/ 50000 spans · dropped 0 trace\(s\), 0 span\(s\)/);

    await page.locator('select[name="service"]').selectOption('worker');
    await page.locator('#trace-list tr.trace-row').first().waitFor();
    await page.locator('input[name="name"]').fill('no span is called this');
    await page.locator('#trace-list.empty').waitFor();
    await page.locator('input[name="name"]').fill('reserve');
    await page.locator(`tr.trace-row[data-trace-id="${traceId}"]`).waitFor();

    await checkMicroservicesTrace(page, traceId);
    await page.screenshot({ path: join(OUTPUT_DIR, 'ui-waterfall.png') });
    await page.close();
  });

  it('renders a 10,000-span trace without freezing the page', async () => {
    const response = await fetch(`${ui.otlpUrl}/v1/traces`, { method: 'POST', body: bigTraceRequest(BIG_SPANS), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(200);
    const page = await browser.context.newPage();
    await page.goto(ui.pageUrl);
    await openBigTrace(page, 'ui');
    await page.close();
  });
});

describe('a file written by otel-bootstrap view, opened with networking disabled', () => {
  const dir = join(OUTPUT_DIR, 'view');
  let traceId: string;
  let html: string;
  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const traces = join(dir, 'microservices.jsonl');
    traceId = await runMicroservices({ OTEL_TRACES_EXPORTER: 'file', OTEL_BOOTSTRAP_FILE_PATH: traces });
    const view = await startService([CLI, 'view', traces], {}, false);
    expect((await view.exited).code, view.stderr()).toBe(0);
    html = join(dir, 'microservices.html');
  });

  async function offlinePage(): Promise<{ page: Page; requests: string[] }> {
    const page = await browser.context.newPage();
    await browser.context.setOffline(true);
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file://')) requests.push(request.url());
    });
    return { page, requests };
  }

  it('shows the same trace list, waterfall and span details, and makes no request', async () => {
    const { page, requests } = await offlinePage();
    await page.goto(`file://${html}`);
    await checkMicroservicesTrace(page, traceId);
    await page.screenshot({ path: join(OUTPUT_DIR, 'view-waterfall.png') });
    expect(requests).toEqual([]);
    await page.close();
    await browser.context.setOffline(false);
  });

  it('renders a 10,000-span trace from a file', async () => {
    const big = join(dir, 'big.jsonl');
    writeFileSync(big, `${bigTraceRequest(BIG_SPANS)}\n`);
    const view = await startService([CLI, 'view', big], {}, false);
    expect((await view.exited).code, view.stderr()).toBe(0);
    const { page, requests } = await offlinePage();
    await page.goto(`file://${join(dir, 'big.html')}`);
    await openBigTrace(page, 'view');
    expect(requests).toEqual([]);
    await page.close();
    await browser.context.setOffline(false);
  });
});
