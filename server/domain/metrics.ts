/**
 * Per-firm metrics computed by POST /api/metrics/recompute and stored on each (:Firm), in this order, as the
 * list metricValues (server/domain/metricValues.ts), so that Cypher can filter and sort by them. This list is
 * the allowlist of metric names everywhere.
 */
/** The Bank of Korea's input-output coefficients, each stored per scope and type (docs/ANALYTICS.md §8). */
export const COEFFICIENTS = [
  { id: 'output', en: 'Output multiplier', ko: '생산유발계수' },
  { id: 'valueAdded', en: 'Value-added multiplier', ko: '부가가치유발계수' },
  { id: 'employment', en: 'Employment multiplier (persons per ₩1bn)', ko: '취업·고용유발계수 (명/10억원)' },
  { id: 'backwardLinkage', en: 'Power of dispersion (backward linkage)', ko: '영향력계수' },
  { id: 'forwardLinkage', en: 'Sensitivity of dispersion (forward linkage, Leontief)', ko: '감응도계수' },
  { id: 'ghoshForwardLinkage', en: 'Forward linkage (Ghosh)', ko: '전방연쇄효과 (Ghosh)' },
] as const;
export type CoefficientId = (typeof COEFFICIENTS)[number]['id'];

type Scope = 'region' | 'network';
type IoType = 'I' | 'II';
interface MetricInfo {
  readonly id: string;
  readonly en: string;
  readonly ko: string;
  /** For input-output coefficients: which coefficient, in which scope and type. */
  readonly coefficient?: CoefficientId;
  readonly scope?: Scope;
  readonly type?: IoType;
}

const io = <const Id extends string>(id: Id, coefficient: CoefficientId, scope: Scope, type: IoType, en: string, ko: string) =>
  ({ id, en, ko, coefficient, scope, type }) as const;

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
  io('outputMultiplier', 'output', 'network', 'I', 'Output multiplier', '생산유발계수'),
  io('employmentMultiplier', 'employment', 'network', 'I', 'Employment multiplier (jobs per ₩1bn)', '취업유발계수 (명/10억원)'),
  io('valueAddedMultiplier', 'valueAdded', 'network', 'I', 'Value-added multiplier', '부가가치유발계수'),
  { id: 'regionalRetention', en: 'Regional retention', ko: '지역 내 유발 비중' },
  io('backwardLinkage', 'backwardLinkage', 'network', 'I', 'Backward linkage index', '영향력계수'),
  io('forwardLinkage', 'forwardLinkage', 'network', 'I', 'Forward linkage index', '감응도계수'),
  { id: 'articulation', en: 'Articulation point', ko: '단절점' },
  io('ghoshForwardLinkage', 'ghoshForwardLinkage', 'network', 'I', 'Forward linkage (Ghosh)', '전방연쇄효과 (Ghosh)'),
  io('outputMultiplierII', 'output', 'network', 'II', 'Output multiplier, Type II', '생산유발계수 (유형 II)'),
  io('valueAddedMultiplierII', 'valueAdded', 'network', 'II', 'Value-added multiplier, Type II', '부가가치유발계수 (유형 II)'),
  io('employmentMultiplierII', 'employment', 'network', 'II', 'Employment multiplier, Type II (jobs per ₩1bn)', '취업유발계수 (유형 II, 명/10억원)'),
  io('backwardLinkageII', 'backwardLinkage', 'network', 'II', 'Backward linkage index, Type II', '영향력계수 (유형 II)'),
  io('forwardLinkageII', 'forwardLinkage', 'network', 'II', 'Forward linkage index, Type II', '감응도계수 (유형 II)'),
  io('regionOutputMultiplier', 'output', 'region', 'I', 'Output multiplier (region)', '생산유발계수 (지역)'),
  io('regionValueAddedMultiplier', 'valueAdded', 'region', 'I', 'Value-added multiplier (region)', '부가가치유발계수 (지역)'),
  io('regionEmploymentMultiplier', 'employment', 'region', 'I', 'Employment multiplier (region, jobs per ₩1bn)', '취업유발계수 (지역, 명/10억원)'),
  io('regionBackwardLinkage', 'backwardLinkage', 'region', 'I', 'Backward linkage index (region)', '영향력계수 (지역)'),
  io('regionForwardLinkage', 'forwardLinkage', 'region', 'I', 'Forward linkage index (region)', '감응도계수 (지역)'),
  io('regionGhoshForwardLinkage', 'ghoshForwardLinkage', 'region', 'I', 'Forward linkage (Ghosh, region)', '전방연쇄효과 (Ghosh, 지역)'),
  io('regionOutputMultiplierII', 'output', 'region', 'II', 'Output multiplier (region, Type II)', '생산유발계수 (지역, 유형 II)'),
  io('regionValueAddedMultiplierII', 'valueAdded', 'region', 'II', 'Value-added multiplier (region, Type II)', '부가가치유발계수 (지역, 유형 II)'),
  io('regionEmploymentMultiplierII', 'employment', 'region', 'II', 'Employment multiplier (region, Type II, jobs per ₩1bn)', '취업유발계수 (지역, 유형 II, 명/10억원)'),
  io('regionBackwardLinkageII', 'backwardLinkage', 'region', 'II', 'Backward linkage index (region, Type II)', '영향력계수 (지역, 유형 II)'),
  io('regionForwardLinkageII', 'forwardLinkage', 'region', 'II', 'Forward linkage index (region, Type II)', '감응도계수 (지역, 유형 II)'),
] as const satisfies readonly MetricInfo[];

export type MetricId = (typeof METRICS)[number]['id'];
export const METRIC_IDS = METRICS.map((m) => m.id) as [MetricId, ...MetricId[]];
export type FirmMetrics = Record<MetricId, number | null>;
