/**
 * The first start computes the metrics once: the seed import starts a run, and the start-up check joins
 * it instead of queueing a second run of the same data.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServices, type Services } from '../../server/services/index.ts';
import { METRICS_JOB } from '../../server/services/metricsService.ts';
import { smallDataset } from '../support/fixtures.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let services: Services;
beforeAll(async () => {
  h = await startHarness();
  services = createServices(h.db, { recomputeOnImport: true });
});
afterAll(async () => h?.close());

it('runs one metrics job for an import followed by the start-up check', async () => {
  await services.importer.import(smallDataset(40), { mode: 'replace', dryRun: false });
  const first = services.jobs.running(METRICS_JOB);
  expect(first).toBeDefined();
  expect((await services.metrics.ensureCurrent())?.id).toBe(first!.id);
  for (let i = 0; i < 600 && services.jobs.running(METRICS_JOB); i++) await new Promise((r) => setTimeout(r, 100));
  // Give a queued second run the chance to start: there is none.
  await new Promise((r) => setTimeout(r, 300));
  expect(services.jobs.latest(METRICS_JOB)).toMatchObject({ id: first!.id, status: 'done' });
  expect(await services.metrics.ensureCurrent()).toBeNull();
});
