import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, parseCsvRecords } from '../../../server/services/import/csv.ts';

describe('CSV import parsing', () => {
  it('handles quotes, doubled quotes, embedded newlines, CRLF and a BOM, keeping record lines', () => {
    const text = '\ufeffid,name,history\r\na,"Kim, ""Lee"" & Co",\r\nb,"two\nlines","[{""year"":2024,""revenue"":5,""employees"":2}]"\r\n';
    const records = parseCsvRecords(text);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
    const rows = parseCsv(text);
    expect(rows[0].values).toEqual({ id: 'a', name: 'Kim, "Lee" & Co' });
    expect(rows[1]).toEqual({ line: 3, values: { id: 'b', name: 'two\nlines', history: [{ year: 2024, revenue: 5, employees: 2 }] } });
  });
  it('types numeric columns, leaves bad numbers as text for validation, treats empty as absent', () => {
    const rows = parseCsv('id,revenue,employees,value\nx,12.5,,abc\n');
    expect(rows[0].values).toEqual({ id: 'x', revenue: 12.5, value: 'abc' });
  });
  it('reports a row with the wrong number of cells, and an unterminated quote, by line', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n')).toThrow(CsvError);
    try {
      parseCsv('a,b\n1,2\n3\n');
    } catch (e) {
      expect((e as CsvError).line).toBe(3);
    }
    expect(() => parseCsv('a,b\n"1,2\n')).toThrow(/unterminated/);
  });
});
