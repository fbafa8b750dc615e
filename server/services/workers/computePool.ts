/**
 * Threads for the all-metrics recompute: `threads` workers that hold the snapshot's arrays in shared memory
 * (copied once), run the tasks of computeTasks.ts as they become free (first asked, first run), and advance
 * KADABRA's sample streams between its stopping tests. With one thread the tasks run here, in order.
 *
 * Why: the recompute is a set of independent analyses (the solves, PageRank, Louvain, …) and betweenness
 * sampling, all single-threaded; on a 2-core machine the second core would sit idle. The results do not
 * depend on the number of threads: every task is deterministic, and the betweenness streams are counted in
 * whole numbers and summed at fixed τ (betweenness-kadabra.ts).
 */
import { Worker } from 'node:worker_threads';
import type { Snapshot } from '../../analytics/snapshot.ts';
import { streamShare, type StreamDriver } from '../../analytics/betweenness-kadabra.ts';
import { runComputeTask, type ComputeTask, type TaskArgs, type TaskResult } from './computeTasks.ts';

export interface ComputePool {
  readonly threads: number;
  /** Runs a task in the first free thread; `args` may depend on which thread (0..threads − 1) takes it. */
  run<K extends ComputeTask>(task: K, args?: TaskArgs<K> | ((thread: number) => TaskArgs<K>)): Promise<TaskResult<K>>;
  /** Advances KADABRA's streams in the pool's threads, one task per stream and round. */
  kadabraDriver(): StreamDriver;
  close(): Promise<void>;
}

interface Pending {
  task: ComputeTask;
  args: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Reply {
  id: number;
  result?: unknown;
  error?: { name: string; message: string; code?: string; field?: string };
}

export interface PoolOptions {
  threads: number;
  /** Called as a thread starts a task. */
  onTaskStart?: (task: ComputeTask) => void;
}

export function createComputePool(snapshot: Snapshot, options: PoolOptions): ComputePool {
  const threads = Math.max(1, Math.floor(options.threads));
  const onTaskStart = options.onTaskStart ?? (() => {});
  return threads === 1 ? inlinePool(snapshot, onTaskStart) : workerPool(snapshot, threads, onTaskStart);
}

/** The tasks in this thread, one after another, in the order asked. */
function inlinePool(snapshot: Snapshot, onTaskStart: (task: ComputeTask) => void): ComputePool {
  let queue: Promise<unknown> = Promise.resolve();
  const pool: ComputePool = {
    threads: 1,
    run(task, args) {
      const result = queue.then(() => {
        onTaskStart(task);
        return runComputeTask(task, snapshot, (typeof args === 'function' ? args(0) : args) as never);
      });
      queue = result.catch(() => {});
      return result;
    },
    kadabraDriver: () => streamDriver(pool, snapshot.n),
    close: async () => {},
  };
  return pool;
}

function workerPool(snapshot: Snapshot, threads: number, onTaskStart: (task: ComputeTask) => void): ComputePool {
  const shared = sharedSnapshot(snapshot);
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./computePoolEntry.mjs', import.meta.url), { workerData: { snapshot: shared } }));
  const busy: (Pending & { id: number } | null)[] = workers.map(() => null);
  const queue: Pending[] = [];
  let nextId = 1;
  let failure: Error | null = null;

  const dispatch = () => {
    for (let w = 0; w < threads && queue.length > 0; w++) {
      if (busy[w]) continue;
      const job = { ...queue.shift()!, id: nextId++ };
      busy[w] = job;
      const args = typeof job.args === 'function' ? (job.args as (thread: number) => unknown)(w) : job.args;
      workers[w].postMessage({ id: job.id, task: job.task, args });
      onTaskStart(job.task);
    }
  };
  const fail = (error: Error) => {
    failure ??= error;
    for (const job of [...busy, ...queue.splice(0)]) job?.reject(failure);
    busy.fill(null);
  };
  workers.forEach((worker, w) => {
    worker.on('message', (reply: Reply) => {
      const job = busy[w];
      if (!job || job.id !== reply.id) return;
      busy[w] = null;
      if (reply.error) job.reject(Object.assign(new Error(reply.error.message), reply.error));
      else job.resolve(reply.result);
      dispatch();
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => fail(new Error(`a compute pool thread exited (code ${code}) before the recompute finished`)));
  });

  const pool: ComputePool = {
    threads,
    run(task, args) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        queue.push({ task, args, resolve: resolve as (value: unknown) => void, reject });
        dispatch();
      });
    },
    kadabraDriver: () => streamDriver(pool, snapshot.n),
    async close() {
      failure ??= new Error('the compute pool is closed');
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
  return pool;
}

/**
 * KADABRA's streams over the pool: each thread counts into its own shared array; at each request every
 * stream is brought to its share of τ by one task, and the threads' counts are summed.
 */
function streamDriver(pool: ComputePool, n: number): StreamDriver {
  const counts = Array.from({ length: pool.threads }, () => new Int32Array(new SharedArrayBuffer(4 * n)));
  const merged = pool.threads === 1 ? counts[0] : new Int32Array(n);
  let phase: string | null = null;
  return {
    async advance(request, streams) {
      if (request.phase !== phase) {
        phase = request.phase;
        for (const c of counts) c.fill(0);
        for (const p of streams) p.drawn = 0;
      }
      await Promise.all(
        streams.map(async (p, i) => {
          const target = streamShare(request.tau, i);
          if (target === p.drawn) return;
          p.state = await pool.run('betweenness samples', (thread) => ({ counts: counts[thread], state: p.state, samples: target - p.drawn }));
          p.drawn = target;
        }),
      );
      if (merged !== counts[0]) {
        merged.set(counts[0]);
        for (let t = 1; t < counts.length; t++) {
          const c = counts[t];
          for (let v = 0; v < n; v++) merged[v] += c[v];
        }
      }
      return merged;
    },
  };
}

/**
 * The snapshot for the pool's threads: its typed arrays copied once into shared memory (the threads read
 * them in place), ids copied (error messages name firms); names and the id index, which no task reads, left out.
 */
function sharedSnapshot(snapshot: Snapshot): Snapshot {
  const share = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
    const copy = new (a.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
    copy.set(a);
    return copy;
  };
  return {
    ...snapshot,
    names: [],
    namesKo: [],
    index: new Map(),
    revenue: share(snapshot.revenue),
    employees: share(snapshot.employees),
    valueAddedRatio: share(snapshot.valueAddedRatio),
    wageShare: share(snapshot.wageShare),
    inHomeRegion: share(snapshot.inHomeRegion),
    outOffsets: share(snapshot.outOffsets),
    outTargets: share(snapshot.outTargets),
    outValues: share(snapshot.outValues),
    inOffsets: share(snapshot.inOffsets),
    inSources: share(snapshot.inSources),
    inValues: share(snapshot.inValues),
  };
}
