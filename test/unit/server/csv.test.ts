import { describe, expect, it } from 'vitest';
import { csvRows } from '../../../server/services/import/csv.ts';
import { InputFormatError } from '../../../server/services/import/rows.ts';

async function parse(text: string) {
  const rows = [];
  for await (const batch of csvRows(text, 'test.csv')) for (const row of batch) rows.push({ line: row.line, values: row.values });
  return rows;
}

describe('CSV import parsing', () => {
  it('handles quotes, doubled quotes, embedded newlines, CRLF and a BOM, keeping the line each record starts on', async () => {
    const text = '\ufeffid,name,history\r\na,"Kim, ""Lee"" & Co",\r\nb,"two\nlines","[{""year"":2024,""revenue"":5,""employees"":2}]"\r\nc,x,\r\n';
    const rows = await parse(text);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(rows[0].values).toEqual({ id: 'a', name: 'Kim, "Lee" & Co' });
    expect(rows[1]).toEqual({ line: 3, values: { id: 'b', name: 'two\nlines', history: [{ year: 2024, revenue: 5, employees: 2 }] } });
  });
  it('types numeric columns, leaves bad numbers as text for validation, treats empty as absent', async () => {
    const rows = await parse('id,revenue,employees,value\nx,12.5,,abc\n');
    expect(rows[0].values).toEqual({ id: 'x', revenue: 12.5, value: 'abc' });
  });
  it('reports a row with the wrong number of cells, and an unterminated quote, by line', async () => {
    await expect(parse('a,b\n1,2\n3\n')).rejects.toThrow(InputFormatError);
    await expect(parse('a,b\n1,2\n3\n')).rejects.toMatchObject({ line: 3 });
    await expect(parse('a,b\n"1,2\n')).rejects.toThrow(/unterminated/);
  });
});
