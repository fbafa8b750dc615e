/**
 * CSV input for imports, read as a stream by csv-parse: RFC 4180 (quoted fields, doubled quotes, CRLF or
 * LF, a BOM), a header row naming the Firm or Supply fields. Cells are typed by column so that zod
 * reports "expected number" for "abc"; an empty cell means the field is absent. `history` is a JSON array
 * in one cell. Each row keeps the line it starts on, for the report.
 */
import { Readable } from 'node:stream';
import { parse, CsvError as ParserError } from 'csv-parse';
import { InputFormatError, type InputRow } from './rows.ts';

const NUMERIC = new Set([
  'revenue', 'employees', 'valueAddedRatio', 'wageShare', 'founded', 'exportShare', 'rdIntensity', 'patents',
  'certifications', 'axLevel', 'cohort', 'value', 'year',
]);
const JSON_COLUMNS = new Set(['history']);
const BATCH = 2_000;

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

/** Records in batches: one await per batch instead of one per record. */
async function* recordBatches(parser: Readable): AsyncGenerator<string[][]> {
  let failure: Error | null = null;
  let ended = false;
  parser.on('error', (e: Error) => (failure = e));
  parser.on('end', () => (ended = true));
  for (;;) {
    const batch: string[][] = [];
    let record: string[] | null;
    while (batch.length < BATCH && (record = parser.read() as string[] | null) !== null) batch.push(record);
    if (failure) throw failure;
    if (batch.length > 0) yield batch;
    else if (ended) return;
    else await new Promise<void>((resolve) => {
      const wake = () => {
        parser.off('readable', wake).off('end', wake).off('error', wake);
        resolve();
      };
      parser.on('readable', wake).on('end', wake).on('error', wake);
    });
  }
}

/** Text in 64 KiB pieces: csv-parse handles one huge chunk far more slowly than a stream of small ones. */
function* chunksOf(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += 65_536) yield text.slice(i, i + 65_536);
}

function newlinesIn(record: string[]): number {
  let n = 0;
  for (const cell of record) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The rows of one CSV file (a stream or, for the HTTP route, its text), in batches. csv-parse's own
 * per-record info triples the parse time, so lines are counted here: every record takes one line plus
 * the newlines inside its quoted cells (blank lines arrive as one empty cell and are skipped here).
 */
export async function* csvRows(input: Readable | string, file: string, size?: number): AsyncGenerator<InputRow[]> {
  const source = typeof input === 'string' ? Readable.from(chunksOf(input)) : input;
  let read = 0;
  if (size) source.on('data', (chunk: Buffer | string) => (read += chunk.length));
  const parser = source.pipe(parse({ bom: true, relax_column_count: true }));
  source.on('error', (e) => parser.destroy(e));
  let header: string[] | null = null;
  let line = 1;
  try {
    for await (const records of recordBatches(parser)) {
      const rows: InputRow[] = [];
      for (const record of records) {
        const start = line;
        line += 1 + newlinesIn(record);
        if (record.length === 1 && record[0] === '') continue;
        if (!header) {
          header = record.map((h) => h.trim());
          continue;
        }
        if (record.length !== header.length) {
          throw new InputFormatError(file, start, `has ${record.length} cells but the header has ${header.length}`);
        }
        const values: Record<string, unknown> = {};
        for (let c = 0; c < header.length; c++) {
          if (record[c] !== '') values[header[c]] = typed(header[c], record[c]);
        }
        rows.push({ line: start, values });
      }
      if (size && rows.length > 0) rows[rows.length - 1].fraction = Math.min(1, read / size);
      yield rows;
    }
  } catch (error) {
    if (error instanceof ParserError) {
      const reason = error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'unterminated quoted field' : error.message.replace(/^[^:]*: /, '');
      throw new InputFormatError(file, line, reason);
    }
    throw error;
  } finally {
    source.destroy();
  }
}
