/**
 * The README's promise about crashes: a server killed with SIGKILL (its local Neo4j then stops by itself)
 * starts again on the same data directory with the same data and no manual step.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/db/localNeo4j.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-restart-'));
const children: ChildProcess[] = [];

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: '', DATA_DIR: dataDir, PORT: '0', NEO4J_HEAP: '1g', NEO4J_PAGECACHE: '128m', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in 180 s:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /running at (http:\/\/\S+?)\/?\s/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await new Promise((r) => setTimeout(r, 2_000));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('comes back after SIGKILL with the same data', async () => {
  const first = await startServer();
  const before = (await (await fetch(`${first.url}/api/health`)).json()) as { firms: number; supplies: number };
  expect(before.firms).toBeGreaterThanOrEqual(3_000);
  first.child.kill('SIGKILL');

  const second = await startServer();
  const after = (await (await fetch(`${second.url}/api/health`)).json()) as { status: string; firms: number; supplies: number };
  expect(after).toMatchObject({ status: 'ok', firms: before.firms, supplies: before.supplies });
  const daeyang = await fetch(`${second.url}/api/firms/daeyang-electric`);
  expect(daeyang.status).toBe(200);
  second.child.kill('SIGTERM');
  await new Promise((r) => second.child.once('exit', r));
}, 400_000);
