/**
 * A replace through Neo4j's offline importer, for the project-managed local Neo4j (docs/SCALING.md,
 * "Offline importer"). The live store keeps serving until the very end:
 *
 *   1. one streaming validation pass, exactly the Cypher path's, which also writes the importer's input
 *      under DATA_DIR/import/<id> (importerInput.ts);
 *   2. `neo4j-admin database import full` into a new home DATA_DIR/stores/<id>;
 *   3. the schema of cypher/schema/ created there, and every index populated, in a JVM without Bolt;
 *   4. the swap, done by the owner of the live JVM (connect.ts): non-network data copied over, the
 *      generation published as import/publish-generation does, the live link switched by one rename.
 *
 * The generation is taken at the start (import/begin-staging), as the Cypher path takes it, so that it is
 * higher than any before and a later import of either kind supersedes this one.
 */
import fs from 'node:fs';
import type { Database } from '../../db/database.ts';
import type { LocalStore } from '../../db/connect.ts';
import { liveHome, newOwnedDir, removeLeftovers } from '../../db/liveStore.ts';
import { buildIndexes, runImporter } from '../../db/offlineStore.ts';
import { SwapRefusedError, SwitchedSwapError, type SwapResult } from '../../db/storeControl.ts';
import type { ImportProgress, ImportReport } from '../importService.ts';
import { writeImporterInput } from './importerInput.ts';
import { ImportSnapshotBuilder } from './importSnapshot.ts';
import type { ImportSource } from './rows.ts';
import { WriteMismatchError } from './write.ts';

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
    // The analytics snapshot is fed the rows the importer gets, in the same order (importSnapshot.ts).
    const snapshot = new ImportSnapshotBuilder();
    const written = await writeImporterInput(source, inputDir, {
      generation,
      allowEmpty: options.allowEmpty,
      onProgress: progress,
      onFirm: (firm) => snapshot.addFirm(firm),
      onSupply: (supplier, buyer, value, year) => snapshot.addSupply(supplier, buyer, value, year),
    });
    const { validator, input, firms: firmCount, supplies: supplyCount, convertMs } = written;
    const validated = performance.now();

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
