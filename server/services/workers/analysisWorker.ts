/**
 * Worker thread for analyses too heavy for the request thread: all metrics, disruptions, hypothetical
 * extraction. Receives {task, snapshot, args}, posts progress messages, then the result or an error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { computeMetricColumns, type ComputeOptions } from './computeMetrics.ts';
import { disruption, type Disruption, type DisruptionOptions } from '../../analytics/disruption.ts';
import { hypotheticalExtraction } from '../../analytics/extraction.ts';
import type { Snapshot } from '../../analytics/snapshot.ts';
import type { AnalysisTask } from './runTask.ts';

const { task, snapshot, args } = workerData as { task: AnalysisTask; snapshot: Snapshot; args: unknown };
const progress = (stage: string, fraction: number) => parentPort!.postMessage({ type: 'progress', stage, fraction });

async function run(): Promise<unknown> {
  switch (task) {
    case 'metrics':
      return computeMetricColumns(snapshot, progress, (args ?? {}) as Partial<ComputeOptions>);
    case 'disruption': {
      const { disruptions, options } = args as { disruptions: Disruption[]; options: Partial<DisruptionOptions> };
      return disruption(snapshot, disruptions, options);
    }
    case 'extraction':
      return hypotheticalExtraction(snapshot, args as string[]);
  }
}

try {
  parentPort!.postMessage({ type: 'result', result: await run() });
} catch (error) {
  const e = error as Error & { code?: string; field?: string };
  parentPort!.postMessage({ type: 'error', name: e.name, message: e.message, code: e.code, field: e.field });
}
