/**
 * The planner's questions in real Chromium against the seeded server: names in lists beside the pictures
 * and their exports, links that reopen exactly, Gephi exports read by a real GraphML reader, the whole
 * network drawn aggregated.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
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
