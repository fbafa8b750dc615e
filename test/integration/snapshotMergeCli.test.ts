/**
 * A merge through the CLI into a running server: the server patches its analytics snapshot from the
 * merges' change records instead of reloading it, and answers exactly as a server started cold on the
 * merged data; when the records do not account for a change, it loads in full.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, inject } from 'vitest';
import { PROJECT_ROOT } from '../../server/db/localNeo4j.ts';
import { loadSnapshot } from '../../server/db/snapshotLoader.ts';
import { smallDataset } from '../support/fixtures.ts';
import { snapshotContent } from '../support/snapshotContent.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

let h: Harness;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-merge-cli-'));
const data = smallDataset(40, 'm');

/** The CLI in a process of its own; asynchronously, so that the server in this process keeps serving. */
function mergeCli(body: unknown): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const file = path.join(dir, `merge-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(body));
  const env = { ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_USER: 'neo4j', NEO4J_PASSWORD: inject('neo4jPassword'), LOG_LEVEL: 'warn' };
  const args = ['--import', 'tsx', path.join(PROJECT_ROOT, 'server', 'cli', 'import.ts'), '--json', file, '--mode', 'merge'];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const ripple = (server: Harness) =>
  server.call('POST', '/api/ripple', { model: 'demand', scope: 'network', households: false, shocks: [{ firmId: 'm1', amount: 1_000 }], limit: 1_000 });

beforeAll(async () => {
  h = await startHarness();
  expect((await h.call('POST', '/api/import?mode=replace', data, asEditor)).status).toBe(201);
  expect((await ripple(h)).status).toBe(200);
  expect((await h.services.snapshots.get()).source).toBe('neo4j');
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('patches the running server’s snapshot after two CLI merges, and ripples as a cold-started server does', async () => {
  // m4 supplies m1 (540 in 2025): 777 in 2026 replaces it; m4's revenue doubles; n1 is a new supplier of m1.
  const first = await mergeCli({
    firms: [{ ...data.firms[4], revenue: 20_800 }, { id: 'n1', name: 'New Supplier', tier: 'sme', sector: '25', region: 'Busan', revenue: 8_000, employees: 9 }],
    supplies: [{ supplier: 'm4', buyer: 'm1', value: 777, year: 2026 }],
  });
  expect(first.status, first.stderr).toBe(0);
  const second = await mergeCli({ firms: [], supplies: [{ supplier: 'n1', buyer: 'm1', value: 1_010, year: 2025 }] });
  expect(second.status, second.stderr).toBe(0);

  const patched = await ripple(h);
  expect(patched.status).toBe(200);
  const served = await h.services.snapshots.get();
  expect(served.source).toBe('merge');
  expect(served.dataVersion).toBe(JSON.parse(second.stdout).dataVersion);
  expect(snapshotContent(served.snapshot)).toEqual(snapshotContent((await loadSnapshot(h.db)).snapshot));

  // By hand (a tree, so exact): Δx_m4 = 1,000 × 777 / 10,100; m13 supplies m4 560 of its 20,800;
  // Δx_n1 = 1,000 × 1,010 / 10,100 = 100.
  const output = (id: string) => patched.body.firms.find((f: { id: string }) => f.id === id)?.output;
  expect(output('m4')).toBeCloseTo((1_000 * 777) / 10_100, 9);
  expect(output('m13')).toBeCloseTo((((1_000 * 777) / 10_100) * 560) / 20_800, 9);
  expect(output('n1')).toBeCloseTo(100, 9);

  const cold = await startHarness();
  try {
    const fresh = await ripple(cold);
    expect((await cold.services.snapshots.get()).source).toBe('neo4j');
    expect(patched.body.totals.output).toBeCloseTo(fresh.body.totals.output, 9);
    expect(patched.body.multiplier).toBeCloseTo(fresh.body.multiplier, 12);
    const byId = new Map(fresh.body.firms.map((f: { id: string; output: number }) => [f.id, f.output]));
    expect(patched.body.firms.map((f: { id: string }) => f.id).sort()).toEqual([...byId.keys()].sort());
    for (const f of patched.body.firms as { id: string; output: number }[]) expect(f.output).toBeCloseTo(byId.get(f.id) as number, 9);
  } finally {
    await cold.close();
  }
});

it('loads in full when a change has no record (here a write outside any import)', async () => {
  await h.services.snapshots.get();
  await h.db.driver.executeQuery("MATCH (f:Firm {id: 'm2'}) SET f.revenue = 30_000 WITH f MATCH (m:Meta {key: 'dataVersion'}) SET m.value = m.value + 1, m.updatedAt = datetime()");
  const merged = await mergeCli({ firms: [{ ...data.firms[3], revenue: 12_345 }], supplies: [] });
  expect(merged.status, merged.stderr).toBe(0);
  const loaded = await h.services.snapshots.get();
  expect(loaded.source).toBe('neo4j');
  expect(loaded.snapshot.revenue[loaded.snapshot.index.get('m2')!]).toBe(30_000);
  expect(loaded.snapshot.revenue[loaded.snapshot.index.get('m3')!]).toBe(12_345);
});
