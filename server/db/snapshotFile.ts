/**
 * The analytics snapshot as a file per data version, so that a start (or a restart after an import that
 * wrote one) reads a few hundred MB from disk instead of streaming every link from Neo4j.
 *
 * The file is a cache keyed on the stored data's stamp (data version, generation, time of the change): it
 * lives in the server's own DATA_DIR/snapshots also for a remote Neo4j, and a file of any other stamp is
 * never read (a merge changes the data in place, so the version alone must be checked, and a wiped database
 * starts its versions again: the time of the change tells them apart). Written to a temporary file,
 * fsynced and renamed, so a reader sees a whole file or none; a checksum over the content catches the rest.
 * An offline replace also leaves one inside the store it made (saveStoreSnapshot), keyed by its generation
 * and read only while that generation stands as published (readStoreSnapshot).
 *
 * Layout: magic, header length, header JSON (stamp, scalars, the string tables' and typed arrays' places),
 * the sections (each aligned to 8 bytes, so typed arrays are views on the file's buffer, not copies), then
 * a SHA-1 of everything before it. The snapshot's fields are encoded by kind, so a field added to Snapshot
 * is stored without changes here; a file whose fields differ from this code's is ignored.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSnapshot, buildSnapshotFromColumns, type Category, type LinkColumns, type Snapshot, type SnapshotFirm } from '../analytics/snapshot.ts';
import type { Database } from './database.ts';

/** What identifies one state of the stored data (the Meta node's dataVersion record). */
export interface SnapshotStamp {
  version: number;
  generation: number;
  updatedAt: string | null;
  /** The version at which the current generation was published (a replace); null before any. */
  publishedVersion?: number | null;
}

/**
 * What a file holds: the data of one stamp (DATA_DIR/snapshots), or — inside a store's home, written by the
 * offline replace that made the store — the data of a generation as its import published it.
 */
type SnapshotKey = { stamp: SnapshotStamp } | { published: number };

/** The same data version, generation and time of the last change. */
export const sameStamp = (a: SnapshotStamp, b: SnapshotStamp) => a.version === b.version && a.generation === b.generation && a.updatedAt === b.updatedAt;

const sameKey = (a: SnapshotKey, b: SnapshotKey) => ('stamp' in a ? 'stamp' in b && sameStamp(a.stamp, b.stamp) : 'published' in b && a.published === b.published);

const MAGIC = Buffer.from('ANCSNAP1');
const HASH_BYTES = 20;

type ArrayKind = 'i32' | 'f64' | 'u8' | 'u16';
const ARRAY_TYPES = { i32: Int32Array, f64: Float64Array, u8: Uint8Array, u16: Uint16Array } as const;
type AnyArray = Int32Array | Float64Array | Uint8Array | Uint16Array;

interface Section {
  field: string;
  /** 'strings': a JSON array of strings (or nulls); else a typed array of that kind. */
  kind: ArrayKind | 'strings';
  offset: number;
  bytes: number;
}

interface Header {
  key: SnapshotKey;
  endianness: string;
  /** The snapshot's fields and their kinds, as this code builds them. */
  shape: string;
  scalars: Record<string, number>;
  /** Categories: labels inline, codes as a section named `<field>.codes`. */
  labels: Record<string, string[]>;
  sections: Section[];
}

function arrayKind(a: unknown): ArrayKind | null {
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  return null;
}

function isCategory(v: unknown): v is Category {
  return typeof v === 'object' && v !== null && (v as Category).codes instanceof Uint16Array && Array.isArray((v as Category).labels);
}

/** The fields of a Snapshot and their kinds: `index` is rebuilt from `ids`, everything else is stored. */
function shapeOf(snapshot: Snapshot): string {
  return Object.entries(snapshot)
    .filter(([field]) => field !== 'index')
    .map(([field, v]) => `${field}:${typeof v === 'number' ? 'number' : arrayKind(v) ?? (isCategory(v) ? 'category' : Array.isArray(v) ? 'strings' : 'unknown')}`)
    .sort()
    .join(',');
}

/** This code's snapshot shape, from a one-firm snapshot. */
const SHAPE = shapeOf(
  buildSnapshot([{ id: 'a', name: 'a', tier: 'sme', sector: 'C29', region: 'Busan', revenue: 1, employees: 1 }], []),
);

const pad8 = (n: number) => (n + 7) & ~7;

export function snapshotFileName(stamp: SnapshotStamp): string {
  const check = createHash('sha1').update(JSON.stringify([stamp.version, stamp.generation, stamp.updatedAt])).digest('hex').slice(0, 12);
  return `${stamp.version}-${check}.bin`;
}

/** Writes the snapshot of `stamp` atomically into `dir` and removes the files of other stamps. */
export async function saveSnapshotFile(dir: string, stamp: SnapshotStamp, snapshot: Snapshot): Promise<string> {
  await fs.promises.mkdir(dir, { recursive: true });
  const file = path.join(dir, snapshotFileName(stamp));
  await writeFile(file, { stamp: { version: stamp.version, generation: stamp.generation, updatedAt: stamp.updatedAt } }, snapshot);
  await removeOthers(dir, path.basename(file));
  return file;
}

/** Writes `snapshot` under `key` to `file`: a temporary file, fsync, rename. */
async function writeFile(file: string, key: SnapshotKey, snapshot: Snapshot): Promise<void> {
  if (shapeOf(snapshot) !== SHAPE) throw new Error('snapshot file: the snapshot has fields this code cannot store');
  const dir = path.dirname(file);
  const temp = `${file}.${process.pid}.tmp`;
  const chunks: { field: string; kind: Section['kind']; data: Uint8Array }[] = [];
  const scalars: Record<string, number> = {};
  const labels: Record<string, string[]> = {};
  const bytesOf = (a: AnyArray) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  for (const [field, v] of Object.entries(snapshot)) {
    if (field === 'index') continue;
    const kind = arrayKind(v);
    if (typeof v === 'number') scalars[field] = v;
    else if (kind) chunks.push({ field, kind, data: bytesOf(v as AnyArray) });
    else if (isCategory(v)) {
      labels[field] = v.labels;
      chunks.push({ field: `${field}.codes`, kind: 'u16', data: bytesOf(v.codes) });
    } else chunks.push({ field, kind: 'strings', data: Buffer.from(JSON.stringify(v)) });
  }
  let offset = 0;
  const sections: Section[] = chunks.map((c) => {
    const s = { field: c.field, kind: c.kind, offset, bytes: c.data.byteLength };
    offset = pad8(offset + c.data.byteLength);
    return s;
  });
  const header: Header = { key, endianness: os.endianness(), shape: SHAPE, scalars, labels, sections };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const lead = Buffer.alloc(pad8(MAGIC.length + 4 + headerBytes.length));
  MAGIC.copy(lead, 0);
  lead.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(lead, MAGIC.length + 4);

  const hash = createHash('sha1');
  const handle = await fs.promises.open(temp, 'w', 0o600);
  try {
    const put = async (data: Uint8Array) => {
      hash.update(data);
      await handle.write(data);
    };
    await put(lead);
    for (const c of chunks) {
      await put(c.data);
      const gap = pad8(c.data.byteLength) - c.data.byteLength;
      if (gap > 0) await put(new Uint8Array(gap));
    }
    await handle.write(hash.digest());
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temp, file);
  await syncDir(dir);
}

/** The snapshot of `stamp` from `dir`, or null when there is no whole, matching file. */
export async function readSnapshotFile(dir: string, stamp: SnapshotStamp): Promise<Snapshot | null> {
  return readFile(path.join(dir, snapshotFileName(stamp)), { stamp });
}

/** The snapshot in `file` if it holds `key`, else null (also when it is missing, torn or foreign). */
async function readFile(file: string, key: SnapshotKey): Promise<Snapshot | null> {
  let buf: Buffer;
  try {
    buf = await fs.promises.readFile(file);
  } catch {
    return null;
  }
  if (buf.length < MAGIC.length + 4 + HASH_BYTES || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const body = buf.subarray(0, buf.length - HASH_BYTES);
  if (!createHash('sha1').update(body).digest().equals(buf.subarray(buf.length - HASH_BYTES))) return null;
  const headerLength = buf.readUInt32LE(MAGIC.length);
  const header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Header;
  if (!header.key || !sameKey(header.key, key) || header.shape !== SHAPE || header.endianness !== os.endianness()) return null;
  // Typed arrays view the file's buffer in place; that needs the buffer's start 8-aligned.
  const aligned = buf.byteOffset % 8 === 0 ? buf : Buffer.from(buf);
  const base = aligned.byteOffset + pad8(MAGIC.length + 4 + headerLength);
  const snapshot: Record<string, unknown> = { ...header.scalars };
  for (const s of header.sections) {
    if (s.kind === 'strings') {
      snapshot[s.field] = JSON.parse(aligned.toString('utf8', base - aligned.byteOffset + s.offset, base - aligned.byteOffset + s.offset + s.bytes));
      continue;
    }
    const Type = ARRAY_TYPES[s.kind];
    const array = new Type(aligned.buffer as ArrayBuffer, base + s.offset, s.bytes / Type.BYTES_PER_ELEMENT);
    if (s.field.endsWith('.codes')) {
      const field = s.field.slice(0, -'.codes'.length);
      snapshot[field] = { codes: array, labels: header.labels[field] };
    } else snapshot[s.field] = array;
  }
  const ids = snapshot.ids as string[];
  snapshot.index = new Map(ids.map((id, i) => [id, i]));
  return snapshot as unknown as Snapshot;
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}

/** Removes the snapshot files (and leftover temporary files) other than `keep`. */
async function removeOthers(dir: string, keep: string): Promise<void> {
  for (const name of await fs.promises.readdir(dir)) {
    if (name !== keep && /^\d+-[0-9a-f]+\.bin(\.\d+\.tmp)?$/.test(name)) await fs.promises.rm(path.join(dir, name), { force: true });
  }
}

export function snapshotDir(dataDir: string): string {
  return path.join(dataDir, 'snapshots');
}

/** The stamp of the stored data as it stands. */
export async function readSnapshotStamp(db: Database): Promise<SnapshotStamp> {
  const [row] = await db.read<SnapshotStamp>('snapshot/stamp');
  return row;
}

/** The snapshot file inside a store's home (see SnapshotKey). */
export const storeSnapshotFile = (home: string) => path.join(home, 'analytics-snapshot.bin');

/**
 * For the offline replace, before its swap: writes the snapshot of the staged store into its home. It is
 * valid exactly while the store is live and its generation unchanged since the publish, which
 * readStoreSnapshot checks; a store that never goes live is removed with its file.
 */
export async function saveStoreSnapshot(home: string, generation: number, snapshot: Snapshot): Promise<void> {
  await writeFile(storeSnapshotFile(home), { published: generation }, snapshot);
}

/**
 * The snapshot written by the import that made the live store (`liveHome`: its link, DATA_DIR/neo4j), if
 * `stamp` is its generation as published, with no change since; else null.
 */
export async function readStoreSnapshot(liveHome: string, stamp: SnapshotStamp): Promise<Snapshot | null> {
  if (stamp.publishedVersion == null || stamp.publishedVersion !== stamp.version) return null;
  return readFile(storeSnapshotFile(liveHome), { published: stamp.generation });
}

/**
 * The snapshot of an import's rows: `firms` in input order (numbered by id here, as a load from Neo4j
 * numbers them); `links` number firms by their position in `firms`, and are renumbered in place.
 */
export function snapshotOfRows(firms: readonly SnapshotFirm[], links: LinkColumns): Snapshot {
  const order = firms.map((_, i) => i).sort((a, b) => (firms[a].id < firms[b].id ? -1 : firms[a].id > firms[b].id ? 1 : 0));
  const position = new Int32Array(firms.length);
  order.forEach((old, i) => (position[old] = i));
  for (let e = 0; e < links.count; e++) {
    links.supplier[e] = position[links.supplier[e]];
    links.buyer[e] = position[links.buyer[e]];
  }
  return buildSnapshotFromColumns(order.map((i) => firms[i]), links);
}
