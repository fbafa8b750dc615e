/**
 * Runs an analysis in a worker thread on a copy of the snapshot, so the API keeps answering meanwhile.
 * At most MAX_CONCURRENT tasks run at once (the machine has few cores); beyond that a request gets a 503
 * asking to retry, rather than queueing unbounded work. A worker that dies without an answer is an error.
 */
import { Worker } from 'node:worker_threads';
import type { Snapshot } from '../../analytics/snapshot.ts';
import { AnalyticsError, AnalyticsInputError } from '../../analytics/errors.ts';
import { DomainError } from '../errors.ts';

export type AnalysisTask = 'metrics' | 'disruption' | 'extraction';

export const MAX_CONCURRENT = 2;
let running = 0;

interface WorkerMessage {
  type: 'progress' | 'result' | 'error';
  stage?: string;
  fraction?: number;
  result?: unknown;
  name?: string;
  message?: string;
  code?: string;
  field?: string;
}

/** Rebuilds the analytics error the worker threw, so the API maps it as if it ran here. */
function reviveError(msg: WorkerMessage): Error {
  if (msg.name === 'AnalyticsInputError') return new AnalyticsInputError(msg.field ?? 'input', msg.message ?? '');
  if (msg.code && msg.name?.endsWith('Error') && msg.name !== 'Error') {
    return new AnalyticsError(msg.code as AnalyticsError['code'], msg.message ?? '');
  }
  return new Error(msg.message ?? 'analysis failed');
}

export function runTask<T>(task: AnalysisTask, snapshot: Snapshot, args: unknown, onProgress: (stage: string, fraction: number) => void = () => {}): Promise<T> {
  if (running >= MAX_CONCURRENT) {
    return Promise.reject(new DomainError(503, 'Busy', `${MAX_CONCURRENT} heavy analyses are already running; try again in a moment.`));
  }
  running++;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      running--;
      fn();
    };
    const worker = new Worker(new URL('./workerEntry.mjs', import.meta.url), { workerData: { task, snapshot, args } });
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'progress') onProgress(msg.stage!, msg.fraction!);
      else if (msg.type === 'result') settle(() => resolve(msg.result as T));
      else settle(() => reject(reviveError(msg)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the ${task} worker exited (code ${code}) without a result`))));
  });
}
