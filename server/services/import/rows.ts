/**
 * Where an import's rows come from. A source opens each section as a stream of rows, and can open it
 * again: a merge reads its input twice (validate, then write) rather than hold it in memory.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { csvRecords, csvRows, type CsvBatch } from './csv.ts';

export interface InputRow {
  /** Line in the input file, when it has lines. */
  line?: number;
  values: unknown;
  /** Share of the file read so far, when its size is known. */
  fraction?: number;
}

/** Each section is read in batches of rows: one await per batch keeps the per-row cost down. */
export interface ImportSource {
  firms(): AsyncIterable<InputRow[]>;
  supplies(): AsyncIterable<InputRow[]>;
  /** The same sections as CSV records, when both are CSV files (for passes that check cells directly). */
  csv?: { firmsFile: string; firms(): AsyncIterable<CsvBatch>; supplies(): AsyncIterable<CsvBatch> };
}

/** A file that cannot be read as rows at all (a broken quote, a line that is not JSON). */
export class InputFormatError extends Error {
  constructor(readonly file: string, readonly line: number, readonly reason: string) {
    super(`${file} line ${line} ${reason}`);
  }
}

/** Arrays already in memory (a JSON request body, the seed). */
export function sourceFromArrays(data: { firms: unknown[]; supplies: unknown[] }): ImportSource {
  const rows = async function* (items: unknown[]): AsyncGenerator<InputRow[]> {
    for (let i = 0; i < items.length; i += 2_000) yield items.slice(i, i + 2_000).map((values) => ({ values }));
  };
  return { firms: () => rows(data.firms), supplies: () => rows(data.supplies) };
}

/** The text of two CSV files (the HTTP route's CSV form). */
export function sourceFromCsvText(firms: string, supplies: string): ImportSource {
  return { firms: () => csvRows(firms, 'firms.csv'), supplies: () => csvRows(supplies, 'supplies.csv') };
}

/** One JSON object per line; blank lines are skipped. */
async function* ndjsonRows(file: string): AsyncGenerator<InputRow[]> {
  const size = fs.statSync(file).size;
  const lines = readline.createInterface({ input: fs.createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let line = 0;
  let read = 0;
  let batch: InputRow[] = [];
  for await (const text of lines) {
    line++;
    read += text.length + 1;
    if (text.trim() === '') continue;
    let values: unknown;
    try {
      values = JSON.parse(text);
    } catch {
      lines.close();
      throw new InputFormatError(file, line, 'is not a JSON object');
    }
    batch.push({ line, values });
    if (batch.length >= 2_000) {
      batch[batch.length - 1].fraction = Math.min(1, read / size);
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Two files read as streams: CSV, or NDJSON when the name ends in .ndjson or .jsonl. 1 MiB reads: on a
 * busy machine each read costs a scheduling delay, so fewer, larger ones are faster.
 */
export function sourceFromFiles(firmsFile: string, suppliesFile: string): ImportSource {
  const ndjson = (file: string) => /\.(ndjson|jsonl)$/i.test(file);
  const stream = (file: string) => fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const open = (file: string) => (ndjson(file) ? ndjsonRows(file) : csvRows(stream(file), file, fs.statSync(file).size));
  const source: ImportSource = { firms: () => open(firmsFile), supplies: () => open(suppliesFile) };
  if (!ndjson(firmsFile) && !ndjson(suppliesFile)) {
    const records = (file: string) => csvRecords(stream(file), file, fs.statSync(file).size);
    source.csv = { firmsFile, firms: () => records(firmsFile), supplies: () => records(suppliesFile) };
  }
  return source;
}
