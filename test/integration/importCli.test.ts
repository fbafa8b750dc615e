/** `npm run import`: the same validation and all-or-nothing write as the API, from files, with progress. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, inject } from 'vitest';
import { PROJECT_ROOT } from '../../server/db/localNeo4j.ts';
import { smallDataset, toCsv } from '../support/fixtures.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-cli-'));

function importCli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server', 'cli', 'import.ts'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_USER: 'neo4j', NEO4J_PASSWORD: inject('neo4jPassword'), LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

async function counts() {
  return (await h.call('GET', '/api/health')).body as { firms: number; supplies: number };
}

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('imports a JSON file, printing progress on stderr and the report on stdout', async () => {
  const file = path.join(dir, 'network.json');
  fs.writeFileSync(file, JSON.stringify(smallDataset(60, 'cli')));
  const run = importCli('--json', file, '--mode', 'replace');
  expect(run.status, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ mode: 'replace', written: { firms: 60, supplies: 59 } });
  expect(run.stderr).toMatch(/supplies: 59 \(100%\)/);
  expect(run.stderr).toMatch(/publish/);
  expect(await counts()).toMatchObject({ firms: 60, supplies: 59 });
});

it('refuses bad CSV rows by line and field, exits 1 and writes nothing', async () => {
  const d = smallDataset(30, 'bad');
  d.supplies.push({ supplier: 'bad3', buyer: 'nobody', value: 5 });
  fs.writeFileSync(path.join(dir, 'firms.csv'), toCsv(d.firms, ['id', 'name', 'tier', 'sector', 'region', 'district', 'revenue', 'employees']));
  fs.writeFileSync(path.join(dir, 'supplies.csv'), toCsv(d.supplies, ['supplier', 'buyer', 'value', 'year']));
  const run = importCli('--firms', path.join(dir, 'firms.csv'), '--supplies', path.join(dir, 'supplies.csv'), '--mode', 'replace');
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/supplies\[29\] \(line 31\) buyer: unknown firm "nobody"/);
  expect(await counts()).toMatchObject({ firms: 60, supplies: 59 });
});
