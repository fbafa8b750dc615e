/**
 * Pre-anchor candidates: eligible firms ranked on the programme's five criteria with user-set weights.
 * Every score carries its breakdown and the raw values behind it (analytics/candidates.ts).
 */
import type { Database } from '../db/database.ts';
import type { Tier } from '../domain/firm.ts';
import { eligibility } from '../analytics/eligibility.ts';
import { candidateInput, localPartnerCounts } from '../analytics/candidate-inputs.ts';
import { scoreCandidates, type CriterionWeights } from '../analytics/candidates.ts';
import type { SnapshotStore } from './snapshotStore.ts';
import { DomainError } from './errors.ts';
import { toFirm } from './firmView.ts';

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
  private partners: { version: number; counts: Int32Array } | null = null;

  constructor(
    private readonly db: Database,
    private readonly snapshots: SnapshotStore,
    /** Starts (or joins) a metrics recompute when scores find metrics missing. */
    private readonly recomputeMetrics: () => void = () => {},
  ) {}

  async rank(request: CandidateRequest) {
    const { snapshot, dataVersion } = await this.snapshots.get();
    if (this.partners?.version !== dataVersion) this.partners = { version: dataVersion, counts: localPartnerCounts(snapshot) };
    const counts = this.partners.counts;
    const rows = await this.db.read<{ firm: Record<string, unknown> }>('candidates/firms', {
      tiers: request.tiers,
      regions: request.regions,
      revenueMin: request.revenueMin,
      revenueMax: request.revenueMax,
    });
    if (rows.some((r) => r.firm.metricsVersion == null)) {
      this.recomputeMetrics();
      throw new DomainError(409, 'Metrics not computed yet', 'Candidate scores use the network metrics, which are being computed now (GET /api/metrics shows the progress); try again in a moment.');
    }
    const options = { tiers: request.tiers, regions: request.regions, revenueMin: request.revenueMin, revenueMax: request.revenueMax };
    const eligible = rows.filter((r) => eligibility(toFirm(r.firm), options).eligible);
    const inputs = eligible.map((r) => {
      const firm = toFirm(r.firm);
      const k = snapshot.index.get(firm.id);
      return candidateInput(firm, {
        localPartners: k === undefined ? undefined : counts[k],
        centrality: (r.firm.pagerankReverse as number | null) ?? undefined,
        outputMultiplier: (r.firm.outputMultiplier as number | null) ?? undefined,
        regionalRetention: (r.firm.regionalRetention as number | null) ?? undefined,
        employmentMultiplier: (r.firm.employmentMultiplier as number | null) ?? undefined,
      });
    });
    const ranking = scoreCandidates(inputs, { weights: request.weights, missing: request.missing });
    const byId = new Map(eligible.map((r) => [r.firm.id as string, r.firm]));
    return {
      weights: ranking.weights,
      missing: ranking.missing,
      eligibility: options,
      eligible: ranking.candidates.length,
      metricsCurrent: rows.every((r) => r.firm.metricsVersion === dataVersion),
      items: ranking.candidates.slice(0, request.limit).map((c) => {
        const f = byId.get(c.id)!;
        return { ...c, nameKo: f.nameKo ?? undefined, tier: f.tier, sector: f.sector, district: f.district ?? undefined, revenue: f.revenue, employees: f.employees };
      }),
    };
  }
}
