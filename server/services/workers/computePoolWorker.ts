/** A compute pool thread (computePool.ts): runs the tasks it is sent on the shared snapshot, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Snapshot } from '../../analytics/snapshot.ts';
import { runComputeTask, type ComputeTask } from './computeTasks.ts';

const { snapshot } = workerData as { snapshot: Snapshot };

parentPort!.on('message', ({ id, task, args }: { id: number; task: ComputeTask; args: never }) => {
  try {
    parentPort!.postMessage({ id, result: runComputeTask(task, snapshot, args) });
  } catch (error) {
    const e = error as Error & { code?: string; field?: string };
    parentPort!.postMessage({ id, error: { name: e.name, message: e.message, code: e.code, field: e.field } });
  }
});
