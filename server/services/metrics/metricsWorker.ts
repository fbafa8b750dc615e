/**
 * Worker thread: computes every per-firm metric on a snapshot, off the request path, and posts progress
 * messages followed by the result columns.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { computeMetricColumns } from './computeMetrics.ts';
import type { Snapshot } from '../../analytics/snapshot.ts';

const snapshot = workerData as Snapshot;
try {
  const result = computeMetricColumns(snapshot, (stage, fraction) => parentPort!.postMessage({ type: 'progress', stage, fraction }));
  parentPort!.postMessage({ type: 'result', result });
} catch (error) {
  parentPort!.postMessage({ type: 'error', message: (error as Error).message, code: (error as { code?: string }).code });
}
