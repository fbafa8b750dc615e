/** Where a firm stands in the default candidates ranking (default weights and eligibility): for a new applicant. */
import { DEFAULT_WEIGHTS } from '../analytics/candidates.ts';
import { ELIGIBILITY_DEFAULTS } from '../analytics/eligibility.ts';
import type { CandidateService } from './candidateService.ts';
import type { CandidateStanding } from './verificationService.ts';

export function candidateStanding(candidates: CandidateService): CandidateStanding {
  return async (firmId) => {
    const ranking = await candidates.rank({
      weights: { ...DEFAULT_WEIGHTS },
      tiers: [...ELIGIBILITY_DEFAULTS.tiers],
      regions: [...ELIGIBILITY_DEFAULTS.regions],
      revenueMin: ELIGIBILITY_DEFAULTS.revenueMin,
      revenueMax: ELIGIBILITY_DEFAULTS.revenueMax,
      missing: 'exclude',
      limit: Number.MAX_SAFE_INTEGER,
    });
    const item = ranking.items.find((c) => c.id === firmId);
    return item ? { score: item.score, rank: item.rank } : null;
  };
}
