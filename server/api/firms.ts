import { Router } from 'express';
import { z } from 'zod';
import { FirmId, TIERS } from '../domain/firm.ts';
import { METRIC_IDS } from '../domain/metrics.ts';
import type { FirmService } from '../services/firmService.ts';
import type { ApiDescription } from './openapi.ts';
import { FirmDetailResponse, FirmPageResponse, NetworkResponse, SupplyYearsResponse } from './responses.ts';
import { notFound } from './problem.ts';
import { commaList, nonBlankText, parseParams, parseQuery } from './validate.ts';

export const SORT_KEYS = ['name', 'nameLower', 'revenue', 'employees', 'founded', 'cohort', ...METRIC_IDS] as const;
const MAX_PAGE = 500;
const MAX_NETWORK_NODES = 20_000;

const tierList = commaList.pipe(z.array(z.enum(TIERS)));
const optionalNumber = z.coerce.number().finite().optional();

const Filters = {
  q: nonBlankText(100).optional(),
  tier: tierList.optional(),
  sector: z.string().regex(/^\d{2,5}$/, 'must be a KSIC code of 2–5 digits').optional(),
  region: z.string().min(1).max(64).optional(),
  district: z.string().min(1).max(64).optional(),
  cohort: z.coerce.number().int().min(1900).max(2100).optional(),
  minRevenue: optionalNumber,
  maxRevenue: optionalNumber,
  community: z.coerce.number().int().min(0).optional(),
  metric: z.enum(METRIC_IDS).optional(),
  metricMin: optionalNumber,
  metricMax: optionalNumber,
};

export const ListQuery = z.object({
  ...Filters,
  sort: z.enum(SORT_KEYS).default('nameLower'),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z.string().regex(/^\d{1,9}$/, 'must be a cursor returned by a previous page').optional(),
});

const IdParams = z.object({ id: FirmId });

/** A calendar year; whether supplies are recorded for it is the service's check (422 naming the field). */
const Year = z.coerce.number().int().min(1900).max(2100);

/** The supplies of `year` instead of the model's (per pair, the latest year), and the change since `compareYear`. */
const YearQuery = {
  year: Year.optional().describe('the supplies of this year (one of GET /api/supply-years) instead of the latest per pair'),
  compareYear: Year.optional().describe('mark every supply and firm as added, removed, grown, shrunk or unchanged since this year (year defaults to the latest)'),
};

export const FirmQuery = z.object(YearQuery);

export const NetworkQuery = z.object({
  direction: z.enum(['upstream', 'downstream', 'both']).default('both'),
  depth: z.coerce.number().int().min(1).max(4).default(2),
  minValue: z.coerce.number().finite().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_NETWORK_NODES).default(2_000),
  ...YearQuery,
});

export const GraphQuery = z.object({
  ...Filters,
  minValue: z.coerce.number().finite().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_NETWORK_NODES).default(2_000),
});

export const PathQuery = z.object({ from: FirmId, to: FirmId });

export function firmsRouter(firms: FirmService, api: ApiDescription): Router {
  const router = Router();

  api.add({ method: 'get', path: '/api/firms', summary: 'Search and list firms (English or Korean names), with filters and cursor paging', tag: 'firms', query: ListQuery, response: FirmPageResponse });
  router.get('/api/firms', async (req, res) => {
    const query = parseQuery(ListQuery, req);
    const skip = query.cursor ? Number(query.cursor) : 0;
    const desc = query.order ? query.order === 'desc' : ['revenue', 'employees', ...METRIC_IDS].includes(query.sort);
    const items = await firms.list({ ...query, tiers: query.tier, desc, skip, limit: query.limit + 1 });
    const more = items.length > query.limit;
    res.json({ items: items.slice(0, query.limit), nextCursor: more ? String(skip + query.limit) : null });
  });

  api.add({ method: 'get', path: '/api/supply-years', summary: 'The calendar years with supplies (for year and compareYear)', tag: 'network', response: SupplyYearsResponse });
  router.get('/api/supply-years', async (_req, res) => {
    res.json({ years: await firms.supplyYears() });
  });

  api.add({ method: 'get', path: '/api/firms/:id', summary: 'One firm with its metrics, suppliers and buyers (of a year, and their change since another)', tag: 'firms', params: IdParams, query: FirmQuery, response: FirmDetailResponse, problems: [422] });
  router.get('/api/firms/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await firms.get(id, parseQuery(FirmQuery, req)));
  });

  api.add({ method: 'get', path: '/api/firms/:id/network', summary: 'Ego network upstream, downstream or both (of a year, and its change since another)', tag: 'network', params: IdParams, query: NetworkQuery, response: NetworkResponse, problems: [422] });
  router.get('/api/firms/:id/network', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await firms.network(id, parseQuery(NetworkQuery, req)));
  });

  api.add({ method: 'get', path: '/api/graph', summary: 'A filtered subgraph: matching firms (largest first) and the supplies among them', tag: 'network', query: GraphQuery, response: NetworkResponse });
  router.get('/api/graph', async (req, res) => {
    const query = parseQuery(GraphQuery, req);
    res.json(await firms.subgraph({ ...query, tiers: query.tier }));
  });

  api.add({ method: 'get', path: '/api/path', summary: 'Shortest supply chain linking two firms', tag: 'network', query: PathQuery, response: NetworkResponse, problems: [404] });
  router.get('/api/path', async (req, res) => {
    const { from, to } = parseQuery(PathQuery, req);
    const path = await firms.path(from, to);
    if (!path) throw notFound(`No supply chain of up to 8 links connects "${from}" and "${to}".`);
    res.json(path);
  });

  return router;
}
