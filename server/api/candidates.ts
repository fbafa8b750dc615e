import { Router } from 'express';
import { z } from 'zod';
import { TIERS } from '../domain/firm.ts';
import { HOME_REGION } from '../domain/regions.ts';
import { ELIGIBILITY_DEFAULTS } from '../analytics/eligibility.ts';
import type { CandidateService } from '../services/candidateService.ts';
import type { ApiDescription } from './openapi.ts';
import { CandidatesResponse } from './responses.ts';
import { commaList, parseQuery } from './validate.ts';

const weight = z.coerce.number().finite().min(0, 'must be 0 or more').default(1);

export const CandidatesQuery = z
  .object({
    technology: weight,
    globalScalability: weight,
    cooperativeNetwork: weight,
    jobCreation: weight,
    growth: weight,
    tier: commaList.pipe(z.array(z.enum(TIERS)).min(1)).default([...ELIGIBILITY_DEFAULTS.tiers]),
    region: commaList.pipe(z.array(z.string().min(1).max(64)).min(1)).default([HOME_REGION]),
    minRevenue: z.coerce.number().finite().min(0).default(ELIGIBILITY_DEFAULTS.revenueMin),
    maxRevenue: z.coerce.number().finite().min(0).default(ELIGIBILITY_DEFAULTS.revenueMax),
    missing: z.enum(['exclude', 'zero']).default('exclude'),
    limit: z.coerce.number().int().min(1).max(5_000).default(100),
  })
  .refine((q) => q.technology + q.globalScalability + q.cooperativeNetwork + q.jobCreation + q.growth > 0, {
    path: ['weights'],
    message: 'the five weights sum to zero; give at least one a positive weight',
  })
  .refine((q) => q.minRevenue <= q.maxRevenue, { path: ['minRevenue'], message: 'must not exceed maxRevenue' });

export function candidatesRouter(candidates: CandidateService, api: ApiDescription): Router {
  const router = Router();
  api.add({ method: 'get', path: '/api/candidates', summary: 'Pre-anchor candidates ranked with user-set weights, each with its score breakdown', tag: 'candidates', query: CandidatesQuery, response: CandidatesResponse, problems: [409, 422] });
  router.get('/api/candidates', async (req, res) => {
    const q = parseQuery(CandidatesQuery, req);
    res.json(
      await candidates.rank({
        weights: { technology: q.technology, globalScalability: q.globalScalability, cooperativeNetwork: q.cooperativeNetwork, jobCreation: q.jobCreation, growth: q.growth },
        tiers: q.tier,
        regions: q.region,
        revenueMin: q.minRevenue,
        revenueMax: q.maxRevenue,
        missing: q.missing,
        limit: q.limit,
      }),
    );
  });
  return router;
}
