import ExcelJS from 'exceljs';
import { parseCsv } from '../seed/csvParse.ts';
import { describe, expect, it } from 'vitest';
import { neutralise, roundCell, sheetName, toCsv, toXlsx, type ExportTable } from '../../../client/src/exports/tabular.ts';

const table: ExportTable = {
  title: 'Supply tiers: Halla IMS',
  meta: [
    ['Data version', '7'],
    ['Date', '2026-12-01'],
  ],
  columns: [{ label: 'Firm' }, { label: 'District' }, { label: 'Revenue (KRW million)', numeric: true, digits: 0 }, { label: 'Share (%)', numeric: true, digits: 1 }],
  rows: [
    ['=HYPERLINK("http://x")', 'Gangseo-gu', 12345.678, 12.3456],
    ['+cmd', '-1+1', -0.0001, null],
    ['@SUM(A1)', '\tTab', Number.NaN, 3],
    ['대양전기공업, "주"', '\rCR', 7, 0.05],
  ],
};

describe('neutralise (CSV injection)', () => {
  it('prefixes an apostrophe to text that starts with = + - @ tab or CR, and leaves other text alone', () => {
    for (const s of ['=1+1', '+1', '-1', '@x', '\tx', '\rx']) expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ['Halla IMS', '1-2', 'a=b', '']) expect(neutralise(s)).toBe(s);
  });
  it('rounds numbers to the column and never writes -0 or NaN', () => {
    expect(roundCell(12.3456, 1)).toBe(12.3);
    expect(roundCell(-0.0001, 0)).toBe(0);
    expect(roundCell(Number.NaN, 2)).toBeNull();
    expect(roundCell(-3, 0)).toBe(-3);
  });
  it('makes sheet names Excel accepts', () => {
    expect(sheetName('Ripple: A/B [2026]?')).toBe('Ripple  A B  2026');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
  });
});

describe('toCsv', () => {
  it('writes a BOM, the metadata block, a blank line, the header and the neutralised, rounded rows', () => {
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(['Supply tiers: Halla IMS']);
    expect(rows[1]).toEqual(['Data version', '7']);
    expect(rows[3]).toEqual(['']);
    expect(rows[4]).toEqual(['Firm', 'District', 'Revenue (KRW million)', 'Share (%)']);
    expect(rows[5]).toEqual([`'=HYPERLINK("http://x")`, 'Gangseo-gu', '12346', '12.3']);
    expect(rows[6]).toEqual([`'+cmd`, `'-1+1`, '0', '']);
    expect(rows[7]).toEqual([`'@SUM(A1)`, `'\tTab`, '', '3']);
    expect(rows[8]).toEqual(['대양전기공업, "주"', `'\rCR`, '7', '0.1']);
    for (const row of rows.slice(5)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('toXlsx', () => {
  it('reads back in a real XLSX reader with the same cells, numbers as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await toXlsx(table));
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Supply tiers  Halla IMS');
    expect(ws.getRow(1).getCell(1).value).toBe('Supply tiers: Halla IMS');
    expect(ws.getRow(2).values).toEqual([undefined, 'Data version', '7']);
    expect(ws.getRow(5).getCell(3).value).toBe('Revenue (KRW million)');
    expect(ws.getRow(6).getCell(1).value).toBe(`'=HYPERLINK("http://x")`);
    expect(ws.getRow(6).getCell(3).value).toBe(12346);
    expect(ws.getRow(6).getCell(4).value).toBe(12.3);
    expect(ws.getRow(7).getCell(2).value).toBe(`'-1+1`);
    expect(ws.getRow(9).getCell(1).value).toBe('대양전기공업, "주"');
  });
});
