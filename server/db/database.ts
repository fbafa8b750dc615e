/**
 * One driver per process, with managed transactions only. Services receive a `Database`, so tests can
 * hand them one connected to another server.
 */
import neo4j, { type Driver, type ManagedTransaction, type RecordShape, type Transaction } from 'neo4j-driver';
import { cypher } from './cypher.ts';

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Cluster.NotALeader',
]);

export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  const message = (error as Error | null)?.message ?? '';
  return /connect|ECONNREFUSED|ECONNRESET|socket|Pool is closed|closed the connection/i.test(message) && !code?.startsWith('Neo.ClientError');
}

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

export type Params = Record<string, unknown>;

const PROBE_INTERVAL_MS = 1_000;

export class Database {
  readonly driver: Driver;
  readonly database: string | undefined;
  /** Causal consistency across sessions: on a cluster, a read after a write sees that write. */
  private readonly bookmarks = neo4j.bookmarkManager();

  constructor(options: DatabaseOptions) {
    const auth = options.password ? neo4j.auth.basic(options.user, options.password) : undefined;
    this.driver = neo4j.driver(options.uri, auth, {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 50,
      connectionAcquisitionTimeout: 10_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 5_000,
    });
    this.database = options.database;
  }

  /**
   * False while the server is known to be unreachable. Requests then fail at once with
   * DatabaseUnavailableError (a fast 503) instead of each waiting out the driver's connection timeouts and
   * retries; a probe every second closes the circuit as soon as the server answers again.
   */
  reachable = true;
  private closed = false;

  async verify(): Promise<string> {
    return this.guard(async () => {
      const info = await this.driver.getServerInfo();
      return info.agent?.replace(/^Neo4j\//, '') ?? 'unknown';
    });
  }

  private async guard<R>(work: () => Promise<R>): Promise<R> {
    if (!this.reachable) throw new DatabaseUnavailableError('The graph database is not reachable.');
    try {
      return await work();
    } catch (error) {
      const translated = translate(error);
      if (translated instanceof DatabaseUnavailableError) this.markUnreachable();
      throw translated;
    }
  }

  private markUnreachable(): void {
    if (!this.reachable || this.closed) return;
    this.reachable = false;
    const probe = () => {
      if (this.closed) return;
      this.driver.getServerInfo().then(
        () => {
          this.reachable = true;
        },
        () => setTimeout(probe, PROBE_INTERVAL_MS).unref(),
      );
    };
    setTimeout(probe, PROBE_INTERVAL_MS).unref();
  }

  /** Waits until the server answers, or throws after `timeoutMs`. */
  async waitUntilReady(timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const info = await this.driver.getServerInfo();
        this.reachable = true;
        return info.agent?.replace(/^Neo4j\//, '') ?? 'unknown';
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private session(mode: 'READ' | 'WRITE', fetchSize?: number) {
    return this.driver.session({
      database: this.database,
      fetchSize,
      bookmarkManager: this.bookmarks,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
  }

  /** Runs the named statement in a read transaction and returns plain objects. */
  async read<T extends RecordShape = RecordShape>(name: string, params: Params = {}): Promise<T[]> {
    return this.readTx((tx) => run<T>(tx, name, params));
  }

  async write<T extends RecordShape = RecordShape>(name: string, params: Params = {}): Promise<T[]> {
    return this.writeTx((tx) => run<T>(tx, name, params));
  }

  /**
   * Reads time out after `timeoutMs` (default 30 s): a bound on the cost of any one request. `fetchSize`:
   * records per batch from the server, for long streams (the driver's default is 1,000).
   */
  async readTx<R>(work: (tx: ManagedTransaction) => Promise<R>, timeoutMs = 30_000, fetchSize?: number): Promise<R> {
    return this.guard(async () => {
      const session = this.session('READ', fetchSize);
      try {
        return await session.executeRead(work, { timeout: timeoutMs });
      } finally {
        await session.close();
      }
    });
  }

  async writeTx<R>(work: (tx: ManagedTransaction) => Promise<R>, timeoutMs?: number): Promise<R> {
    return this.guard(async () => {
      const session = this.session('WRITE');
      try {
        return await session.executeWrite(work, timeoutMs ? { timeout: timeoutMs } : undefined);
      } finally {
        await session.close();
      }
    });
  }

  /**
   * One explicit write transaction fed from a stream (a merge import). Not a managed transaction: a retry
   * would have to replay input that has already been consumed, so a transient failure fails the import
   * (which changed nothing) instead.
   */
  async streamingWrite<R>(work: (tx: Transaction) => Promise<R>): Promise<R> {
    const session = this.session('WRITE');
    const tx = session.beginTransaction();
    try {
      const result = await work(tx);
      await tx.commit();
      return result;
    } catch (error) {
      if (tx.isOpen()) await tx.rollback().catch(() => {});
      throw translate(error);
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.driver.close();
  }
}

export async function run<T extends RecordShape = RecordShape>(tx: ManagedTransaction | Transaction, name: string, params: Params = {}): Promise<T[]> {
  const result = await tx.run(cypher(name), params);
  return result.records.map((r) => r.toObject() as T);
}

function translate(error: unknown): unknown {
  if (isUnavailable(error)) {
    const wrapped = new DatabaseUnavailableError('The graph database is not reachable.');
    wrapped.cause = error;
    return wrapped;
  }
  return error;
}
