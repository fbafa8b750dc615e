/**
 * Connects to the configured Neo4j: the one at NEO4J_URI, or the project-managed local one, which is
 * restarted on the same port if it dies (clients see 503s meanwhile, and the driver reconnects).
 */
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { Database } from './database.ts';
import { localNeo4jPassword, runningLocalNeo4j, startLocalNeo4j, type LocalNeo4j } from './localNeo4j.ts';
import { applySchema } from './schema.ts';

export interface Connection {
  db: Database;
  uri: string;
  local: boolean;
  close(): Promise<void>;
}

const RESTART_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export interface ConnectOptions {
  /** Waits before each restart of a local Neo4j that died (the last one repeats). */
  restartDelaysMs?: number[];
}

export async function connect(config: Config, log: Logger, options: ConnectOptions = {}): Promise<Connection> {
  const restartDelays = options.restartDelaysMs ?? RESTART_DELAYS_MS;
  const shared = config.NEO4J_URI ? null : runningLocalNeo4j(config.dataDir);
  const uri = config.NEO4J_URI ?? shared;
  if (uri) {
    const db = config.NEO4J_URI
      ? new Database({ uri, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE })
      : new Database({ uri, user: 'neo4j', password: localNeo4jPassword(config.dataDir) });
    const version = await db.waitUntilReady(60_000);
    log.info(`Connected to Neo4j ${version} at ${uri}${shared ? ' (the local Neo4j of the running server)' : ''}`);
    await applySchema(db);
    return { db, uri, local: false, close: () => db.close() };
  }

  let stopping = false;
  let current: LocalNeo4j;
  const launch = (port?: number) =>
    startLocalNeo4j({ dataDir: config.dataDir, heap: config.NEO4J_HEAP, pageCache: config.NEO4J_PAGECACHE, port, log: (m) => log.info(m) });

  const supervise = (instance: LocalNeo4j, attempt = 0) => {
    void instance.exited.then(async (code) => {
      if (stopping) return;
      const port = Number(new URL(instance.uri).port);
      for (let i = attempt; !stopping; i++) {
        const delay = restartDelays[Math.min(i, restartDelays.length - 1)];
        log.warn(`Local Neo4j stopped unexpectedly (exit ${code}); restarting in ${delay / 1000} s`);
        await new Promise((r) => setTimeout(r, delay));
        if (stopping) return;
        try {
          current = await launch(port);
          log.info('Local Neo4j is back');
          supervise(current);
          return;
        } catch (error) {
          log.error(`Restarting local Neo4j failed: ${(error as Error).message}`);
        }
      }
    });
  };

  current = await launch();
  supervise(current);
  const db = new Database({ uri: current.uri, user: 'neo4j', password: current.password });
  await db.waitUntilReady(60_000);
  log.info(`Local Neo4j ${current.version} ready at ${current.uri}`);
  await applySchema(db);
  return {
    db,
    uri: current.uri,
    local: true,
    async close() {
      stopping = true;
      await db.close().catch(() => {});
      await current.stop();
    },
  };
}
