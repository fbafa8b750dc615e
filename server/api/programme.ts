import { Router } from 'express';
import { z } from 'zod';
import { ProgrammeEvaluation } from '../domain/programme.ts';
import { EVALUATION_DEFAULTS } from '../analytics/programmeEvaluation.ts';
import type { ProgrammeService } from '../services/programmeService.ts';
import type { ApiDescription } from './openapi.ts';
import { HttpProblem } from './problem.ts';
import { parseQuery } from './validate.ts';

export const EvaluationQuery = z.object({
  neighbours: z.coerce.number().int().min(1).max(10).default(EVALUATION_DEFAULTS.neighbours).describe('matched comparison firms per treated firm (nearest, with replacement)'),
  resamples: z.coerce.number().int().min(100).max(5_000).default(EVALUATION_DEFAULTS.resamples).describe('bootstrap resamples'),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(EVALUATION_DEFAULTS.seed).describe('seed of the bootstrap’s random source'),
  level: z.coerce.number().min(0.5).max(0.99).default(EVALUATION_DEFAULTS.level).describe('confidence level of the interval'),
});

export function programmeRouter(programme: ProgrammeService, api: ApiDescription): Router {
  const router = Router();
  api.add({
    method: 'get',
    path: '/api/programme/evaluation',
    summary: 'Programme impact: matched difference in differences of revenue and employment growth by cohort, the published pooling and the spillover group, with event study and bootstrap intervals',
    tag: 'programme',
    query: EvaluationQuery,
    response: ProgrammeEvaluation,
  });
  router.get('/api/programme/evaluation', async (req, res) => {
    res.json(await programme.evaluation(parseQuery(EvaluationQuery, req)));
  });

  // Retired: raw cohort growth against every other SME was not an effect estimate. It still answers, with
  // 410 pointing to the evaluation, but is no longer an operation of the API description.
  router.get('/api/programme/outcomes', () => {
    throw new HttpProblem(
      410,
      'Gone',
      'GET /api/programme/outcomes is retired: it compared cohorts with every other SME, unmatched. GET /api/programme/evaluation estimates the effect against matched comparison firms.',
    );
  });
  return router;
}
