import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeDataset } from '../../server/services/import/write.ts';
import { smallDataset, toCsv } from '../support/fixtures.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

let h: Harness;
const base = smallDataset(1001);

async function counts() {
  const r = await h.call('GET', '/api/health');
  return { firms: r.body.firms as number, supplies: r.body.supplies as number };
}

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

beforeEach(async () => {
  const r = await h.call('POST', '/api/import?mode=replace', base, asEditor);
  expect(r.status).toBe(201);
});

describe('POST /api/import', () => {
  it('replaces the dataset and reports what it wrote', async () => {
    expect(await counts()).toEqual({ firms: 1001, supplies: 1000 });
    const r = await h.call('POST', '/api/import?mode=replace', smallDataset(10, 'g'), asEditor);
    expect(r.status).toBe(201);
    expect(r.body.written).toMatchObject({ firms: 10, supplies: 9, deleted: { firms: 1001, supplies: 1000 } });
    expect(await counts()).toEqual({ firms: 10, supplies: 9 });
  });

  it('rejects one unknown buyer among 1,000 good rows with 422 naming the row, and writes nothing', async () => {
    const data = smallDataset(1001, 'n');
    data.supplies.splice(500, 0, { supplier: 'n5', buyer: 'nobody', value: 10, year: 2025 });
    const r = await h.call('POST', '/api/import?mode=replace', data, asEditor);
    expect(r.status).toBe(422);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.errorCount).toBe(1);
    expect(r.body.errors[0]).toMatchObject({ section: 'supplies', index: 500, field: 'buyer', path: 'supplies[500].buyer' });
    expect(r.body.errors[0].reason).toContain('unknown firm "nobody"');
    expect(await counts()).toEqual({ firms: 1001, supplies: 1000 });
  });

  const badCases: [string, (d: ReturnType<typeof smallDataset>) => void, string, string][] = [
    ['self-supply', (d) => d.supplies.push({ supplier: 'f3', buyer: 'f3', value: 1 }), 'supplies', 'buyer'],
    ['negative value', (d) => d.supplies.push({ supplier: 'f3', buyer: 'f1', value: -5 } as never), 'supplies', 'value'],
    ['non-numeric value', (d) => d.supplies.push({ supplier: 'f3', buyer: 'f1', value: 'abc' } as never), 'supplies', 'value'],
    ['bad BRN checksum', (d) => (d.firms[7].brn = '1234567890'), 'firms', 'brn'],
    ['duplicate id with different data', (d) => d.firms.push({ ...d.firms[4], revenue: 1 }), 'firms', 'id'],
    ['unknown supplier', (d) => d.supplies.push({ supplier: 'ghost', buyer: 'f1', value: 1 }), 'supplies', 'supplier'],
    ['bad tier', (d) => ((d.firms[2] as { tier: string }).tier = 'mega'), 'firms', 'tier'],
    ['purchases above revenue', (d) => d.supplies.push({ supplier: 'f900', buyer: 'f200', value: 50_000, year: 2024 }, { supplier: 'f901', buyer: 'f200', value: 50_000, year: 2025 }), 'firms', 'revenue'],
  ];
  for (const [name, spoil, section, field] of badCases) {
    it(`rejects ${name} and changes nothing`, async () => {
      const data = structuredClone(base);
      spoil(data);
      for (const mode of ['replace', 'merge']) {
        const r = await h.call('POST', `/api/import?mode=${mode}`, data, asEditor);
        expect(r.status, `${mode}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(422);
        expect(r.body.errors.some((e: { section: string; field: string }) => e.section === section && e.field === field)).toBe(true);
        expect(await counts()).toEqual({ firms: 1001, supplies: 1000 });
      }
    });
  }

  it('dry run validates and reports without writing', async () => {
    const r = await h.call('POST', '/api/import?mode=replace&dryRun=true', smallDataset(20, 'd'), asEditor);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dryRun: true, written: null, firms: { received: 20, valid: 20 } });
    expect(await counts()).toEqual({ firms: 1001, supplies: 1000 });
  });

  it('merge upserts and is idempotent', async () => {
    const update = { firms: [{ ...base.firms[1], revenue: 99_999 }], supplies: [{ supplier: 'f2', buyer: 'f1', value: 123, year: 2025 }] };
    for (let i = 0; i < 2; i++) {
      const r = await h.call('POST', '/api/import?mode=merge', update, asEditor);
      expect(r.status).toBe(201);
    }
    expect(await counts()).toEqual({ firms: 1001, supplies: 1001 });
    const firm = await h.call('GET', '/api/firms/f1');
    expect(firm.body.revenue).toBe(99_999);
    expect(firm.body.suppliers.find((s: { id: string }) => s.id === 'f2').value).toBe(123);
  });

  it('imports CSV and reports bad rows with their line', async () => {
    const d = smallDataset(30, 'c');
    const firmCols = ['id', 'name', 'nameKo', 'tier', 'sector', 'region', 'district', 'revenue', 'employees'];
    const supplyCols = ['supplier', 'buyer', 'value', 'year'];
    const ok = await h.call('POST', '/api/import?mode=replace', { format: 'csv', firms: toCsv(d.firms, firmCols), supplies: toCsv(d.supplies, supplyCols) }, asEditor);
    expect(ok.status).toBe(201);
    expect(await counts()).toEqual({ firms: 30, supplies: 29 });
    (d.supplies[3] as { value: unknown }).value = 'lots';
    const bad = await h.call('POST', '/api/import?mode=replace', { format: 'csv', firms: toCsv(d.firms, firmCols), supplies: toCsv(d.supplies, supplyCols) }, asEditor);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ section: 'supplies', index: 3, line: 5, field: 'value' });
    expect(await counts()).toEqual({ firms: 30, supplies: 29 });
  });

  it('accepts an import body above the 1 MB limit of the other routes, with or without a trailing slash', async () => {
    const big = smallDataset(6_000, 'big');
    expect(JSON.stringify(big).length).toBeGreaterThan(1_100_000);
    const r = await h.call('POST', '/api/import/?mode=replace&dryRun=true', big, asEditor);
    expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBe(200);
    expect(r.body.firms.valid).toBe(6_000);
  });

  it('needs the admin role', async () => {
    expect((await h.call('POST', '/api/import', base)).status).toBe(401);
    expect((await h.call('POST', '/api/import', base, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    expect(await counts()).toEqual({ firms: 1001, supplies: 1000 });
  });

  it('rolls back a replace that fails while writing, leaving the previous data exactly as it was', async () => {
    const before = await h.call('GET', '/api/firms/f1');
    const data = smallDataset(50, 'r');
    // Bypass validation: the last supply names a firm that does not exist, so its batch writes 0 of 1 rows.
    data.supplies.push({ supplier: 'r1', buyer: 'missing', value: 1 });
    await expect(writeDataset(h.db, data, 'replace')).rejects.toThrow(/rolled back/);
    expect(await counts()).toEqual({ firms: 1001, supplies: 1000 });
    expect((await h.call('GET', '/api/firms/f1')).body).toEqual(before.body);
  });
});
