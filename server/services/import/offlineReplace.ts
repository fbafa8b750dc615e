/**
 * A replace through Neo4j's offline importer, for the project-managed local Neo4j (docs/SCALING.md,
 * "Offline importer"). The live store keeps serving until the very end:
 *
 *   1. one streaming validation pass, exactly the Cypher path's (same rules, report and problems), which
 *      also writes the importer's input under DATA_DIR/import/<id>: firms numbered in input order, with
 *      exactly the properties firmToNode gives plus `gen`, and supplies between those numbers with the
 *      properties import/stage-supplies stores. Every number is a double, as the Bolt driver sends them.
 *   2. `neo4j-admin database import full` into a new home DATA_DIR/stores/<id>;
 *   3. the schema of cypher/schema/ created there, and every index populated, in a JVM without Bolt;
 *   4. the swap, done by the owner of the live JVM (connect.ts): non-network data copied over, the
 *      generation published as import/publish-generation does, the live link switched by one rename.
 *
 * The generation is taken at the start (import/begin-staging), as the Cypher path takes it, so that it is
 * higher than any before and a later import of either kind supersedes this one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import type { LocalStore } from '../../db/connect.ts';
import { liveHome, newOwnedDir, removeLeftovers } from '../../db/liveStore.ts';
import { buildIndexes, runImporter, type ImporterInput } from '../../db/offlineStore.ts';
import { SwapRefusedError, SwitchedSwapError, type SwapResult } from '../../db/storeControl.ts';
import type { Firm, Supply } from '../../domain/firm.ts';
import { EmptyReplaceError, ImportValidationError, rowsOf, type ImportProgress, type ImportReport } from '../importService.ts';
import { firmToNode } from './firmRecord.ts';
import type { ImportSource } from './rows.ts';
import { DatasetValidator, type NumberedSupply } from './validate.ts';
import { ImportSnapshotBuilder } from './importSnapshot.ts';
import { WriteMismatchError } from './write.ts';

const STRING = new Set(['id', 'name', 'tier', 'sector', 'region', 'nameLower', 'searchText', 'historyJson', 'nameKo', 'brn', 'district']);
/** The firm node's properties in column order (firmToNode's keys), then the generation. */
const FIRM_KEYS = Object.keys(firmToNode({ id: 'x', name: 'x', tier: 'sme', sector: '10', region: 'x', revenue: 1, employees: 0 }));
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

export interface OfflineReplaceOptions {
  allowEmpty?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

export interface OfflineReplaceReport extends ImportReport {
  /**
   * Time per stage in ms (convertMs: the part of the first pass spent writing the importer's input), the
   * importer's own count, and how long the database was unavailable; snapshotMs: building and saving the
   * store's snapshot file, beside the importer (null when it could not be saved).
   */
  stages: { snapshotMs: number | null; validateAndConvertMs: number; convertMs: number; importerMs: number; importerOwnMs: number; indexingMs: number; swapMs: number; unavailableMs: number | null };
  /**
   * Set when the swap failed after its switch: the import is published and served once the database
   * is restarted (its owner restarts it), but it was unavailable meanwhile.
   */
  swapFailure?: string;
}

export async function offlineReplace(db: Database, store: LocalStore, source: ImportSource, options: OfflineReplaceOptions = {}): Promise<OfflineReplaceReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  await removeLeftovers(store.dataDir);
  const [previous] = await db.read<{ firms: number; supplies: number }>('health/counts');
  const [{ generation }] = await db.write<{ generation: number }>('import/begin-staging');
  const inputDir = newOwnedDir(store.dataDir, 'import');
  let home: string | null = null;
  let published = false;
  try {
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
      fs.writeFileSync(path.join(inputDir, `${name}-header.csv`), header + '\n');
      return new LineFile(path.join(inputDir, `${name}.csv`));
    };
    const firmsOut = file('firms', FIRMS_HEADER);
    const suppliesOut = file('supplies', SUPPLIES_HEADER);
    const validator = new DatasetValidator();
    const snapshot = new ImportSnapshotBuilder();
    let firmCount = 0;
    let supplyCount = 0;
    let convertMs = 0;
    const firmLine = (firm: Firm) => {
      const node = firmToNode(firm);
      let line = String(firmCount++);
      for (const key of FIRM_KEYS) line += ',' + (STRING.has(key) ? text(node[key]) : num(node[key]));
      return line + ',' + generation + '\n';
    };
    const supplyLine = (s: Supply, supplier: number, buyer: number) =>
      `${supplier},${buyer},${s.year ?? 0},${s.value},${num(s.year)},${text(s.product)}\n`;
    try {
      // The time spent writing lines is kept apart: it is what handing the input over unconverted would save.
      for await (const rows of rowsOf('firms', source.firms(), progress)) {
        const valid: Firm[] = [];
        for (const row of rows) {
          const firm = validator.addFirm(row.values, row.line);
          if (firm && validator.ok) valid.push(firm);
        }
        const t = performance.now();
        for (const firm of valid) {
          firmsOut.add(firmLine(firm));
          snapshot.addFirm(firm);
        }
        convertMs += performance.now() - t;
      }
      if (validator.firmsReceived === 0 && !options.allowEmpty) throw new EmptyReplaceError();
      for await (const rows of rowsOf('supplies', source.supplies(), progress)) {
        const valid: NumberedSupply[] = [];
        for (const row of rows) {
          const numbered = validator.addSupply(row.values, row.line);
          if (numbered && validator.ok) valid.push(numbered);
        }
        const t = performance.now();
        for (const { supply, supplier, buyer } of valid) {
          if (supplier >= firmCount || buyer >= firmCount) throw new WriteMismatchError(`supply ${supply.supplier}→${supply.buyer} names a firm that was not staged`);
          suppliesOut.add(supplyLine(supply, supplier, buyer));
          snapshot.addSupply(supplier, buyer, supply);
        }
        supplyCount += valid.length;
        convertMs += performance.now() - t;
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
    const validated = performance.now();

    const input: ImporterInput = {
      firms: [path.join(inputDir, 'firms-header.csv'), path.join(inputDir, 'firms.csv')],
      supplies: [path.join(inputDir, 'supplies-header.csv'), path.join(inputDir, 'supplies.csv')],
      multiline,
    };
    home = newOwnedDir(store.dataDir, 'store');
    const rows = firmCount + supplyCount;
    const importing = runImporter(home, input, (fraction) => progress({ stage: 'importer', rows: Math.round(fraction * rows), fraction }));
    // Built while the importer's JVM runs; a snapshot that cannot be saved only costs the server a load over Bolt.
    const snapshotStarted = performance.now();
    const snapshotSaved = snapshot.save(home, generation).then(() => Math.round(performance.now() - snapshotStarted), () => null);
    const importerOwnMs = await importing;
    const snapshotMs = await snapshotSaved;
    progress({ stage: 'importer', rows, fraction: 1 });
    fs.rmSync(inputDir, { recursive: true, force: true });
    const imported = performance.now();

    await buildIndexes(home, (fraction) => progress({ stage: 'indexing', rows: Math.round(fraction * firmCount), fraction }));
    progress({ stage: 'indexing', rows: firmCount, fraction: 1 });
    const indexed = performance.now();

    progress({ stage: 'swap', rows: supplyCount });
    let swapFailure: string | undefined;
    const swapped = await store.replace({ home, generation, firms: firmCount, supplies: supplyCount }).catch((error: unknown): Omit<SwapResult, 'unavailableMs'> & { unavailableMs: number | null } => {
      if (error instanceof SwapRefusedError && error.superseded) throw new WriteMismatchError(error.message);
      if (!(error instanceof SwitchedSwapError)) throw error;
      swapFailure = error.message;
      return { version: error.version, unavailableMs: null, copied: { nodes: 0, relationships: 0, dropped: 0 } };
    });
    published = true;
    const done = performance.now();
    return {
      mode: 'replace',
      dryRun: false,
      firms: { received: validator.firmsReceived, valid: validator.firmsValid },
      supplies: { received: validator.suppliesReceived, valid: validator.suppliesValid },
      written: { firms: firmCount, supplies: supplyCount, deleted: previous },
      dataVersion: swapped.version,
      durationMs: Math.round(done - started),
      stages: {
        snapshotMs,
        validateAndConvertMs: Math.round(validated - started),
        convertMs: Math.round(convertMs),
        importerMs: Math.round(imported - validated),
        importerOwnMs,
        indexingMs: Math.round(indexed - imported),
        swapMs: Math.round(done - indexed),
        unavailableMs: swapped.unavailableMs,
      },
      ...(swapFailure ? { swapFailure } : {}),
    };
  } finally {
    fs.rmSync(inputDir, { recursive: true, force: true });
    if (!published) {
      // A swap that failed after its switch (the new store would not start) left this store live.
      if (home && liveHome(store.dataDir) !== home) fs.rmSync(home, { recursive: true, force: true });
      await db.write('import/abandon-staging', { generation }).catch(() => {});
    }
  }
}
