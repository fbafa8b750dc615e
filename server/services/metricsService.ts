/**
 * Computes every metric in a worker thread (the API keeps answering meanwhile), then writes them back to
 * Neo4j in UNWIND batches so Cypher can filter and sort by them. Progress is visible through the job.
 *
 * Metrics describe one data version. A write only lands while the data is still that version; if an
 * import intervenes, the run starts over on the new data. A recompute asked for while one runs is
 * remembered and run afterwards, so the last import always ends with current metrics.
 */
import type { Database } from '../db/database.ts';
import type { SnapshotStore } from './snapshotStore.ts';
import type { JobRegistry, Job, JobHandle } from './jobs.ts';
import type { MetricColumns } from './workers/computeMetrics.ts';
import { runTask } from './workers/runTask.ts';
import { DomainError } from './errors.ts';
import { StaleMetricsError, writeMetricColumns } from './metricsWrite.ts';
import { METRIC_IDS } from '../domain/metrics.ts';
import { METRIC_INDEX, sameMetricLayout } from '../domain/metricValues.ts';

const MAX_ATTEMPTS = 3;
export const METRICS_JOB = 'metrics';

export class MetricsService {
  private pending = false;

  constructor(
    private readonly db: Database,
    private readonly snapshots: SnapshotStore,
    private readonly jobs: JobRegistry,
  ) {}

  /** Starts a recompute; while one runs, returns it and remembers to run again when it ends. */
  recompute(): Job {
    const running = this.jobs.running(METRICS_JOB);
    if (running) {
      this.pending = true;
      return running;
    }
    return this.jobs.start(METRICS_JOB, (handle) => this.run(handle), {
      onSettled: () => {
        if (this.pending) {
          this.pending = false;
          this.recompute();
        }
      },
    });
  }

  /**
   * At start: a recompute unless the stored metrics are current or one already runs. A run started by the
   * seed import already covers the data, so joining it (as recompute() would) would compute them twice.
   */
  async ensureCurrent(): Promise<Job | null> {
    const running = this.jobs.running(METRICS_JOB);
    if (running) return running;
    if ((await this.summary()).current) return null;
    return this.recompute();
  }

  private async run(handle: JobHandle): Promise<Record<string, unknown>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(handle);
      } catch (error) {
        if (error instanceof StaleMetricsError && attempt >= MAX_ATTEMPTS) {
          throw new Error(`${error.message}, ${MAX_ATTEMPTS} times in a row; the next import or recompute computes them again.`);
        }
        if (!(error instanceof StaleMetricsError)) throw error;
        handle.report('data changed: starting over', 0);
      }
    }
  }

  private async attempt(handle: JobHandle): Promise<Record<string, unknown>> {
    handle.report('loading snapshot', 0.01);
    const { snapshot, dataVersion, loadMs } = await this.snapshots.get();
    const started = performance.now();
    // Computing is ~80% of the job, writing back the rest.
    const computed = await runTask<MetricColumns>('metrics', snapshot, null, (stage, fraction) => handle.report(stage, 0.02 + 0.78 * fraction));
    const computeMs = Math.round(performance.now() - started);
    const writeStarted = performance.now();
    handle.report('writing', 0.8);
    await writeMetricColumns(this.db, snapshot.ids, computed.columns, dataVersion, { onProgress: (f) => handle.report('writing', 0.8 + 0.2 * f) });
    const writeMs = Math.round(performance.now() - writeStarted);
    const s = computed.summary;
    const [saved] = await this.db.write<{ written: number }>('metrics/save-summary', {
      dataVersion,
      summary: {
        modularity: s.modularity,
        communityCount: s.communityCount,
        betweennessExact: s.betweenness.exact,
        betweennessSamples: s.betweenness.samples,
        betweennessErrorEstimate: s.betweenness.errorEstimate,
        betweennessConfidence: s.betweenness.confidence,
        betweennessCertifiedRanks: s.betweenness.certifiedRanks,
        householdSpendingShare: s.householdSpendingShare,
        // Neo4j properties hold no maps: the quantiles are kept as JSON.
        coefficientQuantilesJson: JSON.stringify(s.coefficientQuantiles),
        // The order of the firms' metricValues, so that metrics stored in another layout count as not current.
        metricIds: METRIC_IDS,
      },
    });
    if ((saved?.written ?? 0) === 0) throw new StaleMetricsError();
    return { ...s, firms: snapshot.n, links: snapshot.m, dataVersion, loadMs, computeMs, writeMs };
  }

  async summary() {
    const [row] = await this.db.read<{ summary: Record<string, unknown> | null; dataVersion: number }>('metrics/summary');
    const summary = row.summary;
    return {
      computed: summary !== null,
      current: summary !== null && summary.dataVersion === row.dataVersion && sameMetricLayout(summary.metricIds),
      dataVersion: row.dataVersion,
      ...(summary
        ? {
            metricsDataVersion: summary.dataVersion,
            computedAt: String(summary.computedAt),
            modularity: summary.modularity as number,
            communityCount: summary.communityCount as number,
            betweenness: {
              exact: summary.betweennessExact as boolean,
              samples: summary.betweennessSamples as number,
              errorEstimate: summary.betweennessErrorEstimate as number,
              confidence: summary.betweennessConfidence as number,
              // Of the sampled top 100, the ranks the sampling made certain (null when exact, or computed before).
              certifiedRanks: (summary.betweennessCertifiedRanks as number | null | undefined) ?? null,
            },
            // What the Type II coefficients assume (null for metrics computed before they existed).
            typeII: { householdSpendingShare: (summary.householdSpendingShare as number | undefined) ?? null },
            // Each input-output coefficient's distribution over the firms (quantiles p10…p90).
            coefficients: typeof summary.coefficientQuantilesJson === 'string' ? (JSON.parse(summary.coefficientQuantilesJson) as Record<string, unknown>) : null,
          }
        : {}),
      job: this.jobs.latest(METRICS_JOB) ?? null,
    };
  }

  async communities(options: { members: boolean; maxMembers: number }) {
    const summary = await this.summary();
    if (!summary.computed) {
      if (!summary.job || summary.job.status !== 'running') this.recompute();
      throw new DomainError(409, 'Metrics not computed yet', 'Communities are computed with the other metrics, which are being computed now; try again in a moment.');
    }
    const rows = await this.db.read<{ id: number; size: number; topFirms: object[]; sectors: string[]; memberIds: string[] | null }>('metrics/communities', { ...options, communityIndex: METRIC_INDEX.community });
    return {
      modularity: summary.modularity,
      current: summary.current,
      communities: rows.map((r) => {
        const counts = new Map<string, number>();
        for (const s of r.sectors) counts.set(s.slice(0, 2), (counts.get(s.slice(0, 2)) ?? 0) + 1);
        const sectors = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([sector, count]) => ({ sector, count }));
        return { id: r.id, size: r.size, topFirms: r.topFirms, sectors, ...(r.memberIds ? { members: r.memberIds } : {}) };
      }),
    };
  }
}
