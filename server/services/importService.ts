/**
 * The import use case, shared by POST /api/import and the CLI: parse (JSON or CSV), validate everything,
 * then write all or nothing. One import runs at a time.
 */
import type { Database } from '../db/database.ts';
import { cypher } from '../db/cypher.ts';
import type { CostStructureFirm, Flow } from '../domain/accounting.ts';
import { parseCsv, CsvError } from './import/csv.ts';
import { validateDataset, type ImportIssue, type RawDataset, type ExistingData } from './import/validate.ts';
import { writeDataset, type ImportMode, type WriteProgress } from './import/write.ts';

export type { ImportMode } from './import/write.ts';

export class ImportValidationError extends Error {
  constructor(readonly issues: ImportIssue[], readonly issueCount: number) {
    super(`The import has ${issueCount} problem${issueCount === 1 ? '' : 's'}; nothing was written.`);
  }
}

export class ImportBusyError extends Error {
  constructor() {
    super('Another import is running; try again when it has finished.');
  }
}

export type ImportProgress = { stage: 'validate' | 'read-existing' } | WriteProgress;

export interface ImportOptions {
  mode: ImportMode;
  dryRun: boolean;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportReport {
  mode: ImportMode;
  dryRun: boolean;
  firms: { received: number; valid: number };
  supplies: { received: number; valid: number };
  written: { firms: number; supplies: number; deleted: { firms: number; supplies: number } } | null;
  dataVersion: number | null;
  durationMs: number;
}

/** Reads two CSV texts into the raw dataset shape, keeping each row's line for the report. */
export function datasetFromCsv(firmsCsv: string, suppliesCsv: string): RawDataset {
  const wrap = (file: string, text: string) => {
    try {
      return parseCsv(text);
    } catch (error) {
      if (error instanceof CsvError) {
        throw new ImportValidationError([{ section: file === 'firms.csv' ? 'firms' : 'supplies', index: -1, line: error.line, field: '(row)', reason: `${file} line ${error.line} ${error.message}` }], 1);
      }
      throw error;
    }
  };
  const firms = wrap('firms.csv', firmsCsv);
  const supplies = wrap('supplies.csv', suppliesCsv);
  return {
    firms: firms.map((r) => r.values),
    supplies: supplies.map((r) => r.values),
    firmLines: firms.map((r) => r.line),
    supplyLines: supplies.map((r) => r.line),
  };
}

/** What a merge is validated against, and the data version it was read at, in one read transaction. */
async function readExisting(db: Database): Promise<ExistingData & { version: number }> {
  return db.readTx(async (tx) => {
    const revenue = new Map<string, number>();
    const costs = new Map<string, CostStructureFirm>();
    const flows: Flow[] = [];
    const [version] = (await tx.run(cypher('meta/data-version'))).records;
    for await (const r of tx.run(cypher('import/existing-firms'))) {
      const id = r.get('id') as string;
      revenue.set(id, r.get('revenue'));
      costs.set(id, { id, sector: r.get('sector'), revenue: r.get('revenue'), valueAddedRatio: r.get('valueAddedRatio') ?? undefined, wageShare: r.get('wageShare') ?? undefined });
    }
    for await (const r of tx.run(cypher('import/existing-flows'))) {
      flows.push({ supplier: r.get('supplier'), buyer: r.get('buyer'), value: r.get('value'), year: r.get('year') ?? undefined });
    }
    return { revenue, flows, costs, version: version.get('version') as number };
  }, 600_000);
}

export class ImportService {
  private running = false;
  /** Called after every successful write, e.g. to invalidate the analytics snapshot. */
  onWritten: (dataVersion: number) => void = () => {};

  constructor(private readonly db: Database) {}

  async import(raw: RawDataset, options: ImportOptions): Promise<ImportReport> {
    if (this.running) throw new ImportBusyError();
    this.running = true;
    const started = performance.now();
    const progress = options.onProgress ?? (() => {});
    try {
      let existing: (ExistingData & { version: number }) | undefined;
      if (options.mode === 'merge') {
        progress({ stage: 'read-existing' });
        existing = await readExisting(this.db);
      }
      progress({ stage: 'validate' });
      const result = validateDataset(raw, existing);
      if (!result.ok) throw new ImportValidationError(result.issues, result.issueCount);
      const report: ImportReport = {
        mode: options.mode,
        dryRun: options.dryRun,
        firms: { received: raw.firms.length, valid: result.firms.length },
        supplies: { received: raw.supplies.length, valid: result.supplies.length },
        written: null,
        dataVersion: null,
        durationMs: 0,
      };
      if (!options.dryRun) {
        const written = await writeDataset(this.db, result, options.mode, progress, existing?.version);
        report.written = { firms: written.firms, supplies: written.supplies, deleted: written.deleted };
        report.dataVersion = written.dataVersion;
        this.onWritten(written.dataVersion);
      }
      report.durationMs = Math.round(performance.now() - started);
      return report;
    } finally {
      this.running = false;
    }
  }
}
