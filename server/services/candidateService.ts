/**
 * Pre-anchor candidates: eligible firms ranked on the programme's five criteria with user-set weights.
 * Every score carries its breakdown and the raw values behind it (analytics/candidates.ts).
 */
import type { Database } from '../db/database.ts';
import type { Firm, Tier } from '../domain/firm.ts';
import type { Snapshot } from '../analytics/snapshot.ts';
import { eligibility, type EligibilityOptions } from '../analytics/eligibility.ts';
import { candidateInput, localPartnerCounts } from '../analytics/candidate-inputs.ts';
import { scoreCandidates, type CandidateInput, type CriterionWeights } from '../analytics/candidates.ts';
import type { SnapshotStore } from './snapshotStore.ts';
import { DomainError } from './errors.ts';
import { nodeToFirm } from './import/firmRecord.ts';
import { metricsOf } from './firmView.ts';

export interface CandidateRequest {
  weights: CriterionWeights;
  tiers: Tier[];
  regions: string[];
  revenueMin: number;
  revenueMax: number;
  missing: 'exclude' | 'zero';
  limit: number;
}

export class CandidateService {
  /** The candidate pool of the last request: reused while only the weights change (the slider case). */
  private cached: { key: string; pool: CandidatePool } | null = null;

  constructor(
    private readonly db: Database,
    private readonly snapshots: SnapshotStore,
    /** Starts (or joins) a metrics recompute when scores find metrics missing. */
    private readonly recomputeMetrics: () => void = () => {},
  ) {}

  async rank(request: CandidateRequest) {
    const { snapshot, dataVersion } = await this.snapshots.get();
    const options = { tiers: request.tiers, regions: request.regions, revenueMin: request.revenueMin, revenueMax: request.revenueMax };
    const pool = await this.candidatePool(snapshot, dataVersion, options);
    const ranking = scoreCandidates(pool.inputs, { weights: request.weights, missing: request.missing });
    // The band is the rule; these are the revenues the eligible firms actually have (KRW million).
    const revenues = ranking.candidates.map((c) => pool.firms.get(c.id)!.revenue);
    const eligibleRevenue = revenues.length > 0 ? { min: Math.min(...revenues), max: Math.max(...revenues) } : null;
    return {
      weights: ranking.weights,
      missing: ranking.missing,
      eligibility: options,
      eligible: ranking.candidates.length,
      eligibleRevenue,
      metricsCurrent: pool.metricsCurrent,
      items: ranking.candidates.slice(0, request.limit).map((c) => {
        const f = pool.firms.get(c.id)!;
        return { ...c, nameKo: f.nameKo, tier: f.tier, sector: f.sector, district: f.district, revenue: f.revenue, employees: f.employees };
      }),
    };
  }

  /**
   * The eligible firms and their raw inputs, read from Neo4j once per data version and eligibility rule.
   * Kept only when every firm's metrics describe this data version, so a later recompute is never hidden.
   */
  private async candidatePool(snapshot: Snapshot, dataVersion: number, options: EligibilityOptions): Promise<CandidatePool> {
    const key = JSON.stringify([dataVersion, options]);
    if (this.cached?.key === key) return this.cached.pool;
    const rows = await this.db.read<{ firm: Record<string, unknown> }>('candidates/firms', { ...options });
    if (rows.some((r) => r.firm.metricsVersion == null)) {
      this.recomputeMetrics();
      throw new DomainError(409, 'Metrics not computed yet', 'Candidate scores use the network metrics, which are being computed now (GET /api/metrics shows the progress); try again in a moment.');
    }
    const localPartners = localPartnerCounts(snapshot);
    const firms = new Map<string, Firm>();
    const inputs: CandidateInput[] = [];
    for (const { firm: props } of rows) {
      const firm = nodeToFirm(props);
      if (!eligibility(firm, options).eligible) continue;
      const k = snapshot.index.get(firm.id);
      const metrics = metricsOf(props);
      firms.set(firm.id, firm);
      inputs.push(
        candidateInput(firm, {
          localPartners: k === undefined ? undefined : localPartners[k],
          centrality: metrics?.pagerankReverse ?? undefined,
          outputMultiplier: metrics?.outputMultiplier ?? undefined,
          regionalRetention: metrics?.regionalRetention ?? undefined,
          employmentMultiplier: metrics?.employmentMultiplier ?? undefined,
        }),
      );
    }
    const pool = { inputs, firms, metricsCurrent: rows.every((r) => r.firm.metricsVersion === dataVersion) };
    if (pool.metricsCurrent) this.cached = { key, pool };
    return pool;
  }
}

interface CandidatePool {
  inputs: CandidateInput[];
  firms: Map<string, Firm>;
  metricsCurrent: boolean;
}
