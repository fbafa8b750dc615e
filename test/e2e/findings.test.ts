/**
 * Smaller findings of the planner's review, each held by a test in real Chromium on the seeded server: the
 * legend's title follows the colouring, an expand re-frames the network, and the candidates' revenue band
 * reads as figures with units from the data.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useSeededBrowser } from './chromium.ts';

const browser = useSeededBrowser();

async function layoutDone(page: Page): Promise<void> {
  await page.locator('[data-testid="network-stage"][data-drawn="true"]').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="network-stage"][data-layout="done"]').waitFor({ timeout: 90_000 });
}

describe('smaller findings', () => {
  it('gives the legend the title of the colouring chosen, each time it changes', async () => {
    const page = await browser.open('#/network');
    await page.locator('[data-testid="legend"] svg').waitFor();
    for (const colour of ['district', 'sector', 'tier']) {
      await page.selectOption('[data-testid="network-colour"]', colour);
      const chosen = (await page.locator('[data-testid="network-colour"] option:checked').textContent())!.trim();
      await expect.poll(() => page.locator('[data-testid="legend"] svg').getAttribute('aria-label')).toBe(chosen);
      await expect.poll(() => page.locator('[data-testid="legend"] svg text').first().textContent()).toBe(chosen);
    }
  });

  it('frames the whole network again after an expand, so that every firm is on screen', async () => {
    const page = await browser.open('#/network?focus=bmt&sel=bmt');
    await layoutDone(page);
    await page.getByTestId('panel-expand-up').click();
    await page.waitForFunction(() => location.hash.includes('exp=bmt:up:2'));
    await page.waitForFunction(() => document.querySelector('[data-testid="network-stage"]')?.getAttribute('data-layout') === 'running', null, { timeout: 30_000 }).catch(() => undefined);
    await layoutDone(page);
    const outside = await page.evaluate(() => {
      const snap = window.__anchorage!.stage!.snapshot()!;
      const { x, y, k } = snap.transform;
      let off = 0;
      for (let i = 0; i < snap.scene.ids.length; i++) {
        const sx = snap.positions[2 * i] * k + x;
        const sy = snap.positions[2 * i + 1] * k + y;
        if (sx < 0 || sy < 0 || sx > snap.width || sy > snap.height) off++;
      }
      return { off, n: snap.scene.ids.length };
    });
    expect(outside.n).toBeGreaterThan(40);
    expect(outside.off).toBe(0);
  });

  it('states the candidates’ revenue band and the eligible firms’ real revenue range with units', async () => {
    const baseUrl = inject('baseUrl');
    let api: { eligible: number; eligibility: { revenueMin: number; revenueMax: number }; eligibleRevenue: { min: number; max: number } } | null = null;
    // The metrics behind the candidates are computed in the background after the server starts.
    await expect
      .poll(async () => {
        const res = await fetch(`${baseUrl}/api/candidates?limit=20`);
        if (res.status === 200) api = await res.json();
        return res.status;
      }, { timeout: 120_000, interval: 1_000 })
      .toBe(200);
    const page = await browser.open('#/candidates');
    const bounds = page.getByTestId('cand-revenue-bounds');
    await expect.poll(() => bounds.textContent(), { timeout: 60_000 }).toMatch(/eligible firms/);
    const text = (await bounds.textContent())!;
    expect(text).toMatch(/^Revenue band in force: ₩[\d.,]+(tn|bn|m) to ₩[\d.,]+(tn|bn|m)\. The [\d,]+ eligible firms’ revenues run from ₩[\d.,]+(tn|bn|m) to ₩[\d.,]+(tn|bn|m)\.$/);
    expect(text).toContain(`The ${api!.eligible.toLocaleString('en-GB')} eligible firms`);
    expect(api!.eligibleRevenue.min).toBeGreaterThanOrEqual(api!.eligibility.revenueMin);
    expect(api!.eligibleRevenue.max).toBeLessThanOrEqual(api!.eligibility.revenueMax);
    // The empty inputs show the band in their own unit with digit grouping, not a bare number.
    expect(await page.getByTestId('cand-min-revenue').getAttribute('placeholder')).toBe(api!.eligibility.revenueMin.toLocaleString('en-GB'));
  });
});
