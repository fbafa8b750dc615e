/**
 * A replace import becomes visible all at once: killed with SIGKILL while it is staging — the import
 * process, or Neo4j itself — it leaves the previous data served and nothing of itself visible, and a
 * later import succeeds and clears what the killed one had staged.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, inject } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { PROJECT_ROOT, startLocalNeo4j, type LocalNeo4j } from '../../server/db/localNeo4j.ts';
import { applySchema } from '../../server/db/schema.ts';
import { ImportService } from '../../server/services/importService.ts';
import { sourceFromFiles } from '../../server/services/import/rows.ts';
import { writeCsv } from '../../seed/output.ts';
import { generateScaleColumns } from '../../seed/scale.ts';
import { smallDataset } from '../support/fixtures.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-staged-'));
const base = smallDataset(300, 'base');
// Large enough that staging takes seconds (the kill lands in the middle), small enough for a test.
const network = generateScaleColumns({ firms: 20_000, links: 120_000, seed: 5 });
const firstNewId = network.firms[0].id;
let h: Harness;

beforeAll(async () => {
  writeCsv(dir, network.firms, network.supplies);
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every Firm node in the store, whatever its generation (reads through the API see one generation). */
async function storedFirmNodes(db: Database): Promise<number> {
  const session = db.driver.session();
  try {
    const result = await session.run('MATCH (f:Firm) RETURN count(f) AS n');
    return result.records[0].get('n') as number;
  } finally {
    await session.close();
  }
}

async function servesOnlyBase(call: Harness['call']) {
  expect((await call('GET', '/api/health')).body).toMatchObject({ firms: 300, supplies: 299 });
  expect((await call('GET', '/api/firms/base7')).status).toBe(200);
  expect((await call('GET', `/api/firms/${firstNewId}`)).status).toBe(404);
  const list = await call('GET', '/api/firms?limit=500');
  expect(list.body.items).toHaveLength(300);
  expect(list.body.items.every((f: { id: string }) => f.id.startsWith('base'))).toBe(true);
}

it('survives a SIGKILL of the import process while it stages, and a later import succeeds', async () => {
  expect((await h.call('POST', '/api/import?mode=replace', base, asEditor)).status).toBe(201);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, 'server', 'cli', 'import.ts'), '--firms', path.join(dir, 'firms.csv'), '--supplies', path.join(dir, 'supplies.csv'), '--mode', 'replace'],
    { cwd: PROJECT_ROOT, env: { ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_USER: 'neo4j', NEO4J_PASSWORD: inject('neo4jPassword'), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Supplies are being staged: the firm batches are written and supply batches are under way.
      const read = [...stderr.matchAll(/supplies: ([\d,]+)/g)].map((m) => Number(m[1].replace(/,/g, '')));
      if (Math.max(0, ...read) >= 30_000) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the import ended (${code}) before it was killed:\n${stderr}`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));

  expect(await storedFirmNodes(h.db)).toBeGreaterThan(300);
  await servesOnlyBase(h.call);

  const importer = new ImportService(h.db);
  const report = await importer.import(smallDataset(50, 'next'), { mode: 'replace', dryRun: false });
  expect(report.written).toMatchObject({ firms: 50, supplies: 49 });
  expect((await h.call('GET', '/api/health')).body).toMatchObject({ firms: 50, supplies: 49 });
  expect((await h.call('GET', '/api/firms/base7')).status).toBe(404);
  await importer.idle();
  expect(await storedFirmNodes(h.db)).toBe(50);
}, 300_000);

it('survives a SIGKILL of Neo4j while an import stages, and a later import succeeds', async () => {
  const dataDir = path.join(dir, 'own-neo4j');
  let neo4j: LocalNeo4j = await startLocalNeo4j({ dataDir, heap: '512m', pageCache: '128m' });
  const port = Number(new URL(neo4j.uri).port);
  let db = new Database({ uri: neo4j.uri, user: 'neo4j', password: neo4j.password });
  try {
    await db.waitUntilReady();
    await applySchema(db);
    await new ImportService(db).import(base, { mode: 'replace', dryRun: false });

    let staging!: () => void;
    const stagingSupplies = new Promise<void>((r) => (staging = r));
    const killed = new ImportService(db)
      .import(sourceFromFiles(path.join(dir, 'firms.csv'), path.join(dir, 'supplies.csv')), {
        mode: 'replace',
        dryRun: false,
        onProgress: (p) => p.stage === 'supplies' && p.rows >= 30_000 && staging(),
      })
      .then(
        () => 'finished',
        () => 'failed',
      );
    await stagingSupplies;
    process.kill(neo4j.pid, 'SIGKILL');
    await neo4j.exited;
    expect(await killed).toBe('failed');
    await db.close();

    neo4j = await startLocalNeo4j({ dataDir, heap: '512m', pageCache: '128m', port });
    db = new Database({ uri: neo4j.uri, user: 'neo4j', password: neo4j.password });
    await db.waitUntilReady();
    await applySchema(db);
    const [counts] = await db.read<{ firms: number; supplies: number }>('health/counts');
    expect(counts).toEqual({ firms: 300, supplies: 299 });
    const [firm] = await db.read<{ firm: { id: string } }>('firms/get', { id: 'base7' });
    expect(firm.firm.id).toBe('base7');
    expect(await db.read('firms/get', { id: firstNewId })).toEqual([]);

    const importer = new ImportService(db);
    const report = await importer.import(smallDataset(40, 'after'), { mode: 'replace', dryRun: false });
    expect(report.written).toMatchObject({ firms: 40, supplies: 39 });
    await importer.idle();
    expect(await storedFirmNodes(db)).toBe(40);
  } finally {
    await db.close();
    await neo4j.stop();
  }
}, 600_000);
