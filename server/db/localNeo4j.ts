/**
 * The project-managed local Neo4j (used when NEO4J_URI is not set).
 *
 * Jars come from Maven Central through neo4j/pom.xml into .neo4j/lib (git-ignored; resolved once, so later
 * starts are offline), and neo4j/LocalNeo4j.java is compiled once into .neo4j/classes. The database runs
 * as a child JVM whose standard input we hold: when this process ends, however it ends, the pipe closes
 * and the JVM shuts the database down. A pid file in the data directory lets the next start stop a JVM
 * left behind by a killed run before it opens the store.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive, liveHome, removeLeftovers } from './liveStore.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const POM = path.join(PROJECT_ROOT, 'neo4j', 'pom.xml');
const LAUNCHER = path.join(PROJECT_ROOT, 'neo4j', 'LocalNeo4j.java');
const CACHE = path.join(PROJECT_ROOT, '.neo4j');
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;
/** A swap start also copies the non-network data and reopens the store. */
const SWAP_TIMEOUT_MS = 900_000;

export class LocalNeo4jError extends Error {}

export class SupersededError extends Error {
  override name = 'SupersededError';
}

/** What a swap start copied from the old store (see neo4j/LocalNeo4j.java, "copy"). */
export interface CopyResult {
  nodes: number;
  relationships: number;
  /** Relationships between copied nodes and :Firm nodes, dropped as the Cypher replace drops them. */
  dropped: number;
  version: number;
}

/**
 * A start that takes the place of the running JVM (the offline replace's swap): the new JVM opens the
 * staged store while the old one still serves; `stopOld` then stops the old one; the new one copies the
 * non-network data over and publishes the generation; `switched` makes the staged store the live one
 * before Bolt opens on it.
 */
export interface SwapStart {
  home: string;
  from: string;
  publish: string;
  generation: number;
  firms: number;
  supplies: number;
  stopOld(): Promise<void>;
  switched(copied: CopyResult): void;
}

export interface LocalNeo4jOptions {
  dataDir: string;
  heap: string;
  pageCache: string;
  /** Bolt port; a free one is picked when absent. A restart passes the old port so clients reconnect. */
  port?: number;
  log?: (message: string) => void;
  swap?: SwapStart;
  /** Aborting it while the JVM starts kills the JVM (nothing has been served yet) and rejects. */
  signal?: AbortSignal;
}

export interface LocalNeo4j {
  uri: string;
  /** The neo4j user's password, kept in DATA_DIR/neo4j-password (owner-only). */
  password: string;
  version: string;
  pid: number;
  /** Resolves with the exit code when the JVM ends, for whatever reason. */
  exited: Promise<number | null>;
  /** Set after a swap start. */
  copied?: CopyResult;
  stop(): Promise<void>;
}

function hashOf(...files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(fs.readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

function requireTool(command: string, args: string[], what: string): void {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new LocalNeo4jError(
      `${command} was not found. The built-in local Neo4j needs ${what}. ` +
        'Install it, or set NEO4J_URI (with NEO4J_USER and NEO4J_PASSWORD) to use an existing Neo4j.',
    );
  }
}

/** Resolves the jars and compiles the launcher once per pom/launcher version. */
export function prepareLocalNeo4j(log: (m: string) => void = () => {}): { classpath: string } {
  const lib = path.join(CACHE, 'lib');
  const classes = path.join(CACHE, 'classes');
  const stamp = path.join(CACHE, 'stamp');
  const want = hashOf(POM, LAUNCHER);
  const classpath = `${classes}${path.delimiter}${path.join(lib, '*')}`;
  requireTool('java', ['-version'], 'Java 17 or newer (e.g. apt-get install openjdk-17-jdk-headless)');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return { classpath };

  requireTool('mvn', ['-v'], 'Maven 3 (e.g. apt-get install maven) to fetch its jars from Maven Central');
  fs.mkdirSync(CACHE, { recursive: true });
  const staging = path.join(CACHE, `lib.${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  log('Fetching Neo4j Community 5.26 from Maven Central (first start only)…');
  const mvn = spawnSync(
    'mvn',
    ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (mvn.status !== 0) {
    throw new LocalNeo4jError(`Maven could not fetch Neo4j:\n${(mvn.stdout + mvn.stderr).slice(-2000)}`);
  }
  fs.rmSync(lib, { recursive: true, force: true });
  fs.renameSync(staging, lib);

  log('Compiling the local Neo4j launcher…');
  fs.rmSync(classes, { recursive: true, force: true });
  const javac = spawnSync('javac', ['-d', classes, '-cp', path.join(lib, '*'), LAUNCHER], { encoding: 'utf8' });
  if (javac.status !== 0) {
    throw new LocalNeo4jError(`javac could not compile ${LAUNCHER}:\n${javac.stderr.slice(-2000)}`);
  }
  fs.writeFileSync(stamp, want);
  return { classpath };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function commandLineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

interface PidRecord {
  pid: number;
  ownerPid: number;
  uri: string;
}

function readPidFile(pidFile: string): PidRecord | null {
  try {
    const record = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as PidRecord;
    return Number.isInteger(record.pid) && Number.isInteger(record.ownerPid) ? record : null;
  } catch {
    return null;
  }
}

/** The local database's password: generated once into DATA_DIR/neo4j-password, readable by the owner only. */
export function localNeo4jPassword(dataDir: string): string {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, 'neo4j-password');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (fs.existsSync(file)) {
    const saved = fs.readFileSync(file, 'utf8').trim();
    if (saved.length >= 16) return saved;
  }
  const password = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

/**
 * The Bolt URI of a local Neo4j that a live process (a running server) already serves from this data
 * directory, so that a second process (the import or seed CLI) can share it instead of fighting for the
 * store lock.
 */
export function runningLocalNeo4j(dataDir: string): string | null {
  const record = readPidFile(path.join(path.resolve(dataDir), 'neo4j.pid'));
  if (!record || record.ownerPid === process.pid) return null;
  const live = isAlive(record.pid) && commandLineOf(record.pid).includes('LocalNeo4j') && isAlive(record.ownerPid);
  return live ? record.uri : null;
}

/** Stops a JVM that a killed earlier run left holding this data directory's store lock. */
async function stopLeftover(pidFile: string, dataDir: string, log: (m: string) => void): Promise<void> {
  const record = readPidFile(pidFile);
  fs.rmSync(pidFile, { force: true });
  if (!record) return;
  const { pid } = record;
  // Only a JVM of ours on a store of this data directory: a reused pid must not stop someone else's process.
  const commandLine = commandLineOf(pid);
  if (!isAlive(pid) || !commandLine.includes('LocalNeo4j') || !commandLine.includes(dataDir + path.sep)) return;
  log(`Stopping a local Neo4j (pid ${pid}) left running by an earlier start…`);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? (() => {});
  const { classpath } = prepareLocalNeo4j(log);
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  const password = localNeo4jPassword(dataDir);
  const pidFile = path.join(dataDir, 'neo4j.pid');
  const swap = options.swap;
  // A swap start runs beside the live JVM of this very process until it stops it.
  if (!swap) await stopLeftover(pidFile, dataDir, log);
  // The store the live link names (see liveStore.ts), or the staged one; a JVM serves one store until it stops.
  const dbDir = swap ? swap.home : liveHome(dataDir);
  const publishFile = path.join(dbDir, 'publish.cypher');
  if (swap) fs.writeFileSync(publishFile, swap.publish);
  // In the background: an old store of several GB must not delay the start. Not during a swap start: it
  // opens a staged store that only its importer's pid protects, and the swap's owner sweeps once it is done.
  if (!swap) void removeLeftovers(dataDir).then((dirs) => dirs.forEach((dir) => log(`Removed ${dir}, left by an earlier import or swap`)), () => {});

  const port = options.port ?? (await freePort());
  log(`Starting local Neo4j on bolt://127.0.0.1:${port} (data in ${dbDir})…`);
  const child: ChildProcess = spawn(
    'java',
    [
      `-Xmx${options.heap}`, '-XX:+UseG1GC', '-cp', classpath, 'LocalNeo4j', dbDir, String(port), options.pageCache,
      ...(swap ? ['copy', swap.from, publishFile, String(swap.generation), String(swap.firms), String(swap.supplies)] : []),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NEO4J_LOCAL_PASSWORD: password } },
  );
  const record: PidRecord = { pid: child.pid ?? -1, ownerPid: process.pid, uri: `bolt://127.0.0.1:${port}` };
  fs.writeFileSync(pidFile, JSON.stringify(record));

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    if (readPidFile(pidFile)?.pid === child.pid) fs.rmSync(pidFile, { force: true });
    resolve(code);
  }));
  let stderrTail = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });
  // The JVM must never block on a full pipe.
  child.stdin!.on('error', () => {});

  let copied: CopyResult | undefined;
  let superseded = false;
  const timeout = swap ? SWAP_TIMEOUT_MS : READY_TIMEOUT_MS;
  const version = await new Promise<string>((resolve, reject) => {
    let out = '';
    let warm = false;
    const timer = setTimeout(() => reject(new LocalNeo4jError(`Local Neo4j did not start within ${timeout / 1000} s.\n${stderrTail}`)), timeout);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (swap && !warm && out.includes('WARM\n')) {
        warm = true;
        swap.stopOld().then(() => child.stdin!.write('\n'), reject);
      }
      const c = /COPIED (\d+) (\d+) (\d+) VERSION (\d+)\n/.exec(out);
      if (swap && c && !copied) {
        copied = { nodes: Number(c[1]), relationships: Number(c[2]), dropped: Number(c[3]), version: Number(c[4]) };
        try {
          swap.switched(copied);
          child.stdin!.write('\n');
        } catch (error) {
          reject(error);
        }
      }
      if (out.includes('SUPERSEDED')) superseded = true;
      const m = /READY (\d+) (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[2]);
      }
    });
    const abort = () => reject(new LocalNeo4jError('The local Neo4j start was abandoned: the server is stopping.'));
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    void exited.then((code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      if (superseded) reject(new SupersededError('another import started while this one was being written; this one was not published'));
      reject(new LocalNeo4jError(`Local Neo4j exited during start (code ${code}).\n${stderrTail}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  }).finally(() => {
    if (swap) fs.rmSync(publishFile, { force: true });
  });

  return {
    uri: `bolt://127.0.0.1:${port}`,
    password,
    version,
    pid: child.pid ?? -1,
    exited,
    copied,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
