/** Heavy analyses run in real worker threads, at most MAX_CONCURRENT at once; beyond that: 503, not a queue. */
import { expect, it } from 'vitest';
import { MAX_CONCURRENT, runTask } from '../../../server/services/workers/runTask.ts';
import { buildSnapshot } from '../../../server/analytics/snapshot.ts';
import { hypotheticalExtraction, type ExtractionResult } from '../../../server/analytics/extraction.ts';
import { DomainError } from '../../../server/services/errors.ts';
import { smallDataset } from '../../support/fixtures.ts';
import { computeMetricColumns, type MetricColumns } from '../../../server/services/workers/computeMetrics.ts';

const { firms, supplies } = smallDataset(40);
const snapshot = buildSnapshot(firms, supplies);

it('answers like the analysis run in place, and refuses a task beyond the limit with 503', async () => {
  const tasks = Array.from({ length: MAX_CONCURRENT }, () => runTask<ExtractionResult>('extraction', snapshot, ['f1']));
  const refused = runTask('extraction', snapshot, ['f2']);
  await expect(refused).rejects.toBeInstanceOf(DomainError);
  await expect(refused).rejects.toMatchObject({ status: 503 });
  const results = await Promise.all(tasks);
  const inPlace = hypotheticalExtraction(snapshot, ['f1']);
  for (const r of results) expect(r.firms[0].loss).toBeCloseTo(inPlace.firms[0].loss, 9);
  // Slots are released: a new task runs again.
  await expect(runTask<ExtractionResult>('extraction', snapshot, ['f2'])).resolves.toMatchObject({ firms: [{ id: 'f2' }] });
}, 60_000);

it('rebuilds analytics errors thrown in the worker, so the API maps them as usual', async () => {
  await expect(runTask('extraction', snapshot, ['ghost'])).rejects.toMatchObject({ code: 'unknown-firm' });
}, 60_000);

it('runs the metrics with a compute pool of two threads inside the task worker, as in place with one', async () => {
  const threaded = await runTask<MetricColumns>('metrics', snapshot, { threads: 2 });
  const inPlace = await computeMetricColumns(snapshot, () => {}, { threads: 1 });
  for (const [id, column] of Object.entries(inPlace.columns)) expect(Array.from(threaded.columns[id as keyof MetricColumns['columns']]), id).toEqual(Array.from(column));
}, 60_000);
