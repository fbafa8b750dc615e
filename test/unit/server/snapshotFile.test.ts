import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSnapshot, type SnapshotFirm } from '../../../server/analytics/snapshot.ts';
import { readSnapshotFile, readStoreSnapshot, saveSnapshotFile, saveStoreSnapshot, snapshotFileName, storeSnapshotFile, type SnapshotStamp } from '../../../server/db/snapshotFile.ts';
import { ImportSnapshotBuilder } from '../../../server/services/import/importSnapshot.ts';
import { snapshotFirmOf } from '../../../server/services/import/snapshotFirm.ts';

const firm = (id: string, extra: Partial<SnapshotFirm> = {}): SnapshotFirm => ({ id, name: `Firm ${id}`, tier: 'sme', sector: 'C29', region: 'Busan', revenue: 100, employees: 10, ...extra });
const snapshot = buildSnapshot(
  [firm('a', { nameKo: '가나' }), firm('b', { region: 'Ulsan', district: 'Nam-gu' }), firm('c', { valueAddedRatio: 0.4, wageShare: 0.2 })],
  [
    { supplier: 'a', buyer: 'b', value: 3, year: 2024 },
    { supplier: 'a', buyer: 'c', value: 1.5 },
    { supplier: 'c', buyer: 'a', value: 2, year: 2023 },
  ],
);
const stamp: SnapshotStamp = { version: 7, generation: 2, updatedAt: '2026-12-01T10:00:00Z' };

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-file-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A snapshot's fields as plain values (typed arrays as arrays), to compare two of them. */
const plain = (s: object) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v instanceof Map ? [...v] : v && typeof v === 'object' && 'codes' in v ? { codes: Array.from(v.codes as Uint16Array), labels: v.labels } : v]));

describe('snapshot file', () => {
  it('reads back the snapshot it wrote, field by field', async () => {
    const dir = tempDir();
    await saveSnapshotFile(dir, stamp, snapshot);
    const read = await readSnapshotFile(dir, stamp);
    expect(read).not.toBeNull();
    expect(plain(read!)).toEqual(plain(snapshot));
    // Hand-checked: a's row lists b (3) and c (1.5); the in-CSR of a holds c (2).
    expect(read!.index.get('c')).toBe(2);
    expect(Array.from(read!.outTargets.subarray(read!.outOffsets[0], read!.outOffsets[1]))).toEqual([1, 2]);
    expect(Array.from(read!.inValues.subarray(read!.inOffsets[0], read!.inOffsets[1]))).toEqual([2]);
  });

  it('serves no file of another stamp, nor a damaged one, and keeps only the latest', async () => {
    const dir = tempDir();
    const file = await saveSnapshotFile(dir, stamp, snapshot);
    expect(await readSnapshotFile(dir, { ...stamp, version: 8 })).toBeNull();
    expect(await readSnapshotFile(dir, { ...stamp, updatedAt: '2026-12-01T11:00:00Z' })).toBeNull();
    // A file renamed to another stamp's name is refused by the stamp in its header.
    const other = { ...stamp, version: 9 };
    fs.copyFileSync(file, path.join(dir, snapshotFileName(other)));
    expect(await readSnapshotFile(dir, other)).toBeNull();

    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 40] ^= 1;
    fs.writeFileSync(file, bytes);
    expect(await readSnapshotFile(dir, stamp)).toBeNull();

    const next = { ...stamp, version: 10 };
    await saveSnapshotFile(dir, next, snapshot);
    expect(fs.readdirSync(dir)).toEqual([snapshotFileName(next)]);
  });
});

describe('the snapshot file an offline replace leaves in its store', () => {
  const published: SnapshotStamp = { version: 12, generation: 5, updatedAt: '2026-12-01T12:00:00Z', publishedVersion: 12 };

  it('is read for its generation as published, and for nothing else', async () => {
    const home = tempDir();
    await saveStoreSnapshot(home, 5, snapshot);
    expect(plain((await readStoreSnapshot(home, published))!)).toEqual(plain(snapshot));
    // A merge or tier change since the publish (the version moved on), another generation, no publish.
    expect(await readStoreSnapshot(home, { ...published, version: 13 })).toBeNull();
    expect(await readStoreSnapshot(home, { ...published, generation: 6 })).toBeNull();
    expect(await readStoreSnapshot(home, { ...published, publishedVersion: null })).toBeNull();
    expect(await readStoreSnapshot(tempDir(), published)).toBeNull();
    // Nor is a stamp's file taken for a store's, or the other way round.
    const dir = tempDir();
    await saveSnapshotFile(dir, published, snapshot);
    fs.renameSync(path.join(dir, snapshotFileName(published)), storeSnapshotFile(dir));
    expect(await readStoreSnapshot(dir, published)).toBeNull();
    fs.renameSync(storeSnapshotFile(home), path.join(home, snapshotFileName(published)));
    expect(await readSnapshotFile(home, published)).toBeNull();
  });

  it('is built from the import’s rows as a load numbers and sums them', async () => {
    const builder = new ImportSnapshotBuilder();
    // Input order c, a, b; rows number firms by input position.
    const firms = [firm('c', { valueAddedRatio: 0.4, wageShare: 0.2 }), firm('a', { nameKo: '가나' }), firm('b', { region: 'Ulsan', district: 'Nam-gu' })];
    for (const f of firms) builder.addFirm(snapshotFirmOf({ ...f, founded: 1990 } as never));
    builder.addSupply(1, 2, 3, 2024);
    builder.addSupply(1, 0, 1.5, undefined);
    builder.addSupply(0, 1, 2, 2023);
    const home = tempDir();
    await builder.save(home, 5);
    expect(plain((await readStoreSnapshot(home, published))!)).toEqual(plain(snapshot));
  });
});
