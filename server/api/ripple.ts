import { Router } from 'express';
import { z } from 'zod';
import { FirmId } from '../domain/firm.ts';
import type { RippleService } from '../services/rippleService.ts';
import type { ApiDescription } from './openapi.ts';
import { DisruptionResponse, ExtractionResponse, RippleResponse } from './responses.ts';
import { finiteResult, parseBody } from './validate.ts';

const MAX_SHOCKS = 1_000;

export const RippleBody = z.object({
  model: z.enum(['demand', 'supply']).default('demand'),
  shocks: z
    .array(z.object({ firmId: FirmId, amount: z.number().refine((v) => v !== 0, 'must not be zero').meta({ not: { const: 0 } }) }))
    .min(1, 'needs at least one shock')
    .max(MAX_SHOCKS),
  limit: z.number().int().min(0).max(100_000).default(1_000),
});

export const DisruptionBody = z.object({
  firmIds: z.array(FirmId).min(1, 'needs at least one firm').max(MAX_SHOCKS),
  capacityLoss: z.number().gt(0).max(1).default(1),
  // 'revenue' (a buyer loses output in proportion to lost inputs over its revenue) converges in a few
  // terms; 'purchases' (over its network purchases) is the pessimistic bound, slow on large networks.
  basis: z.enum(['purchases', 'revenue']).default('revenue'),
  limit: z.number().int().min(0).max(100_000).default(1_000),
});

export const ExtractionBody = z.object({
  // One sparse solve per firm (~0.1 s each at 100k firms).
  firmIds: z.array(FirmId).min(1, 'needs at least one firm').max(20),
});

export function rippleRouter(ripple: RippleService, api: ApiDescription): Router {
  const router = Router();
  api.add({ method: 'post', path: '/api/ripple', summary: 'Ripple effect of final-demand (Leontief) or primary-input (Ghosh) shocks', tag: 'ripple', body: RippleBody, response: RippleResponse, problems: [409, 422] });
  router.post('/api/ripple', async (req, res) => {
    res.json(finiteResult(await ripple.ripple(parseBody(RippleBody, req)), 'body.shocks'));
  });
  api.add({ method: 'post', path: '/api/disruption', summary: 'Firms stop supplying: exposed input shares downstream, single-source dependencies', tag: 'ripple', body: DisruptionBody, response: DisruptionResponse, problems: [409, 422] });
  router.post('/api/disruption', async (req, res) => {
    res.json(await ripple.disruption(parseBody(DisruptionBody, req)));
  });
  api.add({ method: 'post', path: '/api/extraction', summary: 'Hypothetical extraction: output the network loses without each firm', tag: 'ripple', body: ExtractionBody, response: ExtractionResponse, problems: [409, 422] });
  router.post('/api/extraction', async (req, res) => {
    res.json(await ripple.extraction(parseBody(ExtractionBody, req).firmIds));
  });
  return router;
}
