/**
 * CSV input for imports, read as a stream (split by CsvSplitter): RFC 4180 (quoted fields, doubled quotes, CRLF or
 * LF, a BOM), a header row naming the Firm or Supply fields. Cells are typed by column so that zod
 * reports "expected number" for "abc"; an empty cell means the field is absent. `history` is a JSON array
 * in one cell. Each row keeps the line it starts on, for the report.
 */
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { CsvSplitter, CsvSyntaxError, type CsvRecord } from './csvSplitter.ts';
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
async function* recordBatches(source: AsyncIterable<string>): AsyncGenerator<CsvRecord[]> {
  const splitter = new CsvSplitter();
  let batch: CsvRecord[] = [];
  for await (const text of source) {
    splitter.push(text, false, batch);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  splitter.push('', true, batch);
  if (batch.length > 0) yield batch;
}

/** Text in 64 KiB pieces, as a file stream would bring it. */
function* chunksOf(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += 65_536) yield text.slice(i, i + 65_536);
}

/**
 * The rows of one CSV file (a stream or, for the HTTP route, its text), in batches; each keeps the line
 * it starts on. Blank lines arrive as one empty cell and are skipped.
 */
export async function* csvRows(input: Readable | string, file: string, size?: number): AsyncGenerator<InputRow[]> {
  const source = typeof input === 'string' ? Readable.from(chunksOf(input)) : input;
  let read = 0;
  const decoder = new StringDecoder('utf8');
  async function* text(): AsyncGenerator<string> {
    for await (const chunk of source as AsyncIterable<Buffer | string>) {
      read += chunk.length;
      yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
    }
    yield decoder.end();
  }
  let header: string[] | null = null;
  try {
    for await (const records of recordBatches(text())) {
      const rows: InputRow[] = [];
      for (const { cells: record, line: start } of records) {
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
    if (error instanceof CsvSyntaxError) throw new InputFormatError(file, error.line, error.message);
    throw error;
  } finally {
    source.destroy();
  }
}
