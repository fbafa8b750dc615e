/**
 * The JVM jobs of an offline replace (neo4j/LocalNeo4j.java's import, index and copy modes), each on a
 * store no Bolt client reaches. Every job holds our pipe on its standard input and stops when we go, so
 * a killed import or server never leaves one writing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cypher } from './cypher.ts';
import { prepareLocalNeo4j } from './localNeo4j.ts';
import { schemaStatements } from './schema.ts';

class OfflineStoreError extends Error {}

/** The importer's input: a header file and a body file for the firms and for the supplies. */
export interface ImporterInput {
  firms: [header: string, body: string];
  supplies: [header: string, body: string];
  /** Some quoted field holds a line break (the importer then has to parse slower). */
  multiline: boolean;
}

interface JobOptions {
  heap: string;
  env?: Record<string, string>;
  onLine?: (line: string) => void;
}

function runJob(args: string[], options: JobOptions): Promise<string> {
  const { classpath } = prepareLocalNeo4j();
  return new Promise((resolve, reject) => {
    const child = spawn('java', [`-Xmx${options.heap}`, '-XX:+UseG1GC', '-cp', classpath, 'LocalNeo4j', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    child.stdin.on('error', () => {});
    let tail = '';
    let partial = '';
    const take = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-8000);
      const lines = (partial + text).split(/\r?\n|\r/);
      partial = lines.pop() ?? '';
      for (const line of lines) options.onLine?.(line);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (partial) options.onLine?.(partial);
      if (code === 0) resolve(tail);
      else reject(new OfflineStoreError(`${args[0]} job ended (${signal ?? `exit ${code}`}):\n${tail.slice(-3000)}`));
    });
  });
}

/**
 * Runs `neo4j-admin database import full` into `home` (a new NEO4J_HOME). `onProgress` gets the share
 * done over the importer's own stages, read from its progress lines ("(2/4) Relationship import", "45% ∆…").
 */
export async function runImporter(home: string, input: ImporterInput, onProgress: (fraction: number, stage: string) => void): Promise<number> {
  fs.mkdirSync(path.join(home, 'conf'), { recursive: true });
  fs.writeFileSync(path.join(home, 'conf', 'neo4j.conf'), '');
  let stage = 0;
  let stages = 1;
  let name = 'starting';
  let toolMs = NaN;
  await runJob(
    [
      'import', 'database', 'import', 'full', 'neo4j',
      '--id-type=integer', `--multiline-fields=${input.multiline}`,
      `--report-file=${path.join(home, 'import.report')}`,
      `--nodes=Firm=${input.firms.join(',')}`, `--relationships=SUPPLIES=${input.supplies.join(',')}`,
    ],
    {
      heap: '2g',
      env: { NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') },
      onLine(line) {
        const started = /^\((\d+)\/(\d+)\) (.+?)\s*(?:\d{4}-\d\d-\d\d.*)?$/.exec(line.trim());
        if (started) {
          stage = Number(started[1]) - 1;
          stages = Number(started[2]);
          name = started[3];
          onProgress(stage / stages, name);
        }
        const percent = /(\d+)% ∆/.exec(line);
        if (percent) onProgress((stage + Number(percent[1]) / 100) / stages, name);
        const done = /IMPORT DONE in (?:(\d+)m )?(?:(\d+)s )?(\d+)ms/.exec(line);
        if (done) toolMs = Number(done[1] ?? 0) * 60_000 + Number(done[2] ?? 0) * 1000 + Number(done[3]);
      },
    },
  );
  return toolMs;
}

/**
 * Creates the schema of cypher/schema/ on the staged store and waits until every index is online, so the
 * store never goes live un-indexed. `onProgress` gets the share of index population done. `statements`
 * (names under cypher/) narrows it, for measuring one index at a time.
 */
export async function buildIndexes(home: string, onProgress: (fraction: number) => void, statements = schemaStatements()): Promise<void> {
  const dir = fs.mkdtempSync(path.join(home, 'schema-'));
  try {
    statements.forEach((name, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}.cypher`), cypher(name)));
    await runJob(['index', home, '512m', dir], {
      heap: '2g',
      onLine(line) {
        const m = /^INDEX (\d+)/.exec(line);
        if (m) onProgress(Number(m[1]) / 100);
      },
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
