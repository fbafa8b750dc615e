/**
 * The data import view in real Chromium against the seeded server: hidden from the navigation until an
 * admin signs in, then two small CSV files uploaded through the file pickers, the job's progress and its
 * result — counts for valid files, the problems row by row for invalid ones. Dry runs and refused files
 * write nothing, so the seed the other browser tests read stays as it was.
 */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { smallDataset, toCsv } from '../support/fixtures.ts';
import { useSeededBrowser } from './chromium.ts';

const { open } = useSeededBrowser();

const FIRM_COLUMNS = ['id', 'name', 'tier', 'sector', 'region', 'district', 'revenue', 'employees'];
const SUPPLY_COLUMNS = ['supplier', 'buyer', 'value', 'year'];

function csvFiles(d: ReturnType<typeof smallDataset>) {
  return {
    firms: { name: 'firms.csv', mimeType: 'text/csv', buffer: Buffer.from(toCsv(d.firms, FIRM_COLUMNS)) },
    supplies: { name: 'supplies.csv', mimeType: 'text/csv', buffer: Buffer.from(toCsv(d.supplies, SUPPLY_COLUMNS)) },
  };
}

async function signIn(page: Page): Promise<void> {
  await page.getByTestId('sign-in').click();
  await page.getByTestId('sign-in-token').fill(inject('adminToken'));
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-out').waitFor();
}

it('is for admins only: no link and a sign-in hint until an admin signs in', async () => {
  const page = await open('#/import');
  await page.getByTestId('import-gate').getByTestId('notice-info').waitFor();
  expect(await page.getByTestId('nav-import').count()).toBe(0);
  expect(await page.getByTestId('import-form').isVisible()).toBe(false);
  await signIn(page);
  await page.getByTestId('import-form').waitFor({ state: 'visible' });
  expect(await page.getByTestId('nav-import').textContent()).toBe('Data import');
  await page.getByTestId('sign-out').click();
  await page.getByTestId('import-form').waitFor({ state: 'hidden' });
  await page.close();
});

it('uploads a small CSV pair as a dry run, shows the progress and then the counts', async () => {
  const page = await open('#/network');
  await signIn(page);
  await page.getByTestId('nav-import').click();
  const files = csvFiles(smallDataset(12, 'e2eimp'));
  await page.getByTestId('import-firms').setInputFiles(files.firms);
  await page.getByTestId('import-supplies').setInputFiles(files.supplies);
  await page.getByTestId('import-dry-run').check();
  await page.getByTestId('import-start').click();

  await page.getByTestId('import-report').waitFor();
  // The job's last progress stays on screen: its stage, every row read, the rate.
  expect(await page.getByTestId('import-progress').locator('h2').textContent()).toBe('Import: done');
  expect(await page.getByTestId('import-bar').getAttribute('aria-valuenow')).toBe('100');
  expect(await page.getByTestId('import-figures').textContent()).toMatch(/^100% · 23 rows · [\d,]+ rows\/s$/);
  const counts = await page.getByTestId('import-counts').locator('tbody tr').allTextContents();
  expect(counts).toEqual(['Received1211', 'Valid1211']);
  expect(await page.getByTestId('import-report').textContent()).toContain('nothing was written');
  // The session is the browser's: the next test signs in again.
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in').waitFor();
  await page.close();
});

it('lists the problems of invalid files by file, line, field and reason, in Korean too', async () => {
  const page = await open('#/import?lang=ko');
  await signIn(page);
  const d = smallDataset(6, 'e2ebad');
  d.supplies.push({ supplier: 'e2ebad2', buyer: 'nobody', value: 10, year: 2025 });
  const files = csvFiles(d);
  await page.getByTestId('import-firms').setInputFiles(files.firms);
  await page.getByTestId('import-supplies').setInputFiles(files.supplies);
  await page.getByTestId('import-mode').selectOption('replace');
  await page.getByTestId('import-start').click();

  const table = page.getByTestId('import-problem-table');
  await table.waitFor();
  expect(await page.getByTestId('import-problems').locator('h2').textContent()).toBe('문제 1건: 아무것도 기록하지 않았습니다');
  const cells = await table.locator('tbody tr').first().locator('td').allTextContents();
  // The header is line 1: the seventh supply (six firms give five) is line 7.
  expect(cells.slice(0, 3)).toEqual(['공급 관계', '7', 'buyer']);
  expect(cells[3]).toContain('nobody');
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in').waitFor();
  await page.close();
});
