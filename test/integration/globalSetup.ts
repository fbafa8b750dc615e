/**
 * Starts one real local Neo4j for the integration run (the product's own launcher, on a temporary data
 * directory) and hands its Bolt URI to the tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalNeo4j } from '../../server/db/localNeo4j.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jPassword: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-it-'));
  const neo4j = await startLocalNeo4j({ dataDir, heap: '1g', pageCache: '256m', log: (m) => process.stderr.write(`[neo4j] ${m}\n`) });
  project.provide('neo4jUri', neo4j.uri);
  project.provide('neo4jPassword', neo4j.password);
  return async () => {
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
