/**
 * Restructuring scenarios (read-only what-ifs on the network) and the localisation assistant. Evaluating
 * writes nothing, so it needs no role, like a ripple.
 */
import { Router } from 'express';
import { z } from 'zod';
import { FirmId } from '../domain/firm.ts';
import type { RestructuringService } from '../services/restructuringService.ts';
import type { ApiDescription } from './openapi.ts';
import { nonBlankText, parseBody, parseParams, parseQuery } from './validate.ts';

const MAX_CHANGES = 200;
const Division = z.string().regex(/^\d{2}$/, 'must be a KSIC division (2 digits)');
const Money = z.number().positive().max(1e12);

export const SupplierSelector = z
  .object({
    suppliers: z.array(FirmId).min(1).max(1_000).optional(),
    outsideRegion: z.boolean().optional(),
    division: Division.optional(),
    product: nonBlankText(200).optional(),
  })
  .refine((s) => s.suppliers || s.outsideRegion || s.division || s.product, 'must select suppliers (suppliers, outsideRegion, division or product)');

export const ScenarioChange = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('move'),
    buyer: FirmId,
    share: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1'),
    from: SupplierSelector,
    to: z.array(z.object({ supplier: FirmId, weight: z.number().positive().max(1e6).optional() })).min(1, 'needs at least one new supplier').max(50),
  }),
  z.object({ kind: z.literal('addLink'), supplier: FirmId, buyer: FirmId, value: Money }),
  z.object({ kind: z.literal('removeLink'), supplier: FirmId, buyer: FirmId }),
  z.object({ kind: z.literal('closeFirm'), firm: FirmId }),
  z.object({ kind: z.literal('setRevenue'), firm: FirmId, revenue: Money }),
  z.object({ kind: z.literal('setValueAddedRatio'), firm: FirmId, valueAddedRatio: z.number().min(0).max(1) }),
]);

export const EvaluateBody = z.object({
  changes: z.array(ScenarioChange).min(1, 'needs at least one change').max(MAX_CHANGES),
  scope: z.enum(['region', 'network']).default('region'),
  householdSpendingShare: z.number().min(0).max(1).optional(),
  limit: z.number().int().min(0).max(1_000).default(50),
});

const Label = {
  id: z.string(),
  name: z.string(),
  nameKo: z.string().optional(),
  tier: z.string(),
  sector: z.string(),
  region: z.string(),
  district: z.string().nullable(),
};
const Figures = z.object({
  output: z.number(),
  valueAdded: z.number(),
  jobs: z.number(),
  leakage: z.object({ total: z.number(), byRegion: z.record(z.string(), z.number()) }),
  homeSourcing: z.number(),
  householdIncome: z.number(),
});
const Multipliers = z.object({
  output: z.number(),
  valueAdded: z.number(),
  employment: z.number(),
  outputTypeII: z.number(),
  valueAddedTypeII: z.number(),
  employmentTypeII: z.number(),
});
const Structure = z.object({
  suppliers: z.number(),
  buyers: z.number(),
  purchases: z.number(),
  sales: z.number(),
  supplierHHI: z.number().nullable(),
  largestSupplierShare: z.number().nullable(),
  homeSourcing: z.number().nullable(),
  dependentBuyers: z.number(),
});
const FirmChange = z.object({ ...Label, outputChange: z.number(), outputChangeTypeII: z.number(), valueAddedChange: z.number(), jobsChange: z.number() });

export const EvaluateResponse = z.object({
  scope: z.enum(['region', 'network']),
  units: z.string(),
  before: Figures,
  after: Figures,
  afterTypeII: Figures,
  anchors: z.array(z.object({ ...Label, before: Multipliers, after: Multipliers.nullable() })),
  changedFirms: z.array(z.object({ ...Label, closed: z.boolean(), before: Structure, after: Structure.nullable() })),
  gainers: z.array(FirmChange),
  losers: z.array(FirmChange),
  changes: z.array(z.unknown()),
  iterations: z.number(),
  residual: z.number(),
  warnings: z.array(z.string()),
  dataVersion: z.number(),
  computeMs: z.number(),
});

const LocalisationParams = z.object({ id: FirmId });
export const LocalisationQuery = z.object({
  share: z.coerce.number().gt(0, 'must be above 0').max(1, 'must be at most 1').default(0.3),
  limit: z.coerce.number().int().min(1).max(20).default(5),
  groups: z.coerce.number().int().min(1).max(50).default(10),
});

export const LocalisationResponse = z.object({
  firm: z.object(Label),
  share: z.number(),
  units: z.string(),
  outOfRegionPurchases: z.number(),
  weights: z.record(z.string(), z.number()),
  groups: z.array(
    z.object({
      division: z.string(),
      product: z.string().nullable(),
      value: z.number(),
      suppliers: z.array(z.object({ ...Label, value: z.number() })),
      suggestions: z.array(
        z.object({
          ...Label,
          fit: z.number(),
          criteria: z.record(z.string(), z.number()),
          headroom: z.number(),
          axLevel: z.number().nullable(),
          gain: z.object({ output: z.number(), valueAdded: z.number(), jobs: z.number(), leakage: z.number() }).nullable(),
          refused: z.string().nullable(),
          change: ScenarioChange,
        }),
      ),
    }),
  ),
  dataVersion: z.number(),
});

export function restructuringRouter(restructuring: RestructuringService, api: ApiDescription): Router {
  const router = Router();
  api.add({
    method: 'post',
    path: '/api/restructuring/evaluate',
    summary: 'Restructuring scenario: changes to the network overlaid on the snapshot, home-region figures before and after',
    tag: 'restructuring',
    body: EvaluateBody,
    response: EvaluateResponse,
    problems: [400, 422, 503],
  });
  router.post('/api/restructuring/evaluate', async (req, res) => {
    res.json(await restructuring.evaluate(parseBody(EvaluateBody, req)));
  });
  api.add({
    method: 'get',
    path: '/api/firms/:id/localisation',
    summary: 'Localisation assistant: out-of-region purchases and home-region firms that could take them over',
    tag: 'restructuring',
    params: LocalisationParams,
    query: LocalisationQuery,
    response: LocalisationResponse,
    problems: [400, 404, 503],
  });
  router.get('/api/firms/:id/localisation', async (req, res) => {
    const { id } = parseParams(LocalisationParams, req);
    res.json(await restructuring.localisation({ firmId: id, ...parseQuery(LocalisationQuery, req) }));
  });
  return router;
}
