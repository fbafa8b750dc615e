/**
 * Keeps the analytics snapshot current: before each use it compares the stored data version (one tiny
 * query) with the snapshot's and reloads when they differ — after an import through the API, the CLI or
 * another server. Concurrent callers share one load.
 */
import type { Database } from '../db/database.ts';
import { loadSnapshot, type LoadedSnapshot } from '../db/snapshotLoader.ts';

export class SnapshotStore {
  private current: LoadedSnapshot | null = null;
  private loading: Promise<LoadedSnapshot> | null = null;
  onLoaded: (loaded: LoadedSnapshot) => void = () => {};

  constructor(private readonly db: Database) {}

  /** The snapshot of the stored data as of this call (a load already under way may be older: then reload). */
  async get(): Promise<LoadedSnapshot> {
    for (;;) {
      const [row] = await this.db.read<{ version: number }>('meta/data-version');
      if (this.current && this.current.dataVersion >= row.version) return this.current;
      this.loading ??= loadSnapshot(this.db)
        .then((loaded) => {
          if (!this.current || loaded.dataVersion >= this.current.dataVersion) this.current = loaded;
          this.onLoaded(loaded);
          return loaded;
        })
        .finally(() => {
          this.loading = null;
        });
      const loaded = await this.loading;
      if (loaded.dataVersion >= row.version) return loaded;
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
}
