/**
 * CSV input for imports: RFC 4180 (quoted fields, doubled quotes, CRLF or LF), a header row naming the
 * Firm or Supply fields. Cells are typed by column so that zod reports "expected number" for "abc";
 * an empty cell means the field is absent. `history` is a JSON array in one cell.
 */
export interface CsvRow {
  line: number;
  values: Record<string, unknown>;
}

const NUMERIC = new Set([
  'revenue', 'employees', 'valueAddedRatio', 'wageShare', 'founded', 'exportShare', 'rdIntensity', 'patents',
  'certifications', 'axLevel', 'cohort', 'value', 'year',
]);
const JSON_COLUMNS = new Set(['history']);

export class CsvError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/** Splits CSV text into records of raw strings, with the line each record starts on. */
export function parseCsvRecords(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.length > 1 || cells[0] !== '') records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line++;
      recordLine = line;
    } else {
      cell += c;
    }
  }
  if (quoted) throw new CsvError(recordLine, 'unterminated quoted field');
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push({ line: recordLine, cells });
  }
  return records;
}

function typed(column: string, raw: string): unknown {
  if (NUMERIC.has(column)) {
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
  }
  if (JSON_COLUMNS.has(column)) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

export function parseCsv(text: string): CsvRow[] {
  const records = parseCsvRecords(text);
  if (records.length === 0) return [];
  const header = records[0].cells.map((h) => h.trim());
  const rows: CsvRow[] = [];
  for (const record of records.slice(1)) {
    if (record.cells.length !== header.length) {
      throw new CsvError(record.line, `has ${record.cells.length} cells but the header has ${header.length}`);
    }
    const values: Record<string, unknown> = {};
    header.forEach((column, c) => {
      const raw = record.cells[c];
      if (raw !== '') values[column] = typed(column, raw);
    });
    rows.push({ line: record.line, values });
  }
  return rows;
}
