/**
 * The offline replace's first pass (docs/SCALING.md, "Offline importer"): one streaming validation pass,
 * exactly the Cypher path's (same rules, report and problems), which also writes the importer's input
 * into a directory: firms numbered in input order, with exactly the properties firmToNode gives plus
 * `gen`, and supplies between those numbers with the properties import/stage-supplies stores
 * (importerLines.ts). From CSV files it takes two shortcuts that change no outcome: firm rows are checked
 * in a worker thread (firmRowsWorker.ts), and a supply record whose cells meet the schema skips the row
 * object and zod (supplyCells.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImporterInput } from '../../db/offlineStore.ts';
import type { Firm } from '../../domain/firm.ts';
import type { SnapshotFirm } from '../../analytics/snapshot.ts';
import { snapshotFirmOf } from './snapshotFirm.ts';
import { EmptyReplaceError, ImportValidationError, rowsOf, sectionOf, type ImportProgress } from '../importService.ts';
import { checkedFirmRows } from './firmRowsWorker.ts';
import { FIRMS_HEADER, SUPPLIES_HEADER, firmCells, hasLineBreak, supplyLine } from './importerLines.ts';
import { rowValues, type CsvBatch } from './csv.ts';
import type { ImportSource } from './rows.ts';
import { SupplyCellReader } from './supplyCells.ts';
import { DatasetValidator, MAX_FIRMS } from './validate.ts';
import { WriteMismatchError } from './write.ts';

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

export interface ImporterInputOptions {
  /** The generation every firm node carries. */
  generation: number;
  allowEmpty?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** CSV firm rows are checked in a worker thread (firmRowsWorker.ts) unless this is false. */
  firmWorker?: boolean;
  /** Each firm written, in input order (its number is its position): the import's snapshot file is built from them. */
  onFirm?: (firm: SnapshotFirm) => void;
  /** Each supply written, in input order, between the numbers of its firms. */
  onSupply?: (supplier: number, buyer: number, value: number, year: number | undefined) => void;
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
  const { generation, onFirm, onSupply } = options;
  const progress = options.onProgress ?? (() => {});
  let multiline = false;
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
    const cells = firmCells(firm);
    if (!multiline && hasLineBreak(cells)) multiline = true;
    return `${firmCount++},${cells},${generation}\n`;
  };
  // The time spent writing lines is kept apart: it is what handing the input over unconverted would save.
  const writeFirms = (valid: Firm[]) => {
    const t = performance.now();
    for (const firm of valid) {
      firmsOut.add(firmLine(firm));
      onFirm?.(snapshotFirmOf(firm));
    }
    convertMs += performance.now() - t;
  };
  const writeSupplies = (valid: AcceptedSupplies) => {
    const t = performance.now();
    for (let i = 0; i < valid.count; i++) {
      const supplier = Math.floor(valid.pairs[i] / MAX_FIRMS);
      const buyer = valid.pairs[i] - supplier * MAX_FIRMS;
      if (supplier >= firmCount || buyer >= firmCount) throw new WriteMismatchError(`supply ${validator.ids[supplier]}→${validator.ids[buyer]} names a firm that was not staged`);
      if (!multiline && hasLineBreak(valid.products[i])) multiline = true;
      suppliesOut.add(supplyLine(supplier, buyer, valid.values[i], valid.years[i], valid.products[i]));
      onSupply?.(supplier, buyer, valid.values[i], valid.years[i]);
    }
    supplyCount += valid.count;
    valid.count = 0;
    convertMs += performance.now() - t;
  };
  const accepted = new AcceptedSupplies();
  try {
    if (source.csv && options.firmWorker !== false) {
      for await (const batch of sectionOf('firms', checkedFirmRows(source.csv.firmsFile), (b) => b.rows.length, (b) => b.fraction, progress)) {
        // The worker made the cells, in parallel: nothing of it counts in convertMs.
        if (batch.multiline) multiline = true;
        for (const row of batch.rows) {
          if ('problems' in row) validator.addFirmProblems(row.rawId, row.problems, row.line);
          else if (validator.addCheckedFirm(row.firm, row.hash, row.line) && validator.ok) {
            firmsOut.add(`${firmCount++},${row.cells},${generation}\n`);
            onFirm?.(row.snapshot);
          }
        }
      }
    } else if (source.csv) {
      for await (const { header, records } of sectionOf('firms', source.csv.firms(), (b) => b.records.length, (b) => b.fraction, progress)) {
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
      for await (const { header, records } of sectionOf('supplies', source.csv.supplies(), (b) => b.records.length, (b) => b.fraction, progress)) {
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
