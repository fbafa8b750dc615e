/**
 * schemathesis (PyPI) over the whole OpenAPI document with every check enabled, against the real app on
 * the test Neo4j, as the admin (so that the role-guarded operations are exercised too, and `ignored_auth`
 * checks that they refuse requests without it). It must find nothing. schemathesis is installed into a
 * virtual environment under .tmp/ on first use (Python 3 with venv is needed: scripts/ensure-tools.sh).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/db/localNeo4j.ts';
import { smallDataset } from '../support/fixtures.ts';
import { ADMIN_TOKEN, asAdmin, startHarness, type Harness } from './harness.ts';

const SCHEMATHESIS = 'schemathesis==4.32.5';
const VENV = path.join(PROJECT_ROOT, '.tmp', 'schemathesis-venv');
const ST = path.join(VENV, 'bin', 'st');

let h: Harness;

function ensureSchemathesis(): void {
  const marker = path.join(VENV, `.installed-${SCHEMATHESIS}`);
  if (fs.existsSync(marker)) return;
  fs.rmSync(VENV, { recursive: true, force: true });
  execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
  execFileSync(path.join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', SCHEMATHESIS], { stdio: 'inherit' });
  fs.writeFileSync(marker, '');
}

beforeAll(async () => {
  ensureSchemathesis();
  h = await startHarness();
  expect((await h.call('POST', '/api/import?mode=replace', smallDataset(60, 's'), asAdmin)).status).toBe(201);
  const start = await h.call('POST', '/api/metrics/recompute', undefined, asAdmin);
  for (let i = 0; i < 600 && (await h.call('GET', `/api/jobs/${start.body.jobId}`)).body.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
}, 600_000);
afterAll(async () => h?.close());

it('finds nothing over every operation with every check', async () => {
  const args = [
    '--config-file', path.join(PROJECT_ROOT, 'test', 'schemathesis', 'schemathesis.toml'),
    'run', `${h.baseUrl}/api/openapi.json`,
    '--checks', 'all',
    '--header', `Authorization: Bearer ${ADMIN_TOKEN}`,
    '--phases', 'examples,coverage,fuzzing,stateful',
    '--max-examples', '20',
    '--seed', '20261201',
    // One worker: hypothesis parses lambdas' source with ast, which CPython 3.11 cannot do from two threads at once.
    '--workers', '1',
    '--request-timeout', '30',
    '--no-color',
  ];
  const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
    const child = spawn(ST, args, { env: { ...process.env, PYTHONUNBUFFERED: '1' } });
    let text = '';
    child.stdout.on('data', (c) => (text += c));
    child.stderr.on('data', (c) => (text += c));
    child.on('close', (code) => resolve({ code, text }));
  });
  expect(output.code, output.text.slice(-20_000)).toBe(0);
  expect(output.text).toMatch(/passed/i);
}, 1_500_000);
