/**
 * The offline replace (`npm run import -- --mode replace` into the project-managed local Neo4j): the CLI
 * shares the Neo4j of a running server (this test process owns it, as `npm start` would), runs Neo4j's
 * offline importer into a staged store and asks the server to swap it in. It stores the same network as
 * the Cypher path, keeps every non-network node, and a SIGKILL of the CLI during the importer or of the
 * Neo4j JVM during the swap leaves complete data served, after which an import succeeds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { connect, type Connection } from '../../server/db/connect.ts';
import { liveLink } from '../../server/db/liveStore.ts';
import { PROJECT_ROOT } from '../../server/db/localNeo4j.ts';
import { loadSnapshot } from '../../server/db/snapshotLoader.ts';
import { SnapshotStore } from '../../server/services/snapshotStore.ts';
import { createLogger } from '../../server/log.ts';
import { writeCsv } from '../../seed/output.ts';
import { generateScaleColumns } from '../../seed/scale.ts';
import { smallDataset } from '../support/fixtures.ts';
import { snapshotContent } from '../support/snapshotContent.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-offline-'));
const dataDir = path.join(dir, 'data');
const small = path.join(dir, 'small');
const large = path.join(dir, 'large');
const smallNetwork = generateScaleColumns({ firms: 1_500, links: 6_000, seed: 3 });
// Large enough that the importer runs for seconds (the kill lands in it), small enough for a test.
const largeNetwork = generateScaleColumns({ firms: 20_000, links: 150_000, seed: 4 });
const base = smallDataset(300, 'base');
let connection: Connection;
let h: Harness;

beforeAll(async () => {
  writeCsv(small, smallNetwork.firms, smallNetwork.supplies);
  writeCsv(large, largeNetwork.firms, largeNetwork.supplies);
  const config = { ...loadConfig({}), dataDir, NEO4J_HEAP: '1g', NEO4J_PAGECACHE: '128m' };
  connection = await connect(config, createLogger('error'), { restartDelaysMs: [200] });
  h = await startHarness(connection.uri, fs.readFileSync(path.join(dataDir, 'neo4j-password'), 'utf8').trim());
}, 300_000);
afterAll(async () => {
  await h?.close();
  await connection?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function importCli(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }>; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server', 'cli', 'import.ts'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, done, stderr: () => stderr };
}

const files = (d: string, ext = 'csv') => ['--firms', path.join(d, `firms.${ext}`), '--supplies', path.join(d, `supplies.${ext}`), '--mode', 'replace'];

async function query<T>(statement: string): Promise<T[]> {
  const session = h.db.driver.session();
  try {
    return (await session.run(statement)).records.map((r) => r.toObject() as T);
  } finally {
    await session.close();
  }
}

/** The served network: every firm's properties and every supply's, and the value types stored. */
async function storedNetwork() {
  const firms = await query<{ id: string; props: Record<string, unknown> }>(
    "MATCH (m:Meta {key: 'dataVersion'}) MATCH (f:Firm) WHERE f.gen = m.generation RETURN f.id AS id, properties(f) AS props ORDER BY id",
  );
  const supplies = await query<{ s: string; b: string; props: Record<string, unknown> }>(
    "MATCH (m:Meta {key: 'dataVersion'}) MATCH (s:Firm)-[r:SUPPLIES]->(b:Firm) WHERE s.gen = m.generation RETURN s.id AS s, b.id AS b, properties(r) AS props ORDER BY s, b, r.yearKey",
  );
  const [types] = await query<{ firmTypes: string[]; supplyTypes: string[] }>(
    `MATCH (m:Meta {key: 'dataVersion'}) MATCH (f:Firm) WHERE f.gen = m.generation
     UNWIND keys(f) AS k WITH m, collect(DISTINCT k + ' ' + valueType(f[k])) AS firmTypes
     MATCH (:Firm {gen: m.generation})-[r:SUPPLIES]->() UNWIND keys(r) AS k
     RETURN firmTypes, collect(DISTINCT k + ' ' + valueType(r[k])) AS supplyTypes`,
  );
  for (const f of firms) delete f.props.gen;
  return { firms, supplies, firmTypes: [...types.firmTypes].sort(), supplyTypes: [...types.supplyTypes].sort() };
}

/** Every node that is not a firm, with its labels and properties, and the relationships among them. */
async function nonNetwork() {
  const rows = await query<{ labels: string[]; props: Record<string, unknown>; types: string[] }>(
    // The data version and the audit sequence move with the import itself.
    `MATCH (n) WHERE NOT n:Firm AND NOT (n:Meta AND n.key IN ['dataVersion', 'auditSeq'])
     RETURN labels(n) AS labels, properties(n) AS props, [k IN keys(n) | k + ' ' + valueType(n[k])] AS types`,
  );
  for (const row of rows) row.types.sort();
  const rels = await query<{ rel: string }>('MATCH (a)-[r]->(b) WHERE NOT a:Firm AND NOT b:Firm RETURN type(r) + \' \' + a.id + \' \' + b.id AS rel');
  const key = (x: unknown) => JSON.stringify(x, (_k, v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));
  return { nodes: rows.map(key).sort(), rels: rels.map((r) => r.rel).sort() };
}

it('stores the same network as the Cypher path and keeps tokens, audit and every other non-network node', async () => {
  expect((await h.call('POST', '/api/import?mode=replace', base, asEditor)).status).toBe(201);
  const token = await h.tokenFor('analyst');
  // A node of every property type, and a tier spell linked to a firm (the Cypher replace drops that link).
  await query(
    `CREATE (:Keepsake {id: 'k1', s: 'text', i: 42, d: 1.5, b: true, strings: ['a', 'b'], longs: [1, 2], doubles: [0.5],
       bools: [true, false], date: date('2026-12-01'), at: datetime('2026-12-01T10:00:00Z'), local: localdatetime('2026-12-01T10:00'),
       time: time('10:00+09:00'), span: duration('P1DT2H'), place: point({x: 1, y: 2}), geo: point({longitude: 129, latitude: 35})})
       -[:KEEPS {since: 2020, note: 'edge'}]->(:Keepsake {id: 'k2'})`,
  );
  await query("MATCH (f:Firm {id: 'base7'}) CREATE (f)-[:HAD_TIER]->(:TierSpell {firmId: 'base7', tier: 'sme', from: 2020})");
  const before = await nonNetwork();
  const versionBefore = (await h.call('GET', '/api/health')).body.dataVersion as number;

  const offline = importCli(files(small));
  const run = await offline.done;
  expect(run.code, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(report).toMatchObject({ mode: 'replace', written: { firms: 1_500, supplies: smallNetwork.supplies.supplier.length }, dataVersion: versionBefore + 1 });
  for (const stage of ['importer:', 'indexing:', 'swap…']) expect(run.stderr).toContain(stage);
  expect((await h.call('GET', '/api/health')).body).toMatchObject({ firms: 1_500, supplies: smallNetwork.supplies.supplier.length, dataVersion: versionBefore + 1 });
  const viaOffline = await storedNetwork();

  // The import left the store's snapshot in it: a server's first load reads that, and it equals a load over Bolt.
  expect(report.stages.snapshotMs).toBeGreaterThanOrEqual(0);
  const fromImport = await new SnapshotStore(h.db, { storeHome: liveLink(dataDir) }).get();
  expect(fromImport.source).toBe('import');
  expect(snapshotContent(fromImport.snapshot)).toEqual(snapshotContent((await loadSnapshot(h.db)).snapshot));

  // Kept: the token still authenticates, every other node is as it was, and the audit gained the import.
  expect((await h.call('GET', '/api/scenarios', undefined, token)).status).toBe(200);
  expect(await nonNetwork()).toEqual({ nodes: expect.arrayContaining(before.nodes), rels: before.rels.filter((r) => !r.startsWith('HAD_TIER')) });
  const audit = await query<{ details: string }>("MATCH (a:AuditEntry {action: 'import'}) RETURN a.details AS details ORDER BY a.seq DESC LIMIT 1");
  expect(JSON.parse(audit[0].details)).toMatchObject({ mode: 'replace', dataVersion: versionBefore + 1 });
  expect(await query("MATCH (:TierSpell {firmId: 'base7'}) RETURN 1 AS one")).toHaveLength(1);

  const cypherRun = await importCli([...files(small), '--engine', 'cypher']).done;
  expect(cypherRun.code, cypherRun.stderr).toBe(0);
  expect(await storedNetwork()).toEqual(viaOffline);
  // Another generation in the same store: the store's file is not for it.
  expect((await new SnapshotStore(h.db, { storeHome: liveLink(dataDir) }).get()).source).toBe('neo4j');
  expect(viaOffline.firms[0].props).toMatchObject({ id: smallNetwork.firms.map((f) => f.id).sort()[0] });
}, 900_000);

it('refuses invalid data with the same problems as the Cypher path and leaves nothing behind', async () => {
  const bad = path.join(dir, 'bad');
  fs.mkdirSync(bad);
  const data = smallDataset(20, 'bad');
  data.supplies.push({ supplier: 'bad1', buyer: 'nobody', value: 5 });
  fs.writeFileSync(path.join(bad, 'firms.ndjson'), data.firms.map((f) => JSON.stringify(f)).join('\n'));
  fs.writeFileSync(path.join(bad, 'supplies.ndjson'), data.supplies.map((x) => JSON.stringify(x)).join('\n'));
  const health = (await h.call('GET', '/api/health')).body;
  const offline = await importCli(files(bad, 'ndjson')).done;
  const cypherRun = await importCli([...files(bad, 'ndjson'), '--engine', 'cypher']).done;
  expect(offline.code).toBe(1);
  expect(offline.stderr.split('\n').filter((l) => l.startsWith('  '))).toEqual(cypherRun.stderr.split('\n').filter((l) => l.startsWith('  ')));
  expect(offline.stderr).toContain('unknown firm "nobody"');
  expect((await h.call('GET', '/api/health')).body).toEqual(health);
  expect(fs.readdirSync(path.join(dataDir, 'import'))).toEqual([]);
}, 300_000);

/** Waits until `test` holds, polling. */
async function until(test: () => boolean | Promise<boolean>, what: string, ms = 600_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const liveStores = () => fs.readdirSync(path.join(dataDir, 'stores'));

it('survives a SIGKILL of the CLI while the importer runs, and a later import succeeds', async () => {
  const health = (await h.call('GET', '/api/health')).body;
  const cli = importCli(files(large));
  await until(() => /importer: [\d,]+ \([1-9]/.test(cli.stderr()), 'the importer to make progress');
  cli.child.kill('SIGKILL');
  await cli.done;
  expect(liveStores().length).toBe(2); // the live store and the abandoned staged one
  expect((await h.call('GET', '/api/health')).body).toEqual(health);
  expect((await h.call('GET', `/api/firms/${smallNetwork.firms[0].id}`)).status).toBe(200);

  const next = await importCli(files(small)).done;
  expect(next.code, next.stderr).toBe(0);
  expect((await h.call('GET', '/api/health')).body).toMatchObject({ firms: 1_500, dataVersion: health.dataVersion + 1 });
  expect((await new SnapshotStore(h.db, { storeHome: liveLink(dataDir) }).get()).source).toBe('import');
  // A merge changes the data in place: the store's file no longer describes it.
  const firm = smallNetwork.firms[0];
  expect((await h.call('POST', '/api/import?mode=merge', { firms: [{ ...firm, revenue: firm.revenue * 2 }], supplies: [] }, asEditor)).status).toBe(201);
  const afterMerge = await new SnapshotStore(h.db, { storeHome: liveLink(dataDir) }).get();
  expect(afterMerge.source).toBe('neo4j');
  expect(afterMerge.snapshot.revenue[afterMerge.snapshot.index.get(firm.id)!]).toBe(firm.revenue * 2);
  await until(() => liveStores().length === 1, 'the leftover stores to be removed', 120_000);
  expect(fs.readdirSync(path.join(dataDir, 'import'))).toEqual([]);
}, 900_000);

function pids(match: (commandLine: string) => boolean): number[] {
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number).filter((pid) => {
    try {
      return match(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      return false;
    }
  });
}

it('survives a SIGKILL of the Neo4j JVM during the swap, and a later import succeeds', async () => {
  const health = (await h.call('GET', '/api/health')).body;
  const live = JSON.parse(fs.readFileSync(path.join(dataDir, 'neo4j.pid'), 'utf8')).pid as number;
  const cli = importCli(files(large));
  // The swap JVM runs beside the live one until it stops it; it is killed once the live one is gone.
  const swapJvm = () => pids((c) => c.includes('LocalNeo4j') && c.includes(' copy ') && c.includes(dataDir)).filter((p) => p !== live);
  await until(() => swapJvm().length === 1, 'the swap JVM');
  const [victim] = swapJvm();
  await until(() => pids((c) => c.includes('LocalNeo4j')).every((p) => p !== live), 'the live JVM to stop');
  process.kill(victim, 'SIGKILL');
  const run = await cli.done;

  // Whatever the kill interrupted, the data served is complete: the previous network, or the new one.
  await h.db.waitUntilReady(300_000);
  const after = (await h.call('GET', '/api/health')).body;
  if (after.firms === 20_000) {
    expect(after).toMatchObject({ supplies: largeNetwork.supplies.supplier.length, dataVersion: health.dataVersion + 1 });
    // The CLI says the import took effect (3: the kill came after the switch, and the database was restarted) and audits it.
    expect([0, 3], run.stderr).toContain(run.code);
    if (run.code === 3) expect(run.stderr).toMatch(/The import was published: the new data is live \(data version \d+\), but its database stopped right after the switch/);
    const [audit] = await query<{ details: string }>("MATCH (a:AuditEntry {action: 'import'}) RETURN a.details AS details ORDER BY a.seq DESC LIMIT 1");
    expect(JSON.parse(audit.details)).toMatchObject({ mode: 'replace', dataVersion: after.dataVersion });
  } else {
    expect(after).toEqual(health);
    expect(run.code).toBe(1);
  }
  const firm = after.firms === 20_000 ? largeNetwork.firms[0].id : smallNetwork.firms[0].id;
  expect((await h.call('GET', `/api/firms/${firm}`)).status).toBe(200);

  const next = await importCli(files(small)).done;
  expect(next.code, next.stderr).toBe(0);
  expect((await h.call('GET', '/api/health')).body).toMatchObject({ firms: 1_500, dataVersion: after.dataVersion + 1 });
}, 900_000);
