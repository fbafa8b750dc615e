/**
 * The offline replace's first pass (docs/SCALING.md, "Offline importer"): one streaming validation pass,
 * exactly the Cypher path's (same rules, report and problems), which also writes the importer's input
 * into a directory: firms numbered in input order, with exactly the properties firmToNode gives plus
 * `gen`, and supplies between those numbers with the properties import/stage-supplies stores. Every
 * number is a double, as the Bolt driver sends them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImporterInput } from '../../db/offlineStore.ts';
import type { Firm } from '../../domain/firm.ts';
import { EmptyReplaceError, ImportValidationError, rowsOf, type ImportProgress } from '../importService.ts';
import { firmToNode } from './firmRecord.ts';
import { rowValues, type CsvBatch } from './csv.ts';
import { InputFormatError, type ImportSource } from './rows.ts';
import { SupplyCellReader } from './supplyCells.ts';
import { DatasetValidator, MAX_FIRMS } from './validate.ts';
import { WriteMismatchError } from './write.ts';

const STRING = new Set(['id', 'name', 'tier', 'sector', 'region', 'nameLower', 'searchText', 'historyJson', 'nameKo', 'brn', 'district']);
/** The firm node's properties in column order (firmToNode's keys), then the generation. */
const FIRM_KEYS = Object.keys(firmToNode({ id: 'x', name: 'x', tier: 'sme', sector: '10', region: 'x', revenue: 1, employees: 0 }));
const FIRM_STRING = FIRM_KEYS.map((k) => STRING.has(k));
const FIRMS_HEADER = [':ID', ...FIRM_KEYS.map((k) => (STRING.has(k) ? k : `${k}:double`)), 'gen:double'].join(',');
const SUPPLIES_HEADER = ':START_ID,:END_ID,yearKey:double,value:double,year:double,product';

/** Lines appended to a file in large synchronous writes (one syscall per few MB, not per row). */
class LineFile {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w', 0o600);
  }
  add(line: string): void {
    this.parts.push(line);
    this.size += line.length;
    if (this.size > 4 << 20) this.flush();
  }
  private flush(): void {
    if (this.parts.length > 0) fs.writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

/** The valid supplies of one batch, field by field in reused arrays, until they are written. */
class AcceptedSupplies {
  count = 0;
  pairs: number[] = [];
  values: number[] = [];
  years: (number | undefined)[] = [];
  products: (string | undefined)[] = [];
  add(pair: number, value: number, year: number | undefined, product: string | undefined): void {
    const i = this.count++;
    this.pairs[i] = pair;
    this.values[i] = value;
    this.years[i] = year;
    this.products[i] = product;
  }
}

/** CSV batches with rowsOf's progress, and its 422 for a file that cannot be read as rows. */
async function* recordsOf(section: 'firms' | 'supplies', batches: AsyncIterable<CsvBatch>, progress: (p: ImportProgress) => void): AsyncGenerator<CsvBatch> {
  let n = 0;
  try {
    for await (const batch of batches) {
      n += batch.records.length;
      progress({ stage: section, rows: n, fraction: batch.fraction });
      yield batch;
    }
    progress({ stage: section, rows: n, fraction: 1 });
  } catch (error) {
    if (error instanceof InputFormatError) {
      throw new ImportValidationError([{ section, index: -1, line: error.line, field: '(row)', reason: error.message }], 1);
    }
    throw error;
  }
}

export interface ImporterInputOptions {
  /** The generation every firm node carries. */
  generation: number;
  allowEmpty?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

export interface WrittenInput {
  input: ImporterInput;
  /** The validator after `finish()`, with no problem found: its counts make the report. */
  validator: DatasetValidator;
  firms: number;
  supplies: number;
  /** The part of the pass spent writing the importer's input. */
  convertMs: number;
}

/**
 * Validates `source` and writes the importer's input into `dir`. Throws ImportValidationError (the 422's
 * problems) or EmptyReplaceError; the files are then the caller's to remove.
 */
export async function writeImporterInput(source: ImportSource, dir: string, options: ImporterInputOptions): Promise<WrittenInput> {
  const { generation } = options;
  const progress = options.onProgress ?? (() => {});
  let multiline = false;
  // Strings are always quoted ("" inside); line breaks inside one need the importer's slower parser.
  const text = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    if (!multiline && (s.includes('\n') || s.includes('\r'))) multiline = true;
    return s.includes('"') ? `"${s.replaceAll('"', '""')}"` : `"${s}"`;
  };
  const num = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const file = (name: string, header: string) => {
    fs.writeFileSync(path.join(dir, `${name}-header.csv`), header + '\n');
    return new LineFile(path.join(dir, `${name}.csv`));
  };
  const firmsOut = file('firms', FIRMS_HEADER);
  const suppliesOut = file('supplies', SUPPLIES_HEADER);
  const validator = new DatasetValidator();
  let firmCount = 0;
  let supplyCount = 0;
  let convertMs = 0;
  const firmLine = (firm: Firm) => {
    const node = firmToNode(firm);
    const cells = [String(firmCount++)];
    for (let k = 0; k < FIRM_KEYS.length; k++) cells.push(FIRM_STRING[k] ? text(node[FIRM_KEYS[k]]) : num(node[FIRM_KEYS[k]]));
    cells.push(String(generation));
    return cells.join(',') + '\n';
  };
  const supplyLine = (supplier: number, buyer: number, value: number, year: number | undefined, product: string | undefined) =>
    `${supplier},${buyer},${year ?? 0},${value},${num(year)},${text(product)}\n`;
  // The time spent writing lines is kept apart: it is what handing the input over unconverted would save.
  const writeFirms = (valid: Firm[]) => {
    const t = performance.now();
    for (const firm of valid) firmsOut.add(firmLine(firm));
    convertMs += performance.now() - t;
  };
  const writeSupplies = (valid: AcceptedSupplies) => {
    const t = performance.now();
    for (let i = 0; i < valid.count; i++) {
      const supplier = Math.floor(valid.pairs[i] / MAX_FIRMS);
      const buyer = valid.pairs[i] - supplier * MAX_FIRMS;
      if (supplier >= firmCount || buyer >= firmCount) throw new WriteMismatchError(`supply ${validator.ids[supplier]}→${validator.ids[buyer]} names a firm that was not staged`);
      suppliesOut.add(supplyLine(supplier, buyer, valid.values[i], valid.years[i], valid.products[i]));
    }
    supplyCount += valid.count;
    valid.count = 0;
    convertMs += performance.now() - t;
  };
  const accepted = new AcceptedSupplies();
  try {
    if (source.csv) {
      for await (const { header, records } of recordsOf('firms', source.csv.firms(), progress)) {
        const valid: Firm[] = [];
        for (const { cells, line } of records) {
          const firm = validator.addFirm(rowValues(header, cells), line);
          if (firm && validator.ok) valid.push(firm);
        }
        writeFirms(valid);
      }
    } else {
      for await (const rows of rowsOf('firms', source.firms(), progress)) {
        const valid: Firm[] = [];
        for (const row of rows) {
          const firm = validator.addFirm(row.values, row.line);
          if (firm && validator.ok) valid.push(firm);
        }
        writeFirms(valid);
      }
    }
    if (validator.firmsReceived === 0 && !options.allowEmpty) throw new EmptyReplaceError();
    if (source.csv) {
      // A record that meets the schema on its cells skips the row object and zod; any other takes the row path.
      let reader: SupplyCellReader | null | undefined;
      for await (const { header, records } of recordsOf('supplies', source.csv.supplies(), progress)) {
        if (reader === undefined) reader = SupplyCellReader.forHeader(header);
        for (const { cells, line } of records) {
          if (reader?.read(cells)) {
            const pair = validator.addParsedSupply(reader.supplier, reader.buyer, reader.value, reader.year, reader.product, line);
            if (pair >= 0 && validator.ok) accepted.add(pair, reader.value, reader.year, reader.product);
          } else {
            const numbered = validator.addSupply(rowValues(header, cells), line);
            if (numbered && validator.ok) accepted.add(numbered.supplier * MAX_FIRMS + numbered.buyer, numbered.supply.value, numbered.supply.year, numbered.supply.product);
          }
        }
        writeSupplies(accepted);
      }
    } else {
      for await (const rows of rowsOf('supplies', source.supplies(), progress)) {
        for (const row of rows) {
          const numbered = validator.addSupply(row.values, row.line);
          if (numbered && validator.ok) accepted.add(numbered.supplier * MAX_FIRMS + numbered.buyer, numbered.supply.value, numbered.supply.year, numbered.supply.product);
        }
        writeSupplies(accepted);
      }
    }
  } finally {
    const t = performance.now();
    firmsOut.close();
    suppliesOut.close();
    convertMs += performance.now() - t;
  }
  progress({ stage: 'validate', rows: validator.suppliesReceived });
  validator.finish();
  if (!validator.ok) throw new ImportValidationError(validator.issueList, validator.issueCount);
  return {
    input: {
      firms: [path.join(dir, 'firms-header.csv'), path.join(dir, 'firms.csv')],
      supplies: [path.join(dir, 'supplies-header.csv'), path.join(dir, 'supplies.csv')],
      multiline,
    },
    validator,
    firms: firmCount,
    supplies: supplyCount,
    convertMs,
  };
}
