/**
 * The explorer in real headless Chromium against the real server and the seeded local Neo4j
 * (test/e2e/globalSetup.ts): first open, search, expand, each view, a ripple scenario, re-weighted
 * candidates, shared links, language, export and errors.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, type Session } from './chromium.ts';

let session: Session;
let baseUrl: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  baseUrl = inject('baseUrl');
  session = await launch();
});

afterAll(async () => {
  await session?.close();
});

async function open(hash = ''): Promise<Page> {
  const page = await session.context.newPage();
  // Each test starts in the default language unless its link says otherwise.
  await page.addInitScript(() => localStorage.removeItem('anchorage.lang'));
  page.on('pageerror', (err) => pageErrors.push(`${hash}: ${err.message}`));
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) pageErrors.push(`${hash}: ${m.text()}`);
  });
  await page.goto(`${baseUrl}/${hash}`);
  return page;
}

async function networkDrawn(page: Page): Promise<number> {
  const stage = page.locator('[data-testid="network-stage"][data-drawn="true"]');
  await stage.waitFor({ timeout: 30_000 });
  return Number(await stage.getAttribute('data-nodes'));
}

async function layoutDone(page: Page): Promise<void> {
  await page.locator('[data-testid="network-stage"][data-layout="done"]').waitFor({ timeout: 60_000 });
}

async function nodeCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('network-stage').getAttribute('data-nodes'));
}

async function searchAndPick(page: Page, testid: string, text: string, id: string): Promise<void> {
  await page.getByTestId(`${testid}-input`).fill(text);
  const option = page.locator(`[data-testid="${testid}-option"][data-id="${id}"]`);
  await option.waitFor({ timeout: 15_000 });
  await option.click();
}

async function sceneIds(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__anchorage?.stage?.snapshot()?.scene.ids ?? []);
}

describe('explorer', () => {
  it('first open shows the 2026 cohort anchors and their first-tier networks, with a short legend', async () => {
    const page = await open();
    const n = await networkDrawn(page);
    expect(n).toBeGreaterThan(4);
    const ids = await sceneIds(page);
    for (const id of ['daeyang-electric', 'bmt', 'halla-ims', 'jmj']) expect(ids).toContain(id);
    await expect(page.getByTestId('cohort-intro').textContent()).resolves.toContain('2026');
    const legend = page.getByTestId('legend');
    await expect(legend.textContent()).resolves.toMatch(/Top-tier anchor/i);
    await expect(legend.textContent()).resolves.toMatch(/Supplier → buyer/);
    await expect(legend.textContent()).resolves.toMatch(/Ringed: 2026 cohort anchors/);
    // The cohort's anchors are the firms the view is about: ringed, and labelled before anything else.
    const emphasised = await page.evaluate(() => {
      const scene = window.__anchorage?.stage?.snapshot()?.scene;
      return scene ? scene.ids.filter((_, i) => scene.emphasis[i]) : [];
    });
    for (const id of ['daeyang-electric', 'bmt', 'halla-ims', 'jmj']) expect(emphasised).toContain(id);
    await page.close();
  });

  it('searches for Daeyang Electric by English or Korean name, expands its suppliers, and undoes', async () => {
    const page = await open();
    await networkDrawn(page);
    await page.getByTestId('network-search-input').fill('대양');
    await page.locator('[data-testid="network-search-option"][data-id="daeyang-electric"]').waitFor({ timeout: 15_000 });
    await searchAndPick(page, 'network-search', 'Daeyang', 'daeyang-electric');
    await expect(page.getByTestId('panel-name').textContent()).resolves.toBe('Daeyang Electric');
    expect(page.url()).toContain('sel=daeyang-electric');
    const before = await nodeCount(page);
    await page.getByTestId('panel-expand-up').click();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="network-stage"]')?.getAttribute('data-nodes')) > n, before, { timeout: 30_000 });
    expect(page.url()).toContain('exp=daeyang-electric:up:2');
    const after = await nodeCount(page);
    expect(after).toBeGreaterThan(before);
    await page.getByTestId('undo').click();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="network-stage"]')?.getAttribute('data-nodes')) === n, before, { timeout: 30_000 });
    expect(page.url()).not.toContain('exp=');
    await page.getByTestId('redo').click();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="network-stage"]')?.getAttribute('data-nodes')) === n, after, { timeout: 30_000 });
    await page.close();
  });

  it('opens each view', async () => {
    const page = await open('#/tiers?tf=daeyang-electric');
    await page.getByTestId('tier-firm').first().waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('tiers-heading').textContent()).resolves.toContain('Daeyang Electric');
    expect(await page.locator('[data-testid="tier-firm"][data-band="-1"], [data-testid="tier-group"][data-band="-1"]').count()).toBeGreaterThan(0);

    await page.getByTestId('nav-firm').click();
    await page.getByTestId('firm-name').waitFor({ timeout: 30_000 });
    await page.goto(`${baseUrl}/#/firm?id=daeyang-electric`);
    await expect(page.getByTestId('firm-name').textContent()).resolves.toContain('Daeyang Electric');
    await page.getByTestId('firm-history-revenue').waitFor();
    expect(await page.locator('[data-testid="firm-suppliers"] tbody tr').count()).toBeGreaterThan(0);

    await page.getByTestId('nav-candidates').click();
    await page.getByTestId('cand-row').first().waitFor({ timeout: 30_000 });

    await page.getByTestId('nav-ripple').click();
    await page.getByTestId('ripple-form-a').waitFor();

    await page.getByTestId('nav-network').click();
    await networkDrawn(page);
    await page.close();
  });

  it('runs a ripple scenario and shows the totals, breakdowns and top firms, and exports CSV', async () => {
    const page = await open('#/ripple');
    await searchAndPick(page, 'ripple-add-a', 'Daeyang', 'daeyang-electric');
    await page.getByTestId('ripple-amount-a').fill('10000');
    await page.getByTestId('ripple-run').click();
    const total = page.getByTestId('ripple-total-output-a');
    await total.waitFor({ timeout: 30_000 });
    await expect(total.textContent()).resolves.toMatch(/₩[\d.,]+(m|bn|tn)/);
    const multiplier = Number((await page.getByTestId('ripple-multiplier-a').locator('.value').textContent()) ?? 0);
    expect(multiplier).toBeGreaterThanOrEqual(1);
    expect(page.url()).toContain('shocks=daeyang-electric:10000');
    expect(await page.locator('[data-testid="ripple-top-firms-a"] tbody tr').count()).toBeGreaterThan(1);
    await page.getByTestId('ripple-by-sector-a').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ripple-export-csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('scenario,model,section,key,name,hop,output,valueAdded,employment,share,exposedShare,singleSource');
    expect(csv).toContain('daeyang-electric');
    expect(csv).toContain('scope=region type=II');
    await page.close();
  });

  it('states the scope and type of every ripple: region Type II by default, Type I and II side by side, then network Type I', async () => {
    const page = await open('#/ripple?shocks=daeyang-electric:10000');
    await page.getByTestId('ripple-total-output-a').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('ripple-basis-a').textContent()).resolves.toMatch(/^Region scope: Busan firms only.*Type II: households spend 20% /);
    const types = page.getByTestId('ripple-types-a');
    await expect(types.locator('thead').textContent()).resolves.toContain('Consumption-induced');
    const typeI = await types.locator('tr[data-key="output"] td').first().textContent();
    const typeII = await types.locator('tr[data-key="output"] td').last().textContent();
    expect(typeI).toMatch(/₩/);
    expect(typeII).not.toBe(typeI);
    await expect(page.getByTestId('ripple-leakage-a').textContent()).resolves.toMatch(/Leakage.*₩[\d.,]+(m|bn)/);
    await page.getByTestId('ripple-scope-a').selectOption('network');
    await page.getByTestId('ripple-type-a').selectOption('I');
    await page.getByTestId('ripple-run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="ripple-basis-a"]')?.textContent?.startsWith('Network scope'), undefined, { timeout: 30_000 });
    await expect(page.getByTestId('ripple-basis-a').textContent()).resolves.toContain('Type I (households not modelled)');
    expect(page.url()).toContain('scope=network');
    expect(page.url()).toContain('type=1');
    expect(await page.getByTestId('ripple-types-a').count()).toBe(0);
    await page.getByTestId('ripple-retention-a').waitFor();
    await page.close();
  });

  it('warns when a shock exceeds the firm’s revenue and labels a negative one a contraction', async () => {
    const page = await open('#/ripple?shocks=bmt:-90000000');
    const warnings = page.getByTestId('ripple-warnings-a');
    await warnings.waitFor({ timeout: 30_000 });
    await expect(warnings.locator('li[data-code="contraction"]').textContent()).resolves.toContain('contraction');
    await expect(warnings.locator('li[data-code="shock-exceeds-revenue"]').textContent()).resolves.toContain('exceeds its revenue');
    await page.close();
  });

  it('runs a disruption scenario from a link', async () => {
    const page = await open('#/ripple?model=disruption&shocks=bmt:0&cap=0.5');
    const total = page.getByTestId('ripple-total-output-a');
    await total.waitFor({ timeout: 30_000 });
    await expect(total.textContent()).resolves.toMatch(/Output lost/);
    expect(await page.locator('[data-testid="ripple-top-firms-a"] tbody tr').count()).toBeGreaterThan(0);
    await expect(page.getByTestId('ripple-top-firms-a').locator('thead').textContent()).resolves.toContain('Output lost (share)');
    expect(Number((await page.getByTestId('ripple-affected-a').locator('.value').textContent())?.replace(/,/g, ''))).toBeGreaterThan(20);
    await expect(page.getByTestId('ripple-label-a').textContent()).resolves.toMatch(/^BMT · .*50% of capacity lost/);
    await expect(page.getByTestId('ripple-capacity-a').inputValue()).resolves.toBe('50');
    await page.close();
  });

  it('compares two scenarios side by side, with signed differences', async () => {
    const page = await open('#/ripple?shocks=daeyang-electric:10000&model2=demand&shocks2=bmt:10000');
    await page.getByTestId('ripple-total-output-b').waitFor({ timeout: 30_000 });
    await page.getByTestId('ripple-delta-output').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('ripple-delta-output').textContent()).resolves.toMatch(/^[+\u2212]₩[\d.,]+(m|bn)$/);
    await expect(page.getByTestId('ripple-delta-leakage').textContent()).resolves.toMatch(/^[+\u2212]₩[\d.,]+(m|bn)$/);
    await expect(page.getByTestId('ripple-label-b').textContent()).resolves.toMatch(/^BMT \+₩10bn/);
    await page.close();
  });

  it('highlights the shortest supply path between two firms', async () => {
    const page = await open('#/network?focus=jmj&path=jmj,bmt');
    await networkDrawn(page);
    await page.waitForFunction(() => {
      const scene = window.__anchorage?.stage?.snapshot()?.scene;
      return !!scene && scene.ids.includes('bmt') && scene.nodeHighlight.reduce((s, v) => s + v, 0) >= 2;
    }, undefined, { timeout: 30_000 });
    await page.getByTestId('path-panel').locator('summary').click();
    await page.getByTestId('path-clear').click();
    await page.waitForFunction(() => !location.hash.includes('path='));
    await page.close();
  });

  it('re-weights the candidates and the ranking changes', async () => {
    const page = await open('#/candidates');
    await page.getByTestId('cand-row').first().waitFor({ timeout: 30_000 });
    const order = (): Promise<string[]> => page.getByTestId('cand-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));
    const setOnly = async (criterion: string): Promise<string[]> => {
      const response = page.waitForResponse((r) => r.url().includes('/api/candidates') && r.url().includes(`${criterion}=5`) && r.ok(), { timeout: 30_000 });
      for (const c of ['technology', 'globalScalability', 'cooperativeNetwork', 'jobCreation', 'growth']) {
        await page.getByTestId(`weight-${c}`).focus();
        await page.keyboard.press(c === criterion ? 'End' : 'Home');
      }
      await response;
      await page.waitForFunction(() => !document.querySelector('[data-testid="cand-table-wrap"]')?.hasAttribute('aria-busy'));
      return order();
    };
    const byTechnology = await setOnly('technology');
    expect(page.url()).toContain('w=5,0,0,0,0');
    const byGrowth = await setOnly('growth');
    expect(byGrowth.length).toBeGreaterThan(1);
    expect(byGrowth).not.toEqual(byTechnology);
    const first = page.getByTestId('cand-network-link').first();
    await first.click();
    await networkDrawn(page);
    expect(page.url()).toContain(`focus=${byGrowth[0]}`);
    await page.close();
  });

  it('shows the Bank of Korea coefficients on the firm view, by scope and type, with percentiles', async () => {
    // The candidates above needed the metrics, so they are computed by now.
    const page = await open('#/firm?id=daeyang-electric');
    const table = page.getByTestId('firm-coefficients');
    await table.waitFor({ timeout: 30_000 });
    const row = table.locator('tr[data-coefficient="output"]');
    await expect(row.locator('th').textContent()).resolves.toBe('Output multiplier (생산유발계수)');
    await expect(row.locator('td[data-metric="regionOutputMultiplierII"]').textContent()).resolves.toMatch(/^[\d.]+ p\d+$/);
    await expect(table.locator('thead').textContent()).resolves.toContain('Busan, Type II');
    await page.getByTestId('lang-toggle').click();
    await expect(page.getByTestId('firm-coefficients').locator('tr[data-coefficient="backwardLinkage"] th').textContent()).resolves.toBe('영향력계수');
    await page.close();
  });

  it('waits by itself while the metrics behind the candidates are still being computed', async () => {
    const page = await open();
    let answered = 0;
    await page.route('**/api/candidates*', (route) => {
      if (answered++ < 2) {
        return route.fulfill({ status: 409, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Metrics not computed yet', status: 409, detail: 'being computed' }) });
      }
      return route.continue();
    });
    await page.goto(`${baseUrl}/#/candidates`);
    // Both read in one go: between its retries the view says "Updating…" while it asks again.
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="cand-computing"]') !== null &&
        /Computing network metrics/.test(document.querySelector('[data-testid="cand-status"]')?.textContent ?? ''),
      undefined,
      { timeout: 15_000 },
    );
    // No click: the view asks again by itself and shows the ranking.
    await page.getByTestId('cand-row').first().waitFor({ timeout: 30_000 });
    expect(answered).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('cand-computing').count()).toBe(0);
    await page.getByTestId('cand-details-toggle').first().click();
    expect(await page.locator('[data-testid="cand-details"] tbody tr').count()).toBe(5);
    await page.close();
  });

  it('reloading a shared link gives the same view, layout included', async () => {
    const hash = '#/network?focus=daeyang-electric&exp=bmt:down&sel=daeyang-electric&size=employees&color=sector';
    const first = await open(hash);
    await networkDrawn(first);
    await layoutDone(first);
    const positions = (page: Page): Promise<Record<string, [number, number] | null>> =>
      page.evaluate(() => {
        const stage = window.__anchorage!.stage!;
        const ids = stage.snapshot()!.scene.ids.slice(0, 20);
        return Object.fromEntries(ids.map((id) => [id, stage.positionOf(id)]));
      });
    const a = await positions(first);
    const nodesA = await nodeCount(first);
    const url = first.url();
    await first.close();

    const second = await open(hash);
    await networkDrawn(second);
    await layoutDone(second);
    expect(await nodeCount(second)).toBe(nodesA);
    expect(await positions(second)).toEqual(a);
    await expect(second.getByTestId('panel-name').textContent()).resolves.toBe('Daeyang Electric');
    await expect(second.getByTestId('network-colour').inputValue()).resolves.toBe('sector');
    await second.reload();
    await networkDrawn(second);
    expect(second.url()).toBe(url);
    await second.close();
  });

  it('switches to Korean and keeps it in the link', async () => {
    const page = await open('#/firm?id=daeyang-electric');
    await page.getByTestId('firm-name').waitFor({ timeout: 30_000 });
    await page.getByTestId('lang-toggle').click();
    await expect(page.getByTestId('nav-network').textContent()).resolves.toBe('네트워크');
    await expect(page.getByTestId('firm-name').textContent()).resolves.toContain('대양전기공업');
    expect(page.url()).toContain('lang=ko');
    await page.reload();
    await expect(page.getByTestId('nav-ripple').textContent()).resolves.toBe('파급효과');
    await page.close();
  });

  it('exports the network as SVG and PNG', async () => {
    const page = await open();
    await networkDrawn(page);
    await page.waitForFunction(() => !(document.querySelector('[data-testid="export-svg"]') as HTMLButtonElement).disabled);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    const svgText = readFileSync((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<\?xml/);
    expect(svgText).toContain('<circle');
    expect(svg.suggestedFilename()).toMatch(/^anchorage-network-\d{4}-\d{2}-\d{2}\.svg$/);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    const bytes = readFileSync((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(2000);
    await page.close();
  });

  it('is usable from the keyboard', async () => {
    const page = await open();
    await networkDrawn(page);
    await page.getByTestId('network-stage').focus();
    await page.keyboard.press('n');
    await page.keyboard.press(' ');
    await page.getByTestId('firm-panel').waitFor({ state: 'visible' });
    const chosen = await page.getByTestId('firm-panel').getAttribute('data-id');
    await page.getByTestId('panel-expand-up').focus();
    const outline = await page.getByTestId('panel-expand-up').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    // Enter opens the firm, as the help under the drawing says.
    await page.getByTestId('network-stage').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('firm-name').waitFor({ timeout: 30_000 });
    expect(page.url()).toContain(`id=${chosen}`);
    await page.close();
  });

  it('explains a missing firm in plain words', async () => {
    const page = await open('#/firm?id=no-such-firm');
    const error = page.getByTestId('notice-error');
    await error.waitFor({ timeout: 30_000 });
    await expect(error.textContent()).resolves.toContain('There is no firm with the id “no-such-firm”');
    await page.close();
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
