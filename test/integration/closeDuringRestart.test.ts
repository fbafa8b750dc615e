/**
 * Stopping the server while it restarts a local Neo4j that died must not leave the new JVM behind: a
 * starting DBMS ignores SIGTERM and would otherwise serve on, owned by nobody, until someone kills it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { connect } from '../../server/db/connect.ts';
import { isAlive } from '../../server/db/liveStore.ts';
import { createLogger } from '../../server/log.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-close-restart-'));
const pidFile = path.join(dataDir, 'neo4j.pid');
const pidIn = () => (JSON.parse(fs.readFileSync(pidFile, 'utf8')) as { pid: number }).pid;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it('close() during a restart stops the JVM being started', async () => {
  const config = loadConfig({ DATA_DIR: dataDir, NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '64m' });
  const connection = await connect(config, createLogger('silent'), { restartDelaysMs: [0] });
  const first = pidIn();
  process.kill(first, 'SIGKILL');

  // The restart writes the new JVM's pid as soon as it is spawned, long before that JVM is ready.
  let second = first;
  for (let i = 0; i < 400 && second === first; i++) {
    await pause(25);
    if (fs.existsSync(pidFile)) second = pidIn();
  }
  expect(second).not.toBe(first);
  expect(isAlive(second)).toBe(true);

  await connection.close();
  for (let i = 0; i < 100 && isAlive(second); i++) await pause(100);
  expect(isAlive(second)).toBe(false);
}, 120_000);
