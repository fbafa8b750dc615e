/**
 * The analytics snapshot kept current on a real Neo4j: a merge import patches it (equal to a fresh load),
 * a snapshot file is served only for the stamp it was written for, and a ripple after an import uses the
 * imported data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../server/db/snapshotLoader.ts';
import { readSnapshotStamp, saveSnapshotFile, snapshotFileName } from '../../server/db/snapshotFile.ts';
import { SnapshotStore } from '../../server/services/snapshotStore.ts';
import { smallDataset } from '../support/fixtures.ts';
import { snapshotContent } from '../support/snapshotContent.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

let h: Harness;
let dir: string;
const data = smallDataset(40);

beforeAll(async () => {
  h = await startHarness();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshots-'));
  const r = await h.call('POST', '/api/import?mode=replace', data, asEditor);
  expect(r.status).toBe(201);
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const content = snapshotContent;

const merge = (body: unknown) => h.call('POST', '/api/import?mode=merge', body, asEditor);

describe('snapshot after a merge', () => {
  it('is patched, not reloaded, and equals a fresh load of the merged data', async () => {
    expect((await h.services.snapshots.get()).dataVersion).toBe((await readSnapshotStamp(h.db)).version);
    const r = await merge({
      firms: [
        { ...data.firms[5], revenue: 99_000, tier: 'large' },
        { id: 'f10a', name: 'New Firm', tier: 'sme', sector: '29', region: 'Ulsan', revenue: 5_000, employees: 12 },
      ],
      supplies: [
        { supplier: 'f10a', buyer: 'f3', value: 120, year: 2025 },
        { supplier: 'f7', buyer: 'f2', value: 333, year: 2026 },
        { supplier: 'f7', buyer: 'f30', value: 44, year: 2025 },
      ],
    });
    expect(r.status).toBe(201);
    const patched = await h.services.snapshots.get();
    expect(patched.source).toBe('merge');
    expect(patched.dataVersion).toBe(r.body.dataVersion);
    const fresh = await loadSnapshot(h.db);
    expect(content(patched.snapshot)).toEqual(content(fresh.snapshot));
    // By hand: f7 supplied f2 500 + 7·10 = 570 in 2025; 2026's 333 replaces it; f7→f30 is new.
    expect(content(patched.snapshot).out).toEqual(expect.arrayContaining(['f7>f2:333', 'f7>f30:44', 'f10a>f3:120']));
    expect(patched.snapshot.ids.indexOf('f10a')).toBe(patched.snapshot.ids.indexOf('f10') + 1);
  });

  it('answers a ripple from the merged data', async () => {
    const ripple = () => h.call('POST', '/api/ripple', { model: 'demand', scope: 'network', households: false, shocks: [{ firmId: 'f1', amount: 1_000 }], limit: 1000 });
    const before = await ripple();
    expect(before.body.firms.some((f: { id: string }) => f.id === 'n1')).toBe(false);
    const r = await merge({ firms: [{ id: 'n1', name: 'Upstream', tier: 'sme', sector: '25', region: 'Busan', revenue: 8_000, employees: 9 }], supplies: [{ supplier: 'n1', buyer: 'f1', value: 2_020, year: 2025 }] });
    expect(r.status).toBe(201);
    const after = await ripple();
    expect(after.status).toBe(200);
    // f1 sells only to f0, which sells nothing: f1's output is the shock, and n1 supplies 2,020 of f1's
    // 10,100 revenue, so n1's output is 1,000 × 0.2 = 200.
    const n1 = after.body.firms.find((f: { id: string }) => f.id === 'n1');
    expect(n1.output).toBeCloseTo(200, 9);
  });
});

describe('snapshot file', () => {
  it('is written after a load and read by the next store of the same stamp', async () => {
    const first = new SnapshotStore(h.db, { dir });
    const loaded = await first.get();
    expect(loaded.source).toBe('neo4j');
    await first.idle();
    expect(fs.readdirSync(dir)).toEqual([snapshotFileName(loaded.stamp)]);
    const second = await new SnapshotStore(h.db, { dir }).get();
    expect(second.source).toBe('file');
    expect(content(second.snapshot)).toEqual(content(loaded.snapshot));
  });

  it('is not served for another data version, even under that version’s name', async () => {
    const old = await new SnapshotStore(h.db, { dir }).get();
    const r = await merge({ firms: [{ ...data.firms[8], revenue: 77_000 }], supplies: [] });
    expect(r.status).toBe(201);
    const stamp = await readSnapshotStamp(h.db);
    expect(stamp.version).toBe(old.dataVersion + 1);
    // The old snapshot under the new stamp's name: its header still names the old stamp.
    const written = await saveSnapshotFile(dir, old.stamp, old.snapshot);
    fs.renameSync(written, path.join(dir, snapshotFileName(stamp)));
    const next = await new SnapshotStore(h.db, { dir }).get();
    expect(next.source).toBe('neo4j');
    expect(next.snapshot.revenue[next.snapshot.index.get('f8')!]).toBe(77_000);
  });
});
