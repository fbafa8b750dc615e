/**
 * Where the local Neo4j keeps its stores, so that a whole store can be replaced atomically.
 *
 *   DATA_DIR/neo4j            the live NEO4J_HOME: a symlink to one of DATA_DIR/stores/<id>, switched by
 *                             rename(2) of a new symlink over it (atomic: a crash leaves the old or the new
 *                             link, never none). Before the first offline replace it is a real directory.
 *   DATA_DIR/stores/<id>      homes: the live one, one being staged by an import, an old one being deleted
 *   DATA_DIR/import/<id>      the offline importer's input files while an import runs
 *   DATA_DIR/store-journal    written before the real directory is moved into stores/ and removed after its
 *                             symlink is in place, so a crash in between is finished at the next start
 *
 * A staged home or import directory holds an `owner` file with the pid of the process that made it; a
 * leftover is anything under stores/ or import/ that is not the live store and whose owner is gone (a
 * killed import or swap). Leftovers are removed at every start of the local Neo4j and every offline import.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const OWNER = 'owner';

export const liveLink = (dataDir: string) => path.join(path.resolve(dataDir), 'neo4j');
const storesDir = (dataDir: string) => path.join(path.resolve(dataDir), 'stores');
const importDir = (dataDir: string) => path.join(path.resolve(dataDir), 'import');
const journalFile = (dataDir: string) => path.join(path.resolve(dataDir), 'store-journal');

/** Whether a process with this pid exists (signal 0 tests without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Finishes a move of the real live directory into stores/ that a crash interrupted. */
export function recoverLiveStore(dataDir: string): void {
  const journal = journalFile(dataDir);
  if (!fs.existsSync(journal)) return;
  const target = fs.readFileSync(journal, 'utf8').trim();
  const link = liveLink(dataDir);
  if (!fs.existsSync(link) && fs.existsSync(target)) {
    fs.symlinkSync(target, `${link}.next`);
    fs.renameSync(`${link}.next`, link);
  }
  fs.rmSync(journal, { force: true });
}

/** The live home's real path (created empty on a first start). */
export function liveHome(dataDir: string): string {
  recoverLiveStore(dataDir);
  const link = liveLink(dataDir);
  fs.mkdirSync(link, { recursive: true });
  return fs.realpathSync(link);
}

/** A new directory under stores/ or import/, owned by this process until it goes live or is removed. */
export function newOwnedDir(dataDir: string, kind: 'store' | 'import'): string {
  const dir = path.join(kind === 'store' ? storesDir(dataDir) : importDir(dataDir), `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dir, OWNER), String(process.pid));
  return dir;
}

/** Whether `dir` is a store home directly under this data directory's stores/ (requests name one). */
export function isStoreHome(dataDir: string, dir: string): boolean {
  const resolved = path.resolve(dir);
  return path.dirname(resolved) === storesDir(dataDir) && fs.existsSync(resolved);
}

/**
 * Makes `home` the live store: the real live directory of an older layout is moved into stores/ first
 * (journalled), then a new symlink is renamed over the old one. Returns the home that was live before.
 */
export function switchLiveHome(dataDir: string, home: string): string {
  const link = liveLink(dataDir);
  let previous = liveHome(dataDir);
  if (!fs.lstatSync(link).isSymbolicLink()) {
    const moved = path.join(storesDir(dataDir), `legacy-${Date.now().toString(36)}`);
    fs.mkdirSync(storesDir(dataDir), { recursive: true, mode: 0o700 });
    fs.writeFileSync(journalFile(dataDir), moved);
    fs.renameSync(link, moved);
    recoverLiveStore(dataDir);
    previous = moved;
  }
  fs.rmSync(`${link}.next`, { force: true });
  fs.symlinkSync(path.resolve(home), `${link}.next`);
  fs.renameSync(`${link}.next`, link);
  fs.rmSync(path.join(home, OWNER), { force: true });
  return previous;
}

function ownedByLiveProcess(dir: string): boolean {
  let owner = 0;
  try {
    owner = Number(fs.readFileSync(path.join(dir, OWNER), 'utf8').trim());
  } catch {
    return false;
  }
  return Number.isInteger(owner) && owner > 0 && (owner === process.pid || isAlive(owner));
}

/** Removes staged stores and import files whose owner is gone, and old stores; never the live one. */
export async function removeLeftovers(dataDir: string): Promise<string[]> {
  const live = liveHome(dataDir);
  const removed: string[] = [];
  for (const parent of [storesDir(dataDir), importDir(dataDir)]) {
    if (!fs.existsSync(parent)) continue;
    for (const name of fs.readdirSync(parent)) {
      const dir = path.join(parent, name);
      if (dir === live) continue;
      if (ownedByLiveProcess(dir)) continue;
      await fs.promises.rm(dir, { recursive: true, force: true });
      removed.push(dir);
    }
  }
  return removed;
}
