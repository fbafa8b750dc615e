/**
 * The import use case, shared by POST /api/import and the CLI: rows stream in (JSON arrays, CSV or NDJSON),
 * are validated in one pass with bounded memory, and are written so that they become visible all at once
 * or not at all (see import/write.ts). One import runs at a time in a process; across processes, a later
 * replace supersedes an earlier one still staging, and merges serialise on the data version.
 */
import { Firm, Supply } from '../domain/firm.ts';
import type { Database } from '../db/database.ts';
import { cypher } from '../db/cypher.ts';
import { InputFormatError, sourceFromArrays, type ImportSource, type InputRow } from './import/rows.ts';
import { DatasetValidator, type ImportIssue, type RawDataset } from './import/validate.ts';
import { MergeWriter, StagedGeneration, removeStaleGenerations, type ImportMode } from './import/write.ts';

export type { ImportMode } from './import/write.ts';

export class ImportValidationError extends Error {
  constructor(readonly issues: ImportIssue[], readonly issueCount: number) {
    super(`The import has ${issueCount} problem${issueCount === 1 ? '' : 's'}; nothing was written.`);
  }
}

/** A replace without firms would empty the network; it has to be asked for (allowEmpty). */
export class EmptyReplaceError extends Error {
  constructor() {
    super('A replace without firms deletes the whole network.');
  }
}

export class ImportBusyError extends Error {
  constructor() {
    super('Another import is running; try again when it has finished.');
  }
}

export interface ImportProgress {
  /** importer, indexing, swap: the offline replace's stages after the validation pass (import/offlineReplace.ts). */
  stage: 'read-existing' | 'firms' | 'supplies' | 'validate' | 'write' | 'publish' | 'cleanup' | 'importer' | 'indexing' | 'swap';
  /** Rows read (or written, or deleted) so far in this stage. */
  rows: number;
  /** Share of the stage's input read, when its size is known (files). */
  fraction?: number;
}

export interface ImportOptions {
  mode: ImportMode;
  dryRun: boolean;
  /** Lets a replace without firms through (it empties the network); refused otherwise. */
  allowEmpty?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportReport {
  mode: ImportMode;
  dryRun: boolean;
  firms: { received: number; valid: number };
  supplies: { received: number; valid: number };
  /** `deleted`: what a replace took the place of (removed in the background once the new data is served). */
  written: { firms: number; supplies: number; deleted: { firms: number; supplies: number } } | null;
  dataVersion: number | null;
  durationMs: number;
}

/**
 * Batches of one section, with progress after every batch and the section's 422 for a file that cannot be
 * read as rows. `size` counts a batch's rows and `fraction` gives the share of the file read.
 */
export async function* sectionOf<T>(
  section: 'firms' | 'supplies',
  batches: AsyncIterable<T>,
  size: (batch: T) => number,
  fraction: (batch: T) => number | undefined,
  progress: (p: ImportProgress) => void,
): AsyncGenerator<T> {
  let n = 0;
  try {
    for await (const batch of batches) {
      n += size(batch);
      progress({ stage: section, rows: n, fraction: fraction(batch) });
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

/** Batches of rows, the last of each carrying the share of the file read. */
export function rowsOf(section: 'firms' | 'supplies', batches: AsyncIterable<InputRow[]>, progress: (p: ImportProgress) => void): AsyncGenerator<InputRow[]> {
  return sectionOf(section, batches, (rows) => rows.length, (rows) => rows.at(-1)?.fraction, progress);
}

export class ImportService {
  private running = false;
  private cleanup: Promise<unknown> = Promise.resolve();
  /** Called after every successful write, e.g. to recompute the metrics. */
  onWritten: (dataVersion: number) => void = () => {};

  constructor(private readonly db: Database) {}

  /** Removes stale generations in the background (after a replace, and at start). */
  removeStale(onBatch?: (deleted: number) => void): Promise<unknown> {
    this.cleanup = this.cleanup.then(() => removeStaleGenerations(this.db, onBatch)).catch(() => {});
    return this.cleanup;
  }

  /** Resolves when no background removal is under way (the CLI waits for it before exiting). */
  idle(): Promise<unknown> {
    return this.cleanup;
  }

  async import(input: ImportSource | RawDataset, options: ImportOptions): Promise<ImportReport> {
    if (this.running) throw new ImportBusyError();
    this.running = true;
    const started = performance.now();
    const progress = options.onProgress ?? (() => {});
    const source = 'firms' in input && Array.isArray(input.firms) ? sourceFromArrays(input as RawDataset) : (input as ImportSource);
    const validator = new DatasetValidator();
    let staged: StagedGeneration | null = null;
    try {
      let expectedVersion: number | undefined;
      if (options.mode === 'merge') expectedVersion = await this.readExisting(validator, progress);
      const previous = options.mode === 'replace' && !options.dryRun ? await this.counts() : null;
      if (options.mode === 'replace' && !options.dryRun) staged = await StagedGeneration.begin(this.db);
      // Replace writes while it validates (the rows are invisible until published); it stops writing at
      // the first problem and goes on validating, so the report lists them all.
      for await (const rows of rowsOf('firms', source.firms(), progress)) {
        for (const row of rows) {
          const firm = validator.addFirm(row.values, row.line);
          if (firm && staged && validator.ok) await staged.addFirm(firm);
        }
      }
      // Known only once the firms are read (a stream); the staged rows are abandoned below.
      if (options.mode === 'replace' && validator.firmsReceived === 0 && !options.allowEmpty) throw new EmptyReplaceError();
      for await (const rows of rowsOf('supplies', source.supplies(), progress)) {
        for (const row of rows) {
          const numbered = validator.addSupply(row.values, row.line);
          if (numbered && staged && validator.ok) await staged.addSupply(numbered.supply, numbered.supplier, numbered.buyer);
        }
      }
      progress({ stage: 'validate', rows: validator.suppliesReceived });
      validator.finish();
      if (!validator.ok) throw new ImportValidationError(validator.issueList, validator.issueCount);
      const report: ImportReport = {
        mode: options.mode,
        dryRun: options.dryRun,
        firms: { received: validator.firmsReceived, valid: validator.firmsValid },
        supplies: { received: validator.suppliesReceived, valid: validator.suppliesValid },
        written: null,
        dataVersion: null,
        durationMs: 0,
      };
      if (!options.dryRun) {
        if (staged) {
          progress({ stage: 'publish', rows: validator.suppliesValid });
          report.dataVersion = await staged.publish();
          report.written = { ...staged.written, deleted: previous ?? { firms: 0, supplies: 0 } };
          staged = null;
          this.removeStale((n) => progress({ stage: 'cleanup', rows: n }));
        } else {
          const written = await this.merge(source, expectedVersion, progress);
          report.written = { firms: written.firms, supplies: written.supplies, deleted: { firms: 0, supplies: 0 } };
          report.dataVersion = written.dataVersion;
        }
        this.onWritten(report.dataVersion);
      }
      report.durationMs = Math.round(performance.now() - started);
      return report;
    } finally {
      if (staged) {
        await staged.abandon().catch(() => {});
        this.removeStale();
      }
      this.running = false;
    }
  }

  private async counts(): Promise<{ firms: number; supplies: number }> {
    const [row] = await this.db.read<{ firms: number; supplies: number }>('health/counts');
    return row;
  }

  /** What a merge is validated against, and the data version it was read at, in one read transaction. */
  private async readExisting(validator: DatasetValidator, progress: (p: ImportProgress) => void): Promise<number> {
    progress({ stage: 'read-existing', rows: 0 });
    return this.db.readTx(async (tx) => {
      const [version] = (await tx.run(cypher('meta/data-version'))).records;
      let n = 0;
      for await (const r of tx.run(cypher('import/existing-firms'))) {
        validator.addExistingFirm(r.get('id'), r.get('revenue'), { sector: r.get('sector'), valueAddedRatio: r.get('valueAddedRatio') ?? undefined, wageShare: r.get('wageShare') ?? undefined });
      }
      for await (const r of tx.run(cypher('import/existing-flows'))) {
        validator.addExistingFlow({ supplier: r.get('supplier'), buyer: r.get('buyer'), value: r.get('value'), year: r.get('year') ?? undefined });
        if (++n % 100_000 === 0) progress({ stage: 'read-existing', rows: n });
      }
      return version.get('version') as number;
    }, 600_000);
  }

  /** The merge's write pass: the input read again (it was valid) into one transaction. */
  private async merge(source: ImportSource, expectedVersion: number | undefined, progress: (p: ImportProgress) => void) {
    return this.db.streamingWrite(async (tx) => {
      const writer = new MergeWriter(tx);
      await writer.lock(expectedVersion);
      let n = 0;
      for await (const rows of source.firms()) {
        for (const row of rows) {
          await writer.addFirm(Firm.parse(row.values));
        }
        progress({ stage: 'write', rows: (n += rows.length) });
      }
      for await (const rows of source.supplies()) {
        for (const row of rows) {
          await writer.addSupply(Supply.parse(row.values));
        }
        progress({ stage: 'write', rows: (n += rows.length) });
      }
      progress({ stage: 'publish', rows: n });
      const dataVersion = await writer.finish();
      return { ...writer.written, dataVersion };
    });
  }
}
