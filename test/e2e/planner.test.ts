/**
 * The planner's questions in real Chromium against the seeded server: names in lists beside the pictures
 * and their exports, links that reopen exactly, Gephi exports read by a real GraphML reader, the whole
 * network drawn aggregated.
 */
import ExcelJS from 'exceljs';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../unit/seed/csvParse.ts';
import { launch, type Session } from './chromium.ts';

let session: Session;
let baseUrl: string;

beforeAll(async () => {
  baseUrl = inject('baseUrl');
  session = await launch();
});

afterAll(async () => {
  await session?.close();
});

async function open(s: Session, hash = ''): Promise<Page> {
  const page = await s.context.newPage();
  await page.addInitScript(() => localStorage.removeItem('anchorage.lang'));
  await page.goto(`${baseUrl}/${hash}`);
  return page;
}

async function apiJson<T>(path: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

interface NetNode {
  id: string;
  name: string;
  district?: string;
  up?: number | null;
  down?: number | null;
}

describe('planner', () => {
  it("lists Halla IMS's tier-1 and tier-2 suppliers in Gangseo-gu by name in three actions, and exports them", async () => {
    // The answer from the API's own ego network: a supplier within two tiers upstream that is not nearer
    // downstream (the tiers view puts a firm on a loop in its nearer band), located in Gangseo-gu.
    const net = await apiJson<{ nodes: NetNode[] }>('/api/firms/halla-ims/network?direction=both&depth=3&limit=5000');
    const expected = net.nodes
      .filter((n) => n.id !== 'halla-ims' && n.up != null && n.up <= 2 && (n.down == null || n.up <= n.down) && n.district === 'Gangseo-gu')
      .map((n) => n.name)
      .sort();
    expect(expected.length).toBeGreaterThan(0);

    const page = await open(session, '#/tiers');
    await page.getByTestId('tier-firm').first().waitFor({ timeout: 30_000 });
    // 1: choose Halla IMS.
    await page.getByTestId('tiers-search-input').fill('Halla');
    await page.locator('[data-testid="tiers-search-option"][data-id="halla-ims"]').click({ timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="tiers-heading"]')?.textContent?.includes('Halla IMS'), null, { timeout: 30_000 });
    // 2: suppliers, tiers 1–2. 3: Gangseo-gu.
    await page.getByTestId('tiers-list-filter-band').selectOption('u2');
    await page.getByTestId('tiers-list-filter-district').selectOption('Gangseo-gu');
    const names = (await page.locator('[data-testid="tiers-list-row"] td[data-col="name"]').allTextContents()).sort();
    expect(names).toEqual(expected);
    const places = new Set(await page.locator('[data-testid="tiers-list-row"] td[data-col="place"]').allTextContents());
    expect([...places]).toEqual(['Gangseo-gu']);
    expect(page.url()).toContain('lf=');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tiers-list-csv').click()]);
    const rows = parseCsv(readFileSync((await csvDownload.path())!, 'utf8').replace(/^\uFEFF/, ''));
    expect(rows[0][0]).toContain('Halla IMS');
    const meta = new Map(rows.slice(1, rows.findIndex((r) => r.length === 1 && r[0] === '')).map((r) => [r[0], r[1]]));
    expect(meta.get('Data version')).toMatch(/^\d+$/);
    expect(meta.get('Exported')).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(meta.get('District / region')).toBe('Gangseo-gu');
    const headerAt = rows.findIndex((r) => r[0] === 'Firm');
    expect(rows[headerAt]).toContain('Revenue (KRW million)');
    const exported = rows.slice(headerAt + 1).filter((r) => r.length > 1).map((r) => r[0]).sort();
    expect(exported).toEqual(expected);
    for (const r of rows.slice(headerAt + 1)) if (r.length > 1) expect(r[rows[headerAt].indexOf('Revenue (KRW million)')]).toMatch(/^-?\d+$/);

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tiers-list-xlsx').click()]);
    const wb = new ExcelJS.Workbook();
    const bytes = readFileSync((await xlsxDownload.path())!);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0];
    const firmColumn: string[] = [];
    let inTable = false;
    ws.eachRow((row) => {
      const first = row.getCell(1).value;
      if (inTable) firmColumn.push(String(first));
      if (first === 'Firm') inTable = true;
    });
    expect(firmColumn.sort()).toEqual(expected);
    await page.close();
  });

  it('shows the list in Korean with Korean headers and exports it in Korean', async () => {
    const page = await open(session, '#/tiers?lang=ko&tf=halla-ims&lf=band:u1');
    await page.getByTestId('tiers-list-row').first().waitFor({ timeout: 30_000 });
    await expect(page.locator('[data-testid="tiers-list"] thead').textContent()).resolves.toContain('매출액 (백만 원)');
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tiers-list-csv').click()]);
    const text = readFileSync((await csvDownload.path())!, 'utf8');
    expect(text).toContain('데이터 버전');
    expect(text).toContain('매출액 (백만 원)');
    await page.close();
  });
});

/** A Python with networkx: the machine's, or a venv made once for the tests (pip from the package index). */
function networkxPython(): string {
  const probe = (py: string): boolean => spawnSync(py, ['-c', 'import networkx'], { stdio: 'ignore' }).status === 0;
  if (probe('python3')) return 'python3';
  const venv = join(tmpdir(), 'anchorage-networkx-venv');
  const py = join(venv, 'bin', 'python');
  if (!existsSync(py)) execFileSync('python3', ['-m', 'venv', venv], { stdio: 'ignore' });
  if (!probe(py)) execFileSync(py, ['-m', 'pip', 'install', '--quiet', 'networkx'], { stdio: 'ignore', timeout: 240_000 });
  return py;
}

/** Where a firm is drawn on the page, in CSS pixels from the page's top left. */
async function screenPosition(page: Page, id: string): Promise<[number, number]> {
  return page.evaluate((firm) => {
    const stage = window.__anchorage!.stage!;
    const [x, y] = stage.positionOf(firm)!;
    const cam = stage.camera();
    const rect = document.querySelector('[data-testid="network-stage"]')!.getBoundingClientRect();
    return [rect.left + cam.x + cam.k * x, rect.top + cam.y + cam.k * y] as [number, number];
  }, id);
}

async function layoutDone(page: Page): Promise<void> {
  await page.locator('[data-testid="network-stage"][data-drawn="true"]').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="network-stage"][data-layout="done"]').waitFor({ timeout: 90_000 });
}

describe('network links, exports and overview', () => {
  it('reopens a copied network link in a fresh browser with the selected firm within 5 px of where it was', async () => {
    const page = await open(session, '#/network');
    await layoutDone(page);
    await page.getByTestId('network-search-input').fill('BMT');
    await page.locator('[data-testid="network-search-option"][data-id="bmt"]').click({ timeout: 15_000 });
    await page.getByTestId('panel-expand-up').click();
    await page.waitForFunction(() => location.hash.includes('exp=bmt:up:2'));
    await page.waitForFunction(() => document.querySelector('[data-testid="network-stage"]')?.getAttribute('data-layout') === 'running', null, { timeout: 30_000 }).catch(() => undefined);
    await layoutDone(page);
    // A camera of the user's own: zoom with the wheel over the stage.
    const box = (await page.getByTestId('network-stage').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -240);
    await page.waitForFunction(() => location.hash.includes('cam='), null, { timeout: 10_000 });
    const url = page.url();
    expect(url).toContain('sel=bmt');
    const before = await screenPosition(page, 'bmt');
    const nodesBefore = await page.getByTestId('network-stage').getAttribute('data-nodes');
    await page.close();

    const fresh = await launch();
    try {
      const again = await fresh.context.newPage();
      await again.goto(url);
      await layoutDone(again);
      await expect(again.getByTestId('network-stage').getAttribute('data-nodes')).resolves.toBe(nodesBefore);
      await expect(again.getByTestId('panel-name').textContent()).resolves.toBe('BMT');
      const after = await screenPosition(again, 'bmt');
      expect(Math.hypot(after[0] - before[0], after[1] - before[1])).toBeLessThanOrEqual(5);
      // The undo history of the expansion comes back too.
      await expect(again.getByTestId('undo').isDisabled()).resolves.toBe(false);
    } finally {
      await fresh.close();
    }
  });

  it('exports the view as GraphML that networkx reads with the firm and link counts on screen and all attributes', async () => {
    const page = await open(session, '#/network');
    await layoutDone(page);
    const firms = Number(await page.getByTestId('network-stage').getAttribute('data-nodes'));
    const links = Number(await page.getByTestId('network-stage').getAttribute('data-links'));
    await expect(page.getByTestId('network-status').textContent()).resolves.toContain(`${firms.toLocaleString('en-GB')} firms`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-graphml').click()]);
    const file = (await download.path())!;
    const script = [
      'import json, sys, networkx as nx',
      'g = nx.read_graphml(sys.argv[1])',
      "b = g.nodes['bmt']",
      "print(json.dumps({'nodes': g.number_of_nodes(), 'edges': g.number_of_edges(), 'directed': g.is_directed(), 'tier': b.get('tier'), 'revenue': b.get('revenue'), 'sectorName': b.get('sectorName'), 'hasX': 'x' in b, 'value': type(next(iter(g.edges(data=True)))[2]['value']).__name__}))",
    ].join('\n');
    const out = JSON.parse(execFileSync(networkxPython(), ['-c', script, file], { encoding: 'utf8' }));
    expect(out.nodes).toBe(firms);
    expect(out.edges).toBe(links);
    expect(out.directed).toBe(true);
    expect(out.tier).toBe('anchor');
    expect(typeof out.revenue).toBe('number');
    expect(out.sectorName).toBeTruthy();
    expect(out.hasX).toBe(true);
    expect(out.value).toBe('float');
    await page.close();
  });

  it('draws the whole network aggregated, drills into a group and back, and lists the groups', async () => {
    const page = await open(session, '#/network');
    await layoutDone(page);
    await page.getByTestId('network-whole').click();
    await page.locator('[data-testid="network-status"][data-groups]').waitFor({ timeout: 30_000 });
    await layoutDone(page);
    const health = await apiJson<{ firms: number }>('/api/health');
    const drawn = Number(await page.getByTestId('network-stage').getAttribute('data-nodes'));
    const groups = Number(await page.getByTestId('network-status').getAttribute('data-groups'));
    // Thousands of firms, a few dozen groups plus the anchors' partners.
    expect(health.firms).toBeGreaterThan(1000);
    expect(groups).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(health.firms / 2);
    const listed = await page.locator('[data-testid="overview-list-row"]').count();
    expect(listed).toBe(groups);
    const sumFirms = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="overview-list-row"] td[data-col="firms"]')].reduce((s, td) => s + Number((td.textContent ?? '0').replace(/,/g, '')), 0),
    );
    const detail = Number(await page.getByTestId('network-status').getAttribute('data-firms'));
    expect(sumFirms + detail).toBe(health.firms);

    // Drill into the largest group: its firms are drawn one by one, then back.
    await page.getByTestId('overview-list-sort-firms').click();
    await page.locator('[data-testid="overview-list-row"]').first().click();
    await page.getByTestId('panel-open-group').click();
    await page.waitForFunction(() => location.hash.includes('og='));
    await page.waitForFunction((d) => Number(document.querySelector('[data-testid="network-status"]')?.getAttribute('data-firms')) > d, detail, { timeout: 30_000 });
    await page.getByTestId('overview-back').click();
    await page.waitForFunction((d) => Number(document.querySelector('[data-testid="network-status"]')?.getAttribute('data-firms')) === d, detail, { timeout: 30_000 });
    expect(page.url()).not.toContain('og=');
    await page.close();
  });
});
