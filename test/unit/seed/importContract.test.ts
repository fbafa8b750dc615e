/**
 * Contract with the importer (server/services): what the generators write is what an import accepts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRows } from '../../../server/services/import/csv.ts';
import { validateDataset } from '../../../server/services/import/validate.ts';
import { generateBusanNetwork } from '../../../seed/busan.ts';
import { toSupplyColumns, writeCsv } from '../../../seed/output.ts';
import { generateScaleColumns } from '../../../seed/scale.ts';

const dir = mkdtempSync(join(tmpdir(), 'anchorage-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rowsOf(file: string): Promise<unknown[]> {
  const values: unknown[] = [];
  for await (const rows of csvRows(readFileSync(file, 'utf8'), file)) for (const row of rows) values.push(row.values);
  return values;
}
const readBack = async (at: string) => ({ firms: await rowsOf(join(at, 'firms.csv')), supplies: await rowsOf(join(at, 'supplies.csv')) });

describe('the importer', () => {
  it('accepts the seed written as CSV, reading back exactly the generated firms and supplies', { timeout: 60_000 }, async () => {
    const seed = generateBusanNetwork();
    writeCsv(join(dir, 'seed'), seed.firms, toSupplyColumns(seed.firms, seed.supplies));
    const result = validateDataset(await readBack(join(dir, 'seed')));
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.firms).toStrictEqual(seed.firms);
    expect(result.supplies).toStrictEqual(seed.supplies);
  });

  it('accepts a scale network written as CSV', { timeout: 60_000 }, async () => {
    const net = generateScaleColumns({ firms: 1_000, links: 5_000, seed: 3 });
    writeCsv(join(dir, 'scale'), net.firms, net.supplies);
    const result = validateDataset(await readBack(join(dir, 'scale')));
    expect(result.issues).toEqual([]);
    expect(result.supplies).toHaveLength(5_000);
  });
});
