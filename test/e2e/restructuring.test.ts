/**
 * Restructuring scenarios in real headless Chromium against the real server and the seeded Neo4j: a
 * localisation scenario for Daeyang Electric built from the assistant's top suggestion raises what Busan
 * retains, is shown before and after, exports, and comes back from its URL; a supply clicked in the
 * network is moved to a suggested supplier.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSeededBrowser } from './chromium.ts';

const { open } = useSeededBrowser();

async function figure(page: Page, key: string): Promise<{ before: number; after: number; text: string }> {
  const card = page.getByTestId(`rs-fig-${key}-a`);
  await card.waitFor({ timeout: 60_000 });
  return { before: Number(await card.getAttribute('data-before')), after: Number(await card.getAttribute('data-after')), text: (await card.textContent()) ?? '' };
}

describe('restructuring', () => {
  it('builds a localisation scenario for Daeyang Electric from the assistant, shows Busan before and after, and reopens it from its URL', async () => {
    const page = await open('#/restructuring');
    await page.getByTestId('rs-assistant-firm-input').fill('Daeyang');
    const option = page.locator('[data-testid="rs-assistant-firm-option"][data-id="daeyang-electric"]');
    await option.waitFor({ timeout: 15_000 });
    await option.click();

    const top = page.getByTestId('rs-suggestion').first();
    await top.waitFor({ timeout: 60_000 });
    const supplier = await top.getAttribute('data-id');
    expect(supplier).toBeTruthy();
    await expect(page.getByTestId('rs-assistant-total').textContent()).resolves.toMatch(/Daeyang Electric buys ₩[\d.]+(bn|tn) from outside Busan/);
    await top.getByTestId('rs-suggestion-add').click();

    // The change is listed in words, and Busan's figures are shown before and after.
    await expect(page.getByTestId('rs-change-a').textContent()).resolves.toMatch(/Daeyang Electric: move 30% of purchases \(from outside Busan/);
    const output = await figure(page, 'output');
    const sourcing = await figure(page, 'homeSourcing');
    const leakage = await figure(page, 'leakage');
    expect(output.after).toBeGreaterThan(output.before);
    expect(sourcing.after).toBeGreaterThan(sourcing.before);
    expect(leakage.after).toBeLessThan(leakage.before);
    expect(output.text).toMatch(/^Busan output\+₩/);
    await expect(page.locator(`[data-testid="rs-table-gainers-a"] tr[data-id="${supplier}"]`).count()).resolves.toBe(1);
    await page.locator('[data-testid="rs-network-a"] [data-testid="network-stage"][data-drawn="true"]').waitFor({ timeout: 60_000 });

    // The comparison exports as CSV with Busan's figures.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rs-export-csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('Busan before and after');
    expect(csv).toContain('Busan output');

    // The URL reopens the same scenario.
    const link = page.url();
    expect(link).toContain('rsa=');
    const again = await open(link.slice(link.indexOf('#')));
    const reopened = await figure(again, 'output');
    expect(reopened.before).toBe(output.before);
    expect(reopened.after).toBe(output.after);
    await expect(again.getByTestId('rs-change-a').count()).resolves.toBe(1);
    await page.close();
    await again.close();
  });

  it('compares two scenarios in Korean and adds a change from a table', async () => {
    const page = await open('#/restructuring?lang=ko&rsa=close~daeyang-electric&rsb=mv~daeyang-electric~0.3~out!d:24!p:forgings~sme-1536');
    await expect(page.locator('h1').textContent()).resolves.toBe('공급망 재편 시나리오');
    const closed = await figure(page, 'output');
    expect(closed.after).toBeLessThan(closed.before);
    const compare = page.getByTestId('rs-compare');
    await compare.locator('table').waitFor({ timeout: 60_000 });
    await expect(compare.textContent()).resolves.toContain('B − A');
    // Close the firm that loses most in A, from the losers' table: A now has two changes.
    await page.locator('[data-testid="rs-table-losers-a"] tbody tr').first().getByTestId('rs-action-close').click();
    await expect.poll(() => page.getByTestId('rs-change-a').count(), { timeout: 30_000 }).toBe(2);
    await page.close();
  });

  it('moves 30% of a supply clicked in the network to a suggested supplier, and shows the change before and after', async () => {
    const page = await open('#/network?focus=daeyang-electric&dir=up&r=canvas');
    await page.locator('[data-testid="network-stage"][data-drawn="true"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="network-stage"][data-layout="done"]').waitFor({ timeout: 60_000 });
    // Daeyang Electric's largest supplier from outside Busan, and a point on its link clear of every firm.
    const spot = await page.evaluate(async () => {
      const net = (await (await fetch('/api/firms/daeyang-electric/network?direction=upstream&depth=1')).json()) as { nodes: { id: string; region: string }[] };
      const outside = new Set(net.nodes.filter((n) => n.region !== 'Busan').map((n) => n.id));
      const { scene, positions, transform: t } = window.__anchorage!.stage!.snapshot()!;
      const screen = (i: number) => [positions[2 * i] * t.k + t.x, positions[2 * i + 1] * t.k + t.y];
      const buyer = scene.ids.indexOf('daeyang-electric');
      for (let k = 0; k < scene.linkSource.length; k++) {
        const a = scene.linkSource[k];
        if (scene.linkTarget[k] !== buyer || !outside.has(scene.ids[a])) continue;
        const [ax, ay] = screen(a);
        const [bx, by] = screen(buyer);
        for (const f of [0.5, 0.4, 0.6, 0.3, 0.7]) {
          const x = ax + f * (bx - ax);
          const y = ay + f * (by - ay);
          const clear = scene.ids.every((_, i) => Math.hypot(screen(i)[0] - x, screen(i)[1] - y) > scene.r[i] * t.k + 6);
          if (clear) return { x, y, supplier: scene.ids[a] };
        }
      }
      return null;
    });
    expect(spot).not.toBeNull();
    const box = (await page.getByTestId('network-stage').boundingBox())!;
    await page.mouse.click(box.x + spot!.x, box.y + spot!.y);
    await expect(page.getByTestId('panel-name').textContent()).resolves.toBe('Supply link');
    await expect(page.getByTestId('link-label').textContent()).resolves.toMatch(/→ Daeyang Electric$/);
    const move = page.getByTestId('link-move');
    await expect.poll(() => move.isEnabled(), { timeout: 60_000 }).toBe(true);
    await page.getByTestId('link-move-share').fill('30');
    const target = await page.getByTestId('link-move-target').inputValue();
    expect(target).toBeTruthy();
    await move.click();

    // The restructuring view opens with the change, and shows Busan before and after.
    await page.getByTestId('view-restructuring').waitFor({ timeout: 15_000 });
    expect(decodeURIComponent(page.url())).toContain(`rsa=mv~daeyang-electric~0.3~s:${spot!.supplier}~${target}`);
    await expect.poll(() => page.getByTestId('rs-change-a').textContent(), { timeout: 15_000 }).toMatch(/Daeyang Electric: move 30% of purchases/);
    const output = await figure(page, 'output');
    const sourcing = await figure(page, 'homeSourcing');
    expect(output.after).toBeGreaterThan(output.before);
    expect(sourcing.after).toBeGreaterThan(sourcing.before);
    await page.close();
  });

  it('refuses a scenario that breaks the accounting rules, naming the firm and the figures', async () => {
    // All of Daeyang Electric's out-of-region purchases to one SME: more than it could sell.
    const page = await open('#/restructuring?rsa=mv~daeyang-electric~1~out~sme-0001');
    const a = page.getByTestId('rs-result-a');
    await a.getByTestId('notice-error').waitFor({ timeout: 60_000 });
    await expect(a.getByTestId('notice-error').textContent()).resolves.toMatch(/firm "sme-0001": sales to the network would total [\d.]+ but revenue is [\d.]+/);
    await page.close();
  });
});
