import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { EXPECTED_TREE } from './microservices';

/** The waterfall rows as the page shows them. */
export async function waterfallRows(page: Page): Promise<Array<{ spanId: string; parentId: string; depth: number; service: string; name: string; hasBar: boolean }>> {
  return page.$$eval('#waterfall .wf-row', (rows) =>
    rows.map((row) => ({
      spanId: row.getAttribute('data-span-id') ?? '',
      parentId: row.getAttribute('data-parent-id') ?? '',
      depth: Number(row.getAttribute('data-depth')),
      service: row.getAttribute('data-service') ?? '',
      name: row.getAttribute('data-name') ?? '',
      hasBar: row.querySelector('.wf-bar') !== null,
    })),
  );
}

/**
 * Checks the four-service trace in the page: the list row, then the waterfall's bars and their
 * nesting, then a span's attributes after a click.
 */
export async function checkMicroservicesTrace(page: Page, traceId: string): Promise<void> {
  const row = page.locator(`#trace-list tr.trace-row[data-trace-id="${traceId}"]`);
  await row.waitFor({ timeout: 20_000 });
  expect(await row.locator('.root-name').textContent()).toBe('GET /checkout/:userId');
  expect(await row.locator('.service').textContent()).toBe('gateway');
  expect(await row.locator('.span-count').textContent()).toBe('12');
  expect(await row.locator('.services').textContent()).toBe('gateway, orders, users, worker');

  await row.click();
  await page.locator('#waterfall .wf-row').first().waitFor();
  const rows = await waterfallRows(page);
  expect(rows).toHaveLength(12);
  expect(rows.every((entry) => entry.hasBar)).toBe(true);
  const keyOf = new Map(rows.map((entry) => [entry.spanId, `${entry.service}/${entry.name}`]));
  const shown = Object.fromEntries(rows.map((entry) => [`${entry.service}/${entry.name}`, entry.parentId === '' ? undefined : keyOf.get(entry.parentId)]));
  expect(shown).toEqual(EXPECTED_TREE);
  // Depth follows the parent chain: the worker's spans sit five levels below the root.
  const depth = Object.fromEntries(rows.map((entry) => [`${entry.service}/${entry.name}`, entry.depth]));
  expect(depth).toMatchObject({ 'gateway/GET /checkout/:userId': 0, 'users/UserService.getProfile': 3, 'worker/process orders.created': 4, 'worker/reserve stock': 5 });
  expect(await page.locator('#waterfall .wf-row.critical').count()).toBeGreaterThan(0);
  expect(await page.locator('.legend-item').allTextContents()).toEqual(['gateway', 'orders', 'users', 'worker']);

  await page.locator('#waterfall .wf-row[data-name="UserService.getProfile"]').click();
  const details = page.locator('#span-details');
  await details.waitFor();
  expect(await details.locator('h2').textContent()).toBe('UserService.getProfile');
  expect(await details.locator('.span-attributes tr[data-key="code.function.name"] td').textContent()).toBe('UserService.getProfile');
  expect(await details.locator('.resource-attributes tr[data-key="service.name"] td').textContent()).toBe('users');
}
