/**
 * Contract with the importer (server/services): what the generators write is what an import accepts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFromCsv } from '../../../server/services/importService.ts';
import { validateDataset } from '../../../server/services/import/validate.ts';
import { generateBusanNetwork } from '../../../seed/busan.ts';
import { toSupplyColumns, writeCsv } from '../../../seed/output.ts';
import { generateScaleColumns } from '../../../seed/scale.ts';

const dir = mkdtempSync(join(tmpdir(), 'anchorage-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readBack = (at: string) => datasetFromCsv(readFileSync(join(at, 'firms.csv'), 'utf8'), readFileSync(join(at, 'supplies.csv'), 'utf8'));

describe('the importer', () => {
  it('accepts the seed written as CSV, reading back exactly the generated firms and supplies', () => {
    const seed = generateBusanNetwork();
    writeCsv(join(dir, 'seed'), seed.firms, toSupplyColumns(seed.firms, seed.supplies));
    const result = validateDataset(readBack(join(dir, 'seed')));
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.firms).toStrictEqual(seed.firms);
    expect(result.supplies).toStrictEqual(seed.supplies);
  });

  it('accepts a scale network written as CSV', () => {
    const net = generateScaleColumns({ firms: 1_000, links: 5_000, seed: 3 });
    writeCsv(join(dir, 'scale'), net.firms, net.supplies);
    const result = validateDataset(readBack(join(dir, 'scale')));
    expect(result.issues).toEqual([]);
    expect(result.supplies).toHaveLength(5_000);
  });
});
