/**
 * Starts the real server the way the README does (`server/main.ts` with no NEO4J_URI: it launches its own
 * local Neo4j and loads the Busan seed), on a temporary data directory and a free port, and hands its
 * URL and editor token to the browser tests. The client must have been built (npm test does it first).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROJECT_ROOT } from '../../server/db/localNeo4j.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminToken: string;
    /** The admin token's former name. */
    editorToken: string;
  }
}

const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

export default async function setup(project: TestProject) {
  if (!fs.existsSync(path.join(PROJECT_ROOT, 'client', 'dist', 'index.html'))) {
    throw new Error('client/dist is missing: run `npm run build:client` first (npm test does).');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-e2e-'));
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: '', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', NEO4J_HEAP: '1g', NEO4J_PAGECACHE: '256m', ANCHORAGE_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 240 s:\n${output}`)), 240_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /running at (http:\/\/\S+?)\/?\s/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${output}`));
    });
  });
  project.provide('baseUrl', baseUrl);
  project.provide('adminToken', ADMIN_TOKEN);
  project.provide('editorToken', ADMIN_TOKEN);
  return async () => {
    const exited = server.exitCode !== null || server.signalCode !== null ? Promise.resolve() : new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
