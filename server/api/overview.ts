import { Router } from 'express';
import { z } from 'zod';
import { FirmId } from '../domain/firm.ts';
import { OVERVIEW_BY, type OverviewService } from '../services/overviewService.ts';
import type { ApiDescription } from './openapi.ts';
import { commaList, parseBody, parseQuery } from './validate.ts';

const GroupKey = z.string().min(1).max(80).regex(/^[^,]+$/, 'must be a group key without commas');

export const OverviewQuery = z.object({
  by: z.enum(OVERVIEW_BY).default('community'),
  focus: commaList.pipe(z.array(FirmId).max(200)).default([]),
  context: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  open: commaList.pipe(z.array(GroupKey).max(50)).default([]),
  maxDetail: z.coerce.number().int().min(0).max(5_000).default(1_500),
});

const OverviewFirm = z.looseObject({ id: z.string(), name: z.string(), tier: z.string() });

export const OverviewResponse = z.looseObject({
  by: z.enum(OVERVIEW_BY),
  dataVersion: z.number(),
  totals: z.looseObject({ firms: z.number(), links: z.number() }),
  groups: z.array(z.looseObject({ id: z.string(), key: z.string(), firms: z.number(), revenue: z.number(), employees: z.number() })),
  firms: z.array(OverviewFirm),
  links: z.array(z.looseObject({ source: z.string(), target: z.string(), value: z.number(), count: z.number() })),
  truncated: z.boolean(),
});

export const FirmAttributesResponse = z.looseObject({ firms: z.array(OverviewFirm) });

export const FirmAttributesBody = z.object({ ids: z.array(FirmId).min(1).max(2_000) });

export function overviewRouter(overview: OverviewService, api: ApiDescription): Router {
  const router = Router();
  api.add({
    method: 'get',
    path: '/api/overview',
    summary: 'The whole network folded into groups (community, KSIC division, district or tier) with summed supply links; focus+context and drill-down keep some firms apart',
    tag: 'network',
    query: OverviewQuery,
    response: OverviewResponse,
  });
  router.get('/api/overview', async (req, res) => {
    res.json(await overview.overview(parseQuery(OverviewQuery, req)));
  });

  // Lists of analysis results (ripple, disruption) name firms by id; their tier, sector and place come
  // from the snapshot in one request (POST: a list of up to 2,000 ids does not fit a URL).
  api.add({ method: 'post', path: '/api/firm-attributes', summary: 'Tier, sector, region, district, revenue and employees of the given firms (unknown ids left out)', tag: 'firms', body: FirmAttributesBody, response: FirmAttributesResponse });
  router.post('/api/firm-attributes', async (req, res) => {
    res.json({ firms: await overview.attributes(parseBody(FirmAttributesBody, req).ids) });
  });
  return router;
}
