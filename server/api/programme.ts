import { Router } from 'express';
import type { ProgrammeService } from '../services/programmeService.ts';
import type { ApiDescription } from './openapi.ts';
import { ProgrammeOutcomesResponse } from './responses.ts';

export function programmeRouter(programme: ProgrammeService, api: ApiDescription): Router {
  const router = Router();
  api.add({ method: 'get', path: '/api/programme/outcomes', summary: 'Revenue and employment growth by cohort, against the region’s other SMEs', tag: 'programme', response: ProgrammeOutcomesResponse });
  router.get('/api/programme/outcomes', async (_req, res) => {
    res.json(await programme.outcomes());
  });
  return router;
}
