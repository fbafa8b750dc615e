/** Without Java on the PATH and no NEO4J_URI, the server stops at once with one clear message. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/db/localNeo4j.ts';

it('says what to install, or which variable to set, when Java is missing', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-nojava-'));
  // A PATH holding only node itself: no java, no mvn.
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-bin-'));
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env: { PATH: bin, HOME: os.tmpdir(), DATA_DIR: dataDir, PORT: '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(bin, { recursive: true, force: true });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/java was not found/);
  expect(result.stderr).toMatch(/Java 17/);
  expect(result.stderr).toMatch(/NEO4J_URI/);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
});
