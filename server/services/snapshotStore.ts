/**
 * Keeps the analytics snapshot current: before each use it compares the stored data's stamp (one tiny
 * query) with the snapshot's and, when they differ — after an import through the API, the CLI or another
 * server — brings it up to date, the cheapest way that is exact:
 * - after merges (through this server, another one or the CLI), the previous snapshot patched with what
 *   they changed (their change records, then the upserted firms and the changed suppliers' links, read
 *   from Neo4j), when the records account for every change since;
 * - else the snapshot file of exactly that stamp, when there is one (DATA_DIR/snapshots, see snapshotFile.ts);
 * - else, right after an offline replace into the local Neo4j, the file its import wrote into the store;
 * - else a full load from Neo4j, after which the file is written for the next start.
 * Concurrent callers share one load.
 */
import type { Database } from '../db/database.ts';
import { loadSnapshot, loadSnapshotChanges, type LoadedSnapshot } from '../db/snapshotLoader.ts';
import { readSnapshotFile, readSnapshotStamp, readStoreSnapshot, saveSnapshotFile, type SnapshotStamp } from '../db/snapshotFile.ts';
import { patchSnapshot } from '../analytics/snapshotPatch.ts';
import type { Logger } from '../log.ts';

export interface SnapshotStoreOptions {
  /** Where snapshot files are kept; none: no files. */
  dir?: string;
  /** The local Neo4j's live store (DATA_DIR/neo4j), whose offline import may have left its snapshot there. */
  storeHome?: string;
  log?: Logger;
}

export class SnapshotStore {
  private current: LoadedSnapshot | null = null;
  private loading: Promise<LoadedSnapshot> | null = null;
  private saving: Promise<unknown> = Promise.resolve();
  onLoaded: (loaded: LoadedSnapshot) => void = () => {};

  constructor(
    private readonly db: Database,
    private readonly options: SnapshotStoreOptions = {},
  ) {}

  /** The snapshot of the stored data as of this call (a load already under way may be older: then reload). */
  async get(): Promise<LoadedSnapshot> {
    for (;;) {
      const stamp = await readSnapshotStamp(this.db);
      if (this.current && this.current.dataVersion >= stamp.version) return this.current;
      this.loading ??= this.load(stamp)
        .then((loaded) => {
          if (!this.current || loaded.dataVersion >= this.current.dataVersion) this.current = loaded;
          this.options.log?.info(`Analytics snapshot of data version ${loaded.dataVersion} (${loaded.snapshot.n} firms, ${loaded.snapshot.m} links): ${loaded.source} in ${loaded.loadMs} ms`);
          this.onLoaded(loaded);
          return loaded;
        })
        .finally(() => {
          this.loading = null;
        });
      const loaded = await this.loading;
      if (loaded.dataVersion >= stamp.version) return loaded;
    }
  }

  /**
   * The snapshot if it matches the stored data version the caller has just read, else null — and a load
   * starts in the background, so that callers with a database fallback never wait for a build.
   */
  currentAt(storedVersion: number): LoadedSnapshot | null {
    if (this.current && this.current.dataVersion === storedVersion) return this.current;
    this.get().catch(() => {});
    return null;
  }

  private async load(stamp: SnapshotStamp): Promise<LoadedSnapshot> {
    const patched = await this.patch();
    if (patched) return patched;
    const dir = this.options.dir;
    if (dir) {
      const started = performance.now();
      const snapshot = await readSnapshotFile(dir, stamp).catch((error: unknown) => {
        this.options.log?.warn(`Snapshot file unreadable, loading from the database: ${(error as Error).message}`);
        return null;
      });
      if (snapshot) return { snapshot, stamp, dataVersion: stamp.version, source: 'file', loadMs: Math.round(performance.now() - started) };
    }
    const home = this.options.storeHome;
    if (home) {
      const started = performance.now();
      const snapshot = await readStoreSnapshot(home, stamp).catch((error: unknown) => {
        this.options.log?.warn(`The import's snapshot file is unreadable, loading from the database: ${(error as Error).message}`);
        return null;
      });
      if (snapshot) return { snapshot, stamp, dataVersion: stamp.version, source: 'import', loadMs: Math.round(performance.now() - started) };
    }
    return this.save(await loadSnapshot(this.db));
  }

  /** The current snapshot with the merges since applied, if their change records account for every change; else null. */
  private async patch(): Promise<LoadedSnapshot | null> {
    const base = this.current;
    if (!base) return null;
    const started = performance.now();
    const read = await loadSnapshotChanges(this.db, base.stamp);
    if (!read) return null;
    const snapshot = patchSnapshot(base.snapshot, read.changes);
    return this.save({ snapshot, stamp: read.stamp, dataVersion: read.stamp.version, source: 'merge', loadMs: Math.round(performance.now() - started) });
  }

  /** Writes the snapshot file in the background (one at a time, in order); the snapshot is usable at once. */
  private save(loaded: LoadedSnapshot): LoadedSnapshot {
    const dir = this.options.dir;
    if (dir) {
      this.saving = this.saving
        .then(() => (this.current && this.current.dataVersion > loaded.dataVersion ? null : saveSnapshotFile(dir, loaded.stamp, loaded.snapshot)))
        .catch((error: unknown) => this.options.log?.warn(`Could not write the snapshot file: ${(error as Error).message}`));
    }
    return loaded;
  }

  /** Resolves when no snapshot file is being written (tests, shutdown). */
  idle(): Promise<unknown> {
    return this.saving;
  }
}
