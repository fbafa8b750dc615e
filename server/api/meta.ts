import { Router } from 'express';
import { TIERS } from '../domain/firm.ts';
import { SECTORS } from '../domain/sectors.ts';
import { BUSAN_DISTRICTS, HOME_REGION, KNOWN_REGIONS } from '../domain/regions.ts';
import { METRICS } from '../domain/metrics.ts';
import type { ApiDescription } from './openapi.ts';
import { MetaResponse } from './responses.ts';

const TIER_LABELS: Record<string, { en: string; ko: string }> = {
  'top-anchor': { en: 'Top-tier Anchor', ko: '탑티어 앵커기업' },
  anchor: { en: 'Anchor', ko: '앵커기업' },
  'pre-anchor': { en: 'Pre-Anchor', ko: '프리앵커기업' },
  sme: { en: 'SME', ko: '중소기업' },
  large: { en: 'Large firm', ko: '대기업·중견기업' },
  external: { en: 'Outside partner', ko: '역외 기업' },
};

/** The vocabularies the client needs for filters, legends and labels, in English and Korean. */
export function metaRouter(api: ApiDescription): Router {
  const router = Router();
  api.add({ method: 'get', path: '/api/meta', summary: 'Tiers, sectors, regions, districts and metrics with labels', tag: 'meta', response: MetaResponse });
  router.get('/api/meta', (_req, res) => {
    res.json({
      homeRegion: HOME_REGION,
      tiers: TIERS.map((id) => ({ id, ...TIER_LABELS[id] })),
      sectors: SECTORS.map(({ code, en, ko }) => ({ code, en, ko })),
      regions: KNOWN_REGIONS.map(({ id, ko }) => ({ id, en: id, ko })),
      districts: BUSAN_DISTRICTS.map(({ id, ko }) => ({ id, ko })),
      metrics: METRICS,
    });
  });
  return router;
}
