import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeImporterInput } from '../../../server/services/import/importerInput.ts';
import { sourceFromFiles } from '../../../server/services/import/rows.ts';
import { ImportValidationError } from '../../../server/services/importService.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'importer-input-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const FIRMS = [
  'id,name,tier,sector,region,revenue,employees,history',
  'a,Alpha,sme,25,Busan,1000,10,"[{""year"":2024,""revenue"":900,""employees"":9}]"',
  'b,"Beta, ""B"" Co",anchor,30,Busan,2000,20,',
  'c,Gamma,sme,29,Ulsan,3000,30,',
].join('\n');

function files(name: string, supplies: string[]) {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'firms.csv'), FIRMS + '\n');
  fs.writeFileSync(path.join(dir, 'supplies.csv'), ['supplier,buyer,value,year,product', ...supplies].join('\n') + '\n');
  return dir;
}

/** The pass on the CSV fast path (firm rows checked in a worker, or not), or on the row path (the source without its CSV records). */
async function pass(dir: string, fast: boolean, firmWorker = false) {
  const source = sourceFromFiles(path.join(dir, 'firms.csv'), path.join(dir, 'supplies.csv'));
  expect(source.csv).toBeDefined();
  if (!fast) delete source.csv;
  const out = fs.mkdtempSync(path.join(root, 'out-'));
  try {
    const written = await writeImporterInput(source, out, { generation: 3, firmWorker });
    return { supplies: written.supplies, files: ['firms', 'supplies'].map((f) => fs.readFileSync(path.join(out, `${f}.csv`), 'utf8')) };
  } catch (error) {
    if (error instanceof ImportValidationError) return { issues: error.issues, count: error.issueCount };
    throw error;
  }
}

describe('writeImporterInput: the CSV fast path against the row path', () => {
  it('writes the same importer input, byte for byte', async () => {
    const dir = files('valid', ['a,b,10,2024,bolts', 'a,b,10,2024,bolts', 'b,c,5.5,,"nuts, ""hex"""', 'c,a,7,2025,  gears ', 'a,c,1,,']);
    const fast = await pass(dir, true);
    expect(fast).toEqual(await pass(dir, false));
    expect(await pass(dir, true, true)).toEqual(fast);
    // The repeated identical row is kept once; numbers are the firms' input order.
    expect(fast.supplies).toBe(4);
    expect(fast.files![1].split('\n')[0]).toBe('0,1,2024,10,2024,"bolts"');
    expect(fast.files![1]).toContain('2,0,2025,7,2025,"gears"');
  });

  it('reports a bad row in the fast path with the same row, line, field and reason as the row path', async () => {
    const dir = files('invalid', [
      'a,b,10,2024,bolts',
      'a,zz,1,2024,', // unknown buyer
      'b,b,1,2024,', // self-supply
      'a,b,11,2024,bolts', // duplicate with different data
      'a,c,abc,2024,', // not a number
      'a,c,-2,1800,', // not positive, year out of range
      'bad id,c,3,,', // id pattern
      'c,a,2,2024,"x, y"',
    ]);
    const fast = await pass(dir, true);
    expect(fast).toEqual(await pass(dir, false));
    expect(fast.count).toBe(7);
    expect(fast.issues).toContainEqual({ section: 'supplies', index: 1, line: 3, id: 'a→zz', field: 'buyer', reason: 'unknown firm "zz"' });
    expect(fast.issues?.map((i) => [i.index, i.line, i.field])).toEqual([[1, 3, 'buyer'], [2, 4, 'buyer'], [3, 5, 'value'], [4, 6, 'value'], [5, 7, 'value'], [5, 7, 'year'], [6, 8, 'supplier']]);
  });
});

describe('writeImporterInput: firm rows checked in a worker', () => {
  it('reports bad firm rows, duplicates and a broken file as the row path does', async () => {
    const dir = path.join(root, 'firm-problems');
    fs.mkdirSync(dir);
    const firms = [
      'id,name,tier,sector,region,revenue,employees,history',
      'a,Alpha,sme,25,Busan,1000,10,',
      'b,Beta,nonsense,25,Busan,-5,10,', // two schema problems
      'a,Alpha,sme,25,Busan,1000,10,', // an identical repeat: dropped, no problem
      'a,Alpha 2,sme,25,Busan,1000,10,', // same id, other data
      'bad id,X,sme,25,Busan,1,1,"[{""year"":1800,""revenue"":1,""employees"":1}]"',
    ];
    fs.writeFileSync(path.join(dir, 'firms.csv'), firms.join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'supplies.csv'), 'supplier,buyer,value\n');
    const inWorker = await pass(dir, true, true);
    expect(inWorker).toEqual(await pass(dir, false));
    expect(inWorker.issues?.map((i) => [i.index, i.line, i.id, i.field])).toEqual([
      [1, 3, 'b', 'tier'], [1, 3, 'b', 'revenue'], [3, 5, 'a', 'id'], [4, 6, 'bad id', 'id'], [4, 6, 'bad id', 'history.0.year'],
    ]);
    fs.writeFileSync(path.join(dir, 'firms.csv'), firms.slice(0, 2).join('\n') + '\n"a,b\n');
    expect(await pass(dir, true, true)).toEqual(await pass(dir, false));
    expect((await pass(dir, true, true)).issues?.[0]).toMatchObject({ section: 'firms', index: -1, line: 3, field: '(row)' });
  });
});
