/**
 * The metrics' storage on a real Neo4j (one double[] per firm, server/domain/metricValues.ts): values written
 * by writeMetricColumns come back through the API bit for bit, "no value" (NaN, infinities) is never served
 * as a value nor sorted or filtered as one, a write for a data version that moved on changes nothing, and
 * metrics stored in another layout do not count as current.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_IDS, type MetricId } from '../../server/domain/metrics.ts';
import { StaleMetricsError, writeMetricColumns } from '../../server/services/metricsWrite.ts';
import { smallDataset } from '../support/fixtures.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

let h: Harness;
const data = smallDataset(30);
const ids = data.firms.map((f) => f.id);

/** Hand-picked values: doubles without a short decimal form, extremes, negative zero, and "no value". */
const betweenness = ids.map((_, i) => (i % 5 === 2 ? NaN : i % 7 === 3 ? Infinity : 0.1 + 0.2 * i + 1e-17 * i));
const pagerank = ids.map((_, i) => [5e-324, 1.7976931348623157e308, 1 / 3, -0][i % 4] * (i % 4 === 1 ? 1 : 1 + i));
const community = ids.map((_, i) => (i === 4 ? NaN : i % 3));

function columnsOf(scale: number): Record<MetricId, Float64Array> {
  const columns = {} as Record<MetricId, Float64Array>;
  METRIC_IDS.forEach((id, k) => (columns[id] = Float64Array.from(ids, (_, i) => (i + 1) * scale + k / 1024)));
  columns.betweenness = Float64Array.from(betweenness);
  columns.pagerank = Float64Array.from(pagerank);
  columns.community = Float64Array.from(community);
  return columns;
}

async function dataVersion(): Promise<number> {
  return (await h.call('GET', '/api/metrics')).body.dataVersion as number;
}

async function listIds(query: string): Promise<string[]> {
  const r = await h.call('GET', `/api/firms?${query}&limit=500`);
  expect(r.status).toBe(200);
  return r.body.items.map((f: { id: string }) => f.id);
}

/** The expected order of a metric sort: values descending, firms without a value last, ties by id. */
function expectedDescending(values: readonly number[]): string[] {
  const order = ids.map((id, i) => ({ id, v: Number.isFinite(values[i]) ? values[i] : null }));
  return order
    .sort((a, b) => (a.v === null) !== (b.v === null) ? (a.v === null ? 1 : -1) : a.v !== b.v ? b.v! - a.v! : a.id < b.id ? -1 : 1)
    .map((x) => x.id);
}

beforeAll(async () => {
  h = await startHarness();
  const r = await h.call('POST', '/api/import?mode=replace', data, asEditor);
  expect(r.status).toBe(201);
});
afterAll(async () => h?.close());

describe('stored metrics', () => {
  it('serves no metrics, and sorts by id, before any are written', async () => {
    expect((await h.call('GET', '/api/firms/f1')).body.metrics).toBeNull();
    expect(await listIds('sort=betweenness')).toEqual([...ids].sort());
  });

  it('round-trips every value exactly and serves no value as null', async () => {
    const columns = columnsOf(0.7);
    await writeMetricColumns(h.db, ids, columns, await dataVersion(), { batch: 7, inFlight: 2 });
    for (const [i, id] of ids.entries()) {
      const metrics = (await h.call('GET', `/api/firms/${id}`)).body.metrics as Record<string, number | null>;
      for (const metric of METRIC_IDS) {
        const v = columns[metric][i];
        // JSON carries -0 as 0; every other double is compared bit for bit (toBe is Object.is).
        expect(metrics[metric], `${id} ${metric}`).toBe(Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : null);
      }
    }
  });

  it('sorts and filters by a metric with firms without a value last and never matched', async () => {
    expect(await listIds('sort=betweenness&order=desc')).toEqual(expectedDescending(betweenness));
    const min = 0.1 + 0.2 * 10;
    const kept = ids.filter((_, i) => Number.isFinite(betweenness[i]) && betweenness[i] >= min);
    expect((await listIds(`metric=betweenness&metricMin=${min}`)).sort()).toEqual(kept.sort());
    // Without bounds the filter keeps the firms that have a value.
    expect((await listIds('metric=betweenness')).length).toBe(betweenness.filter(Number.isFinite).length);
    expect((await listIds('community=1')).sort()).toEqual(ids.filter((_, i) => community[i] === 1).sort());
  });

  it("reads every firm's community for the overview, leaving out firms without one", async () => {
    const rows = await h.db.read<{ id: string; community: number }>('metrics/firm-communities', { communityIndex: METRIC_IDS.indexOf('community') });
    expect(new Map(rows.map((r) => [r.id, r.community]))).toEqual(new Map(ids.flatMap((id, i) => (i === 4 ? [] : [[id, community[i]]]))));
  });

  it('writes nothing and throws StaleMetricsError once the data moved on', async () => {
    const version = await dataVersion();
    const r = await h.call('POST', '/api/import?mode=merge', { firms: [{ ...data.firms[3], revenue: data.firms[3].revenue + 1 }], supplies: [] }, asEditor);
    expect(r.status).toBe(201);
    expect(await dataVersion()).toBeGreaterThan(version);
    await expect(writeMetricColumns(h.db, ids, columnsOf(3.5), version)).rejects.toBeInstanceOf(StaleMetricsError);
    const f1 = await h.call('GET', '/api/firms/f1');
    expect(f1.body.metrics.inDegree).toBe(columnsOf(0.7).inDegree[1]);
  });

  it('counts metrics stored in another layout as not current, so the start-up check recomputes them', async () => {
    const { job } = await h.call('POST', '/api/metrics/recompute', undefined, asEditor).then(async (start) => {
      for (let i = 0; i < 600; i++) {
        const polled = await h.call('GET', `/api/jobs/${start.body.jobId}`);
        if (polled.body.status !== 'running') return { job: polled.body };
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('recompute did not finish');
    });
    expect(job.status, job.error).toBe('done');
    expect((await h.call('GET', '/api/metrics')).body.current).toBe(true);
    // A test fixture: the layout an earlier version would have saved.
    await h.db.writeTx((tx) => tx.run("MATCH (m:Meta {key: 'metrics'}) SET m.metricIds = $older", { older: METRIC_IDS.slice(1) }));
    expect((await h.call('GET', '/api/metrics')).body.current).toBe(false);
  });
});
