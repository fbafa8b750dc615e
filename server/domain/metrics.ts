/**
 * Per-firm metrics computed by POST /api/metrics/recompute and stored as (:Firm) properties, so that
 * Cypher can filter and sort by them. This list is the allowlist of metric names everywhere.
 */
export const METRICS = [
  { id: 'pagerank', en: 'PageRank (buyer pull)', ko: '페이지랭크' },
  { id: 'pagerankReverse', en: 'PageRank (supplier criticality)', ko: '공급 중요도 랭크' },
  { id: 'betweenness', en: 'Betweenness', ko: '매개 중심성' },
  { id: 'community', en: 'Community', ko: '커뮤니티' },
  { id: 'coreNumber', en: 'k-core', ko: 'k-코어' },
  { id: 'constraint', en: "Burt's constraint", ko: '구조적 제약' },
  { id: 'inDegree', en: 'Suppliers', ko: '공급사 수' },
  { id: 'outDegree', en: 'Buyers', ko: '구매사 수' },
  { id: 'inStrength', en: 'Purchases from network', ko: '네트워크 매입액' },
  { id: 'outStrength', en: 'Sales to network', ko: '네트워크 매출액' },
  { id: 'supplierHhi', en: 'Supplier concentration (HHI)', ko: '공급사 집중도' },
  { id: 'customerHhi', en: 'Customer concentration (HHI)', ko: '고객 집중도' },
  { id: 'outputMultiplier', en: 'Output multiplier', ko: '생산유발계수' },
  { id: 'employmentMultiplier', en: 'Employment multiplier (jobs per ₩1bn)', ko: '취업유발계수 (명/10억원)' },
  { id: 'valueAddedMultiplier', en: 'Value-added multiplier', ko: '부가가치유발계수' },
  { id: 'regionalRetention', en: 'Regional retention', ko: '지역 내 유발 비중' },
  { id: 'backwardLinkage', en: 'Backward linkage index', ko: '영향력계수' },
  { id: 'forwardLinkage', en: 'Forward linkage index', ko: '감응도계수' },
  { id: 'articulation', en: 'Articulation point', ko: '단절점' },
] as const;

export type MetricId = (typeof METRICS)[number]['id'];
export const METRIC_IDS = METRICS.map((m) => m.id) as [MetricId, ...MetricId[]];
export type FirmMetrics = Record<MetricId, number | null>;
