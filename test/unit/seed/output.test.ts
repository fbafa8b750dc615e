import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Firm, Supply, type Dataset } from '../../../server/domain/firm.ts';
import { FIRM_FIELDS } from '../../../seed/attributes.ts';
import { generateBusanNetwork } from '../../../seed/busan.ts';
import { csvCell, fromSupplyColumns, SUPPLY_FIELDS, toSupplyColumns, writeCsv, writeJson } from '../../../seed/output.ts';
import { generateScaleColumns } from '../../../seed/scale.ts';
import { parseCsv, recordsFromCsv } from './csvParse.ts';

let dir: string;
let busan: Dataset;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'anchorage-seed-'));
  busan = generateBusanNetwork();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readCsvDataset(at: string): Dataset {
  return {
    firms: recordsFromCsv(readFileSync(join(at, 'firms.csv'), 'utf8'), Firm) as Firm[],
    supplies: recordsFromCsv(readFileSync(join(at, 'supplies.csv'), 'utf8'), Supply) as Supply[],
  };
}

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks, writes objects as JSON and absent values as nothing', () => {
    expect(csvCell('Harbor Athletics Co., Ltd')).toBe('"Harbor Athletics Co., Ltd"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell([{ year: 2025 }])).toBe('"[{""year"":2025}]"');
    expect(parseCsv(`${csvCell('x, "y"')},2\n`)).toEqual([['x, "y"', '2']]);
  });
});

describe('supply columns', () => {
  it('turn supplies into columns and back unchanged', () => {
    expect(fromSupplyColumns(busan.firms, toSupplyColumns(busan.firms, busan.supplies))).toStrictEqual(busan.supplies);
  });

  it('refuse a supply naming an unknown firm', () => {
    expect(() => toSupplyColumns(busan.firms, [{ supplier: 'nobody', buyer: 'bmt', value: 1 }])).toThrow(/nobody→bmt/);
  });
});

describe('writers', () => {
  it('write the seed as JSON and CSV that read back to the same data', () => {
    const cols = toSupplyColumns(busan.firms, busan.supplies);
    writeJson(join(dir, 'busan.json'), busan.firms, cols);
    expect(JSON.parse(readFileSync(join(dir, 'busan.json'), 'utf8'))).toStrictEqual(busan);
    writeCsv(join(dir, 'busan'), busan.firms, cols);
    expect(readCsvDataset(join(dir, 'busan'))).toStrictEqual(busan);
  });

  it('use exactly the Firm and Supply field names as CSV columns', () => {
    const [firmHeader] = parseCsv(readFileSync(join(dir, 'busan', 'firms.csv'), 'utf8').split('\n')[0] + '\n');
    const [supplyHeader] = parseCsv(readFileSync(join(dir, 'busan', 'supplies.csv'), 'utf8').split('\n')[0] + '\n');
    expect(firmHeader).toEqual(Object.keys(Firm.shape));
    expect(firmHeader).toEqual(FIRM_FIELDS);
    expect(supplyHeader).toEqual(Object.keys(Supply.shape));
    expect(supplyHeader).toEqual([...SUPPLY_FIELDS]);
  });

  it('write a scale network as JSON and CSV that read back to the same data', () => {
    const net = generateScaleColumns({ firms: 2_000, links: 10_000, seed: 7 });
    const dataset = { firms: net.firms, supplies: fromSupplyColumns(net.firms, net.supplies) };
    const jsonBytes = writeJson(join(dir, 'scale.json'), net.firms, net.supplies);
    expect(jsonBytes).toBe(readFileSync(join(dir, 'scale.json')).length);
    expect(JSON.parse(readFileSync(join(dir, 'scale.json'), 'utf8'))).toStrictEqual(dataset);
    writeCsv(join(dir, 'scale'), net.firms, net.supplies);
    expect(readCsvDataset(join(dir, 'scale'))).toStrictEqual(dataset);
  });
});

describe('generateScale CLI', () => {
  it('writes CSV files with the requested counts and ends with a summary line', () => {
    const out = join(dir, 'cli');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'seed/generateScale.ts', '--firms', '300', '--links', '1500', '--seed', '5', '--format', 'csv', '--out', out],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/generateScale: done: 300 firms, 1500 links, seed 5, csv → .* \([\d.]+ MB\) in \d+ ms\n$/);
    const d = readCsvDataset(out);
    expect(d.firms).toHaveLength(300);
    expect(d.supplies).toHaveLength(1500);
  });

  it('fails with a usage message on a bad argument', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'seed/generateScale.ts', '--format', 'xml'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--format must be json or csv/);
  });
});
