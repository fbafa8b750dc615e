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

/** One batch of a CSV file's data records: cells as read, each record as long as the header. */
export interface CsvBatch {
  header: string[];
  records: CsvRecord[];
  /** Share of the file read so far, when its size is known. */
  fraction?: number;
}

/**
 * The data records of one CSV file (a stream or, for the HTTP route, its text), in batches, after its
 * header; each keeps the line it starts on. Blank lines arrive as one empty cell and are skipped.
 */
export async function* csvRecords(input: Readable | string, file: string, size?: number): AsyncGenerator<CsvBatch> {
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
    for await (const batch of recordBatches(text())) {
      const records: CsvRecord[] = [];
      for (const record of batch) {
        const { cells } = record;
        if (cells.length === 1 && cells[0] === '') continue;
        if (!header) {
          header = cells.map((h) => h.trim());
          continue;
        }
        if (cells.length !== header.length) {
          throw new InputFormatError(file, record.line, `has ${cells.length} cells but the header has ${header.length}`);
        }
        records.push(record);
      }
      if (header) yield { header, records, fraction: size ? Math.min(1, read / size) : undefined };
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new InputFormatError(file, error.line, error.message);
    throw error;
  } finally {
    source.destroy();
  }
}

/** A record's cells as the row the zod schemas check: typed by column, an empty cell left out. */
export function rowValues(header: string[], cells: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (let c = 0; c < header.length; c++) {
    if (cells[c] !== '') values[header[c]] = typed(header[c], cells[c]);
  }
  return values;
}

/** The rows of one CSV file, in batches, each with the line it starts on. */
export async function* csvRows(input: Readable | string, file: string, size?: number): AsyncGenerator<InputRow[]> {
  for await (const { header, records, fraction } of csvRecords(input, file, size)) {
    const rows: InputRow[] = records.map(({ cells, line }) => ({ line, values: rowValues(header, cells) }));
    if (size && rows.length > 0) rows[rows.length - 1].fraction = fraction;
    yield rows;
  }
}
