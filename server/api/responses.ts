/**
 * Response schemas for the OpenAPI document (what schemathesis checks every answer against). Objects are
 * open (`looseObject`): a field added later does not break clients or the check; the fields named here are
 * promised. Numbers that can be undefined for a firm (a metric not computed, a growth without a base
 * year) are nullable.
 */
import { z } from 'zod';
import { ROLES } from '../domain/roles.ts';
import { SUPPLY_CHANGES } from '../domain/supplyChange.ts';
import { FIRM_CHANGES } from '../domain/views.ts';

const num = z.number();
const maybe = z.number().nullable();
const text = z.string();

export const MetricValues = z.record(z.string(), maybe);

const FirmSummary = z.looseObject({
  id: text,
  name: text,
  nameKo: text.optional(),
  tier: text,
  sector: text,
  region: text,
  district: text.optional(),
  revenue: num,
  employees: num,
  metrics: MetricValues.optional(),
});

export const FirmPageResponse = z.looseObject({ items: z.array(FirmSummary), nextCursor: text.nullable() });

const Change = z.enum(SUPPLY_CHANGES);
/** With compareYear: the value then (KRW million), value − then, and what changed. */
const Compared = { compareValue: num.optional(), delta: num.optional(), change: Change.optional() };

const Partner = z.looseObject({ id: text, name: text, tier: text, value: num, share: maybe, ...Compared });

export const SupplyYearsResponse = z.looseObject({ years: z.array(z.int()) });

export const FirmDetailResponse = FirmSummary.extend({
  year: z.int().optional(),
  compareYear: z.int().optional(),
  history: z.array(z.looseObject({ year: num, revenue: num, employees: num })).optional(),
  metricPercentiles: MetricValues.optional(),
  suppliers: z.array(Partner),
  buyers: z.array(Partner),
});

export const NetworkResponse = z.looseObject({
  nodes: z.array(FirmSummary.extend({ change: z.enum(FIRM_CHANGES).optional() })),
  links: z.array(z.looseObject({ source: text, target: text, value: num, ...Compared })),
  truncated: z.boolean().optional(),
  year: z.int().optional(),
  compareYear: z.int().optional(),
});

const Effect = z.looseObject({ output: num, valueAdded: num, employment: num });
const Breakdown = z.array(z.looseObject({ key: text, output: num, share: maybe }));

const TypeSummary = z.looseObject({ totals: Effect, multiplier: maybe, householdIncome: num, leakage: maybe });

export const RippleResponse = z.looseObject({
  model: z.enum(['demand', 'supply']),
  scope: z.enum(['region', 'network']),
  type: z.enum(['I', 'II']),
  typeI: TypeSummary,
  typeII: TypeSummary.extend({ consumption: Effect }).nullable(),
  leakage: z.looseObject({ total: num, byRegion: z.array(z.looseObject({ region: text, amount: num, share: maybe })) }).nullable(),
  warnings: z.array(z.looseObject({ code: text })),
  totals: Effect,
  multiplier: maybe,
  iterations: num,
  residual: num,
  firms: z.array(z.looseObject({ id: text, name: text, output: num, valueAdded: num, employment: num, hop: num })),
  byRegion: Breakdown,
  bySector: Breakdown,
  byTier: Breakdown,
});

export const DisruptionResponse = z.looseObject({
  totals: z.looseObject({ outputLoss: num }),
  firms: z.array(z.looseObject({ id: text, name: text, outputLoss: num, hop: num })),
  singleSource: z.array(z.looseObject({ buyerId: text, supplierId: text, value: num, share: num })),
});

export const ExtractionResponse = z.looseObject({
  totalOutput: num,
  firms: z.array(z.looseObject({ id: text, name: text, loss: num, ownOutput: num })),
});

export const CandidatesResponse = z.looseObject({
  weights: z.record(z.string(), num),
  eligible: num,
  eligibleRevenue: z.looseObject({ min: num, max: num }).nullable().optional(),
  items: z.array(
    z.looseObject({
      rank: num,
      id: text,
      name: text,
      score: num,
      criteria: z.record(z.string(), z.looseObject({ percentile: num, weight: num, contribution: num, missing: z.boolean() })),
    }),
  ),
});

const Job = z.looseObject({
  id: text,
  kind: text,
  status: z.enum(['running', 'done', 'failed']),
  progress: num,
  stage: text,
  startedAt: text,
  finishedAt: text.nullable(),
  error: text.nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  rows: num.optional(),
  rowsPerSecond: num.nullable().optional(),
  etaSeconds: num.nullable().optional(),
});

export const JobResponse = Job;
export const RecomputeResponse = z.looseObject({ jobId: text, job: Job });
export const ImportJobResponse = RecomputeResponse;
export const MetricsSummaryResponse = z.looseObject({ computed: z.boolean(), current: z.boolean() });
export const CommunitiesResponse = z.looseObject({ modularity: maybe, communities: z.array(z.looseObject({ id: num, size: num })) });

const Labelled = z.looseObject({ en: text.optional(), ko: text });
export const MetaResponse = z.looseObject({
  homeRegion: text,
  tiers: z.array(Labelled),
  sectors: z.array(Labelled),
  regions: z.array(Labelled),
  districts: z.array(Labelled),
  metrics: z.array(z.looseObject({ id: text })),
});


export const ImportReportResponse = z.looseObject({
  mode: z.enum(['merge', 'replace']),
  dryRun: z.boolean(),
  firms: z.looseObject({ received: num, valid: num }),
  supplies: z.looseObject({ received: num, valid: num }),
  written: z.looseObject({ firms: num, supplies: num }).nullable(),
  dataVersion: num.nullable(),
});

const Role = z.enum(ROLES);
const TokenInfo = z.looseObject({ id: z.uuid(), name: text, role: Role, createdAt: text, createdBy: text, revokedAt: text.nullable() });
export const IssuedTokenResponse = TokenInfo.extend({ token: text });
export const TokenListResponse = z.looseObject({ tokens: z.array(TokenInfo) });
export const RevokedTokenResponse = z.looseObject({ id: z.uuid(), name: text, role: Role, revokedAt: text });

export const SessionResponse = z.union([
  z.looseObject({ signedIn: z.literal(false) }),
  z.looseObject({ signedIn: z.literal(true), id: text, name: text, role: Role }),
]);

export const AuditResponse = z.looseObject({
  entries: z.array(
    z.looseObject({
      seq: num,
      at: text,
      actor: z.looseObject({ id: text, name: text, role: Role }),
      action: text,
      target: text,
      before: z.unknown(),
      after: z.unknown(),
      details: z.unknown(),
    }),
  ),
  nextCursor: text.nullable(),
});
