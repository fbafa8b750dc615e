/**
 * Test helper: an RFC 4180 reader, and typed records from CSV rows by the zod schemas (empty cell = absent;
 * numbers for number fields; JSON for arrays) — the reading the importer is meant to do.
 */
import { z } from 'zod';

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

function cellValue(schema: z.ZodType, text: string): unknown {
  if (text === '') return undefined;
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  if (inner instanceof z.ZodNumber) return Number(text);
  if (inner instanceof z.ZodArray || inner instanceof z.ZodObject) return JSON.parse(text);
  return text;
}

/** Records from a CSV whose header row names fields of `schema`; absent cells leave the key out. */
export function recordsFromCsv(text: string, schema: z.ZodObject): Record<string, unknown>[] {
  const [header, ...rows] = parseCsv(text);
  const shape = schema.shape as Record<string, z.ZodType>;
  return rows.map((cells) => {
    const record: Record<string, unknown> = {};
    header.forEach((field, k) => {
      const v = cellValue(shape[field], cells[k]);
      if (v !== undefined) record[field] = v;
    });
    return record;
  });
}
