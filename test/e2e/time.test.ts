/**
 * Time in the explorer, in real Chromium against the seeded server: a planner compares an anchor's supplier
 * base now with its selection year and reads the suppliers it took on by name, in the firm view and beside the
 * network; the link reopens the comparison. The expected names come from the seed generator's output.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../server/domain/firm.ts';
import { generateBusanNetwork } from '../../seed/busan.ts';
import { withSupplyHistory } from '../../seed/supplyHistory.ts';
import { useSeededBrowser } from './chromium.ts';

const browser = useSeededBrowser();
const ANCHOR = 'anchor-2024-01';
let seed: Dataset;
/** Names of the anchor's suppliers in 2025 that did not supply it in its selection year (2024). */
let added: string[];

beforeAll(() => {
  seed = withSupplyHistory(generateBusanNetwork());
  const anchor = seed.firms.find((f) => f.id === ANCHOR)!;
  expect(anchor.cohort).toBe(2024);
  const suppliersIn = (year: number) => new Set(seed.supplies.filter((s) => s.buyer === ANCHOR && s.year === year).map((s) => s.supplier));
  const before = suppliersIn(anchor.cohort!);
  const names = new Map(seed.firms.map((f) => [f.id, f.name]));
  added = [...suppliersIn(2025)].filter((id) => !before.has(id)).map((id) => names.get(id)!).sort();
  expect(added.length).toBeGreaterThan(0);
});

async function rowNames(page: Page, testid: string): Promise<string[]> {
  return (await page.locator(`[data-testid="${testid}-row"] td:first-child`).allTextContents()).map((s) => s.trim()).sort();
}

describe('the change since selection', () => {
  it('lists by name the suppliers an anchor took on since its selection year, and the link reopens it', async () => {
    const page = await browser.open(`#/firm?id=${ANCHOR}`);
    await page.locator('[data-testid="firm-suppliers"]').waitFor();
    await page.locator('[data-testid="firm-compare"] option[value="2024"]').waitFor({ state: 'attached' });
    await page.selectOption('[data-testid="firm-compare"]', '2024');
    await page.locator('[data-testid="firm-supplier-change"]').waitFor();
    await page.selectOption('[data-testid="firm-supplier-change-filter-change"]', 'added');
    expect(await rowNames(page, 'firm-supplier-change')).toEqual(added);
    // An added supplier's difference is its whole 2025 value, in the KRW million of the column's header.
    const first = await page.locator('[data-testid="firm-supplier-change-row"]').first().evaluate((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''));
    const name = first[0];
    const id = seed.firms.find((f) => f.name === name)!.id;
    const value = seed.supplies.find((s) => s.supplier === id && s.buyer === ANCHOR && s.year === 2025)!.value;
    expect(first.slice(3)).toEqual(['0', Math.round(value).toLocaleString('en-GB'), `+${Math.round(value).toLocaleString('en-GB')}`]);
    expect(page.url()).toContain('since=2024');

    const again = await browser.open(`#${page.url().split('#')[1]}`);
    await again.locator('[data-testid="firm-supplier-change"]').waitFor();
    expect(await again.locator('[data-testid="firm-compare"]').inputValue()).toBe('2024');
    await again.selectOption('[data-testid="firm-supplier-change-filter-change"]', 'added');
    expect(await rowNames(again, 'firm-supplier-change')).toEqual(added);
  });

  it('colours the network by change with a key, and lists each supplier’s change beside it', async () => {
    const page = await browser.open(`#/network?focus=${ANCHOR}&dir=upstream&since=2024&lang=en`);
    await page.locator('[data-testid="network-change-list"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="legend-year"]').textContent()).toContain('2024 → 2025');
    await expect.poll(() => page.locator('[data-testid="legend"] svg').textContent()).toContain('Added (');
    await page.selectOption('[data-testid="network-change-list-filter-change"]', 'added');
    // The list holds every added link on screen, among the suppliers too: those into the anchor are its new suppliers.
    const rows = await page.locator('[data-testid="network-change-list-row"]').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    const anchorName = seed.firms.find((f) => f.id === ANCHOR)!.name;
    expect(rows.filter((r) => r[1] === anchorName).map((r) => r[0]).sort()).toEqual(added);
    expect(await page.locator('[data-testid="network-compare"]').inputValue()).toBe('2024');
  });
});
