/**
 * The API's response shapes as the explorer reads them (DESIGN §5). Domain types come from the server's
 * domain schemas, as types only; nothing of the server runs in the browser.
 */
import type { Firm, HistoryPoint, Tier } from '../../server/domain/firm.ts';
import type { FirmSummary as ApiFirmSummary, FirmChange, NetworkLink } from '../../server/domain/views.ts';
import type { SupplyChange } from '../../server/domain/supplyChange.ts';

export type { FirmChange, SupplyChange };
import type { EventPoint, GroupEvaluation, ProgrammeEvaluation } from '../../server/domain/programme.ts';

export type { Firm, HistoryPoint, Tier };
export type { EventPoint, GroupEvaluation, ProgrammeEvaluation };

/** The server's METRIC_IDS (server/domain/metrics.ts), repeated as a value for the browser; a unit test keeps them equal. */
export const METRIC_KEYS = [
  'pagerank',
  'pagerankReverse',
  'betweenness',
  'community',
  'coreNumber',
  'constraint',
  'inDegree',
  'outDegree',
  'inStrength',
  'outStrength',
  'supplierHhi',
  'customerHhi',
  'outputMultiplier',
  'employmentMultiplier',
  'valueAddedMultiplier',
  'regionalRetention',
  'backwardLinkage',
  'forwardLinkage',
  'articulation',
  'ghoshForwardLinkage',
  'outputMultiplierII',
  'valueAddedMultiplierII',
  'employmentMultiplierII',
  'backwardLinkageII',
  'forwardLinkageII',
  'regionOutputMultiplier',
  'regionValueAddedMultiplier',
  'regionEmploymentMultiplier',
  'regionBackwardLinkage',
  'regionForwardLinkage',
  'regionGhoshForwardLinkage',
  'regionOutputMultiplierII',
  'regionValueAddedMultiplierII',
  'regionEmploymentMultiplierII',
  'regionBackwardLinkageII',
  'regionForwardLinkageII',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];
export type Metrics = Record<MetricKey, number>;

export interface FirmSummary extends Omit<ApiFirmSummary, 'metrics'> {
  metrics?: Partial<Metrics> | null;
}

export type SupplyLink = NetworkLink;

export interface NetworkNode extends FirmSummary {
  /** Hops upstream (towards suppliers) from the focal firm; null when not reached that way. */
  up?: number | null;
  /** Hops downstream (towards buyers) from the focal firm. */
  down?: number | null;
  /** With a comparison: in the network of the year only (added), of the compared year only (removed), or both. */
  change?: FirmChange;
}

export interface NetworkResponse {
  nodes: NetworkNode[];
  links: SupplyLink[];
  truncated?: boolean;
  year?: number;
  compareYear?: number;
}

export interface Neighbour {
  id: string;
  name: string;
  nameKo?: string;
  tier: Tier;
  sector?: string;
  region?: string;
  /** KRW million a year: the model's value, or that of the year asked for. */
  value: number;
  share: number;
  /** With a comparison: the value in the compared year, the difference and what changed. */
  compareValue?: number;
  delta?: number;
  change?: SupplyChange;
}

export interface FirmDetail extends Omit<Firm, 'history'> {
  history?: HistoryPoint[];
  metrics: Partial<Metrics> | null;
  /** Percentile 0–100 among the firm's sector peers; null where the firm has no value. */
  metricPercentiles?: Partial<Record<MetricKey, number | null>> | null;
  suppliers: Neighbour[];
  buyers: Neighbour[];
  year?: number;
  compareYear?: number;
}

export interface FirmPage {
  items: FirmSummary[];
  nextCursor: string | null;
}

export interface Labelled {
  en?: string;
  ko?: string;
}

export interface Meta {
  tiers: ({ id: Tier } & Labelled)[];
  sectors: ({ code: string } & Labelled)[];
  regions: ({ id: string } & Labelled)[];
  districts: ({ id: string } & Labelled)[];
  metrics: ({ id: string } & Labelled)[];
  homeRegion: string;
}

export interface Health {
  status: string;
  neo4j: { connected: boolean; version?: string };
  firms: number;
  supplies: number;
  dataVersion?: number | null;
}

export type RippleModel = 'demand' | 'supply';

export interface Shock {
  firmId: string;
  amount: number;
}

export interface Effect {
  output: number;
  valueAdded: number;
  employment: number;
}

export interface Breakdown extends Effect {
  key: string;
  share: number;
}

export interface RippleFirm extends Effect {
  id: string;
  name: string;
  nameKo?: string;
  hop: number;
  /** Output beyond the firm's own shock (the server sends it; older servers did not). */
  induced?: number;
}

export interface RippleResult {
  model: RippleModel;
  totals: Effect;
  direct: Effect | number;
  induced: Effect | number;
  multiplier: number;
  iterations: number;
  residual: number;
  firms: RippleFirm[];
  byRegion: Breakdown[];
  byDistrict: Breakdown[];
  bySector: Breakdown[];
  byTier: Breakdown[];
  bySize: Breakdown[];
  /** null in the region scope, where what leaves the region is `leakage`. */
  retention: { homeRegion: number | null; sme: number };
  byHop: { hop: number; output: number }[];
  /** Older servers send none of the following: they solved the whole network, Type I. */
  scope?: RippleScope;
  households?: boolean;
  householdSpendingShare?: number | null;
  type?: 'I' | 'II';
  typeI?: RippleTypeSummary;
  typeII?: (RippleTypeSummary & { consumption: Effect }) | null;
  leakage?: { total: number; byRegion: { region: string; amount: number; share: number | null }[] } | null;
  exportDemand?: { total: number; firms: { id: string; name: string; nameKo?: string | null; amount: number }[] } | null;
  warnings?: RippleWarning[];
}

export type RippleScope = 'region' | 'network';

export interface RippleTypeSummary {
  totals: Effect;
  multiplier: number | null;
  householdIncome: number;
  leakage: number | null;
}

export interface RippleWarning {
  code: 'shock-exceeds-revenue' | 'contraction' | 'ghosh-quantity' | 'outside-shock';
  firmId?: string;
  amount?: number;
  revenue?: number;
  message: string;
}

export interface DisruptionFirm {
  id: string;
  name: string;
  nameKo?: string;
  directShare: number;
  exposedShare: number;
  outputLoss: number;
  hop: number;
  singleSource: boolean;
}

export interface DisruptionResult {
  firms: DisruptionFirm[];
  /** Output lost: in all, by the stopped firms themselves, and downstream of them. */
  totals: { outputLoss: number; disruptedOutputLoss?: number; downstreamOutputLoss?: number };
  /** Firms losing output, the stopped ones left out (all of them, not only those listed). */
  affectedFirms: number;
  /** Buyers for which a stopped firm is the only supplier in its sector. */
  singleSourceBuyers: number;
}
export interface Community {
  id: number;
  size: number;
  topFirms: { id: string; name: string }[];
  sectors?: unknown;
}

export interface CommunitiesResponse {
  modularity: number;
  communities: Community[];
}

export const CRITERIA = ['technology', 'globalScalability', 'cooperativeNetwork', 'jobCreation', 'growth'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** One input of a criterion: its raw value and its percentile among the eligible firms. */
export interface CriterionInput {
  metric: string;
  raw: number | null;
  percentile: number | null;
}

export interface CriterionScore {
  percentile: number;
  /** The weight as used, normalised so that the five sum to 1. */
  weight: number;
  contribution: number;
  missing?: boolean;
  metrics?: CriterionInput[];
}

export interface Candidate {
  rank: number;
  id: string;
  name: string;
  nameKo?: string;
  score: number;
  tier?: Tier;
  sector?: string;
  district?: string;
  revenue?: number;
  employees?: number;
  /** The score's parts: the contract names them `breakdown`, the server sends `criteria`; either is read. */
  breakdown?: Record<Criterion, CriterionScore>;
  criteria?: Record<Criterion, CriterionScore>;
}

export interface CandidatesResponse {
  weights: Record<Criterion, number>;
  eligible: number;
  eligibility?: { tiers?: string[]; regions?: string[]; revenueMin?: number; revenueMax?: number };
  /** The eligible firms' actual revenue range (KRW million); null when none is eligible. */
  eligibleRevenue?: { min: number; max: number } | null;
  items: Candidate[];
}

/** GET /api/programme/outcomes: growth by cohort against the home region's SMEs outside the programme. */
export interface Job {
  id: string;
  kind: string;
  status: 'running' | 'done' | 'failed';
  progress: number;
  stage?: string;
  error?: string | null;
  /** An import's result: `report` when it ran, `problem` (a 422 problem) when it refused the files. */
  result?: Record<string, unknown> | null;
  /** Work counted in rows (an import): done so far, the rate and the time left. */
  rows?: number;
  rowsPerSecond?: number | null;
  etaSeconds?: number | null;
}

/** GET /api/overview: the whole network folded into groups (server/services/overviewService.ts). */
export type OverviewBy = 'community' | 'division' | 'district' | 'tier';

export interface OverviewGroup {
  /** `g:<key>`, never a firm id (firm ids have no colon). */
  id: string;
  key: string;
  firms: number;
  revenue: number;
  employees: number;
  internalValue: number;
  internalLinks: number;
  largest: { id: string; name: string; nameKo?: string };
}

export interface OverviewFirm extends Omit<FirmSummary, 'metrics'> {
  group: string;
  focal: boolean;
}

export interface OverviewResponse {
  by: OverviewBy;
  requestedBy: OverviewBy;
  dataVersion: number;
  totals: { firms: number; links: number };
  groups: OverviewGroup[];
  firms: OverviewFirm[];
  links: { source: string; target: string; value: number; count: number }[];
  truncated: boolean;
  homeRegion: string;
}
