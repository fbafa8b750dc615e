/**
 * Connects to the configured Neo4j: the one at NEO4J_URI, or the project-managed local one, which is
 * restarted on the same port if it dies (clients see 503s meanwhile, and the driver reconnects).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { Database } from './database.ts';
import { isStoreHome, liveHome, removeLeftovers, switchLiveHome } from './liveStore.ts';
import { localNeo4jPassword, runningLocalNeo4j, startLocalNeo4j, type LocalNeo4j } from './localNeo4j.ts';
import { cypher } from './cypher.ts';
import { applySchema } from './schema.ts';
import { requestSwap, serveStoreControl, SwitchedSwapError, type SwapRequest, type SwapResult } from './storeControl.ts';

export interface Connection {
  db: Database;
  uri: string;
  local: boolean;
  /** The project-managed local Neo4j's stores (owned by this process or shared); absent for NEO4J_URI. */
  store?: LocalStore;
  close(): Promise<void>;
}

export interface LocalStore {
  dataDir: string;
  /** Swaps a staged store in (done by whoever owns the JVM: this process, or the server it shares). */
  replace(request: Omit<SwapRequest, 'op'>): Promise<SwapResult>;
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
    const store = shared ? { dataDir: config.dataDir, replace: (r: Omit<SwapRequest, 'op'>) => requestSwap(config.dataDir, { op: 'replace-store', ...r }) } : undefined;
    return { db, uri, local: false, store, close: () => db.close() };
  }

  let stopping = false;
  /** The instance a swap stops on purpose: its exit is not a crash to restart from. */
  let retiring: LocalNeo4j | null = null;
  let swapping: Promise<unknown> = Promise.resolve();
  let restarting: Promise<void> | null = null;
  /** Aborted by close(): a restart still starting its JVM gives up and kills it, so no JVM outlives the server. */
  const closing = new AbortController();
  let current: LocalNeo4j;
  const settings = { dataDir: config.dataDir, heap: config.NEO4J_HEAP, pageCache: config.NEO4J_PAGECACHE, log: (m: string) => log.info(m) };
  const launch = (port?: number) => startLocalNeo4j({ ...settings, port, signal: closing.signal });

  const supervise = (instance: LocalNeo4j, attempt = 0) => {
    void instance.exited.then(async (code) => {
      // One restart loop at a time: two would stop each other's JVM as a leftover.
      if (stopping || instance === retiring || restarting) return;
      const port = Number(new URL(instance.uri).port);
      restarting = restart(port, code, attempt).finally(() => {
        restarting = null;
      });
    });
  };
  const restart = async (port: number, code: number | null, attempt: number) => {
    for (let i = attempt; !stopping; i++) {
      const delay = restartDelays[Math.min(i, restartDelays.length - 1)];
      log.warn(`Local Neo4j stopped unexpectedly (exit ${code}); restarting in ${delay / 1000} s`);
      await sleep(delay, undefined, { signal: closing.signal }).catch(() => {});
      if (stopping) return;
      try {
        current = await launch(port);
        log.info('Local Neo4j is back');
        supervise(current);
        return;
      } catch (error) {
        if (stopping) return;
        log.error(`Restarting local Neo4j failed: ${(error as Error).message}`);
      }
    }
  };

  current = await launch();
  supervise(current);
  const db = new Database({ uri: current.uri, user: 'neo4j', password: current.password });
  await db.waitUntilReady(60_000);
  log.info(`Local Neo4j ${current.version} ready at ${current.uri}`);
  await applySchema(db);

  /**
   * The swap of docs/SCALING.md "Offline importer". A new JVM opens the staged store (without Bolt) while
   * the live one serves; then the live DBMS stops (requests get 503 from here), the new JVM copies the
   * non-network data over and publishes the generation, the live link is switched by one rename, and the
   * new JVM opens Bolt on the same port. A failure before the rename starts the old store again; the old
   * store is removed in the background after it.
   */
  const swap = async (request: Omit<SwapRequest, 'op'>): Promise<SwapResult> => {
    if (!isStoreHome(config.dataDir, request.home)) throw new Error('the staged store is not under this data directory');
    const port = Number(new URL(current.uri).port);
    const previous = current;
    const from = liveHome(config.dataDir);
    let stoppedAt = 0;
    /** The data version the new store published, once the live link points to it. */
    let switched: number | null = null;
    try {
      // Not abandoned by close(): once the old JVM is stopped, this start is what brings the data back.
      current = await startLocalNeo4j({
        ...settings,
        port,
        swap: {
          from,
          publish: cypher('import/publish-generation'),
          ...request,
          async stopOld() {
            stoppedAt = performance.now();
            retiring = previous;
            await previous.stop();
          },
          switched(copied) {
            switchLiveHome(config.dataDir, request.home);
            switched = copied.version;
          },
        },
      });
    } catch (error) {
      if (stoppedAt > 0) {
        // The old JVM was stopped: start whichever store is live now (the old one unless the switch happened).
        // Its exit may still be on its way: after it, exactly one restart loop runs (see supervise).
        retiring = null;
        current = previous;
        await previous.exited;
        supervise(previous);
        if (switched !== null) {
          log.warn('The new store is live but its JVM did not start; restarting it');
          const why = (error as Error).message.split('\n')[0];
          throw new SwitchedSwapError(`the new data is live (data version ${switched}), but its database stopped right after the switch (${why}); it is being restarted`, switched);
        }
      }
      throw error;
    }
    supervise(current);
    await db.waitUntilReady(60_000);
    const unavailableMs = Math.round(performance.now() - stoppedAt);
    log.info(`Swapped in the store of generation ${request.generation}; the database was unavailable for ${unavailableMs} ms`);
    void removeLeftovers(config.dataDir).catch(() => {});
    const copied = current.copied!;
    return { version: copied.version, unavailableMs, copied: { nodes: copied.nodes, relationships: copied.relationships, dropped: copied.dropped } };
  };
  /** One swap at a time. */
  const replace = (request: Omit<SwapRequest, 'op'>): Promise<SwapResult> => {
    const next = swapping.then(() => swap(request));
    swapping = next.catch(() => {});
    return next;
  };
  const closeControl = serveStoreControl(config.dataDir, (r) => replace(r), (m) => log.warn(m));

  return {
    db,
    uri: current.uri,
    local: true,
    store: { dataDir: config.dataDir, replace },
    async close() {
      stopping = true;
      closing.abort();
      closeControl();
      await db.close().catch(() => {});
      await restarting;
      await current.stop();
    },
  };
}
