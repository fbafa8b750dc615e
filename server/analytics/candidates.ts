/**
 * Pre-anchor candidate scoring (DESIGN §4): an explainable, weighted score from percentile ranks among the
 * eligible firms.
 *
 * Sub-metric percentile, among the firms that have a value for it (N of them), with ties at their average
 * rank r̄ (1 = lowest):   p = 100·(r̄ − 1)/(N − 1);   p = 50 when N = 1 (as for N firms all tied).
 * (r̄ is pandas' `rank(method='average')`; the lowest value scores 0, the highest 100.)
 * Criterion c (0–100) = mean of the percentiles of its sub-metrics:
 *   technology          patentsPerEmployee (patents / employees), rdIntensity, certifications
 *   globalScalability   exportShare, exportShareGrowth
 *   cooperativeNetwork  localPartners, centrality, outputMultiplier, regionalRetention
 *   jobCreation         employmentGrowth, employmentMultiplier
 *   growth              revenueCagr
 * Missing values (null, undefined, NaN; patentsPerEmployee also when employees is 0): with
 * missing 'exclude' (default) the sub-metric is left out of its criterion's mean, and a criterion with no
 * sub-metric at all scores 0 and is flagged `missing`; with missing 'zero' a missing sub-metric scores 0.
 * Score = Σ_c w_c·criterion_c / Σ_c w_c, reported as contributions (w_c/Σw)·criterion_c that add up to it.
 * Ranks are competition ranks (equal scores share a rank); order is by score, then id.
 */
import { AnalyticsInputError, OverflowError } from './errors.ts';

export const CRITERIA = ['technology', 'globalScalability', 'cooperativeNetwork', 'jobCreation', 'growth'] as const;
export type Criterion = (typeof CRITERIA)[number];

export const CRITERION_METRICS = {
  technology: ['patentsPerEmployee', 'rdIntensity', 'certifications'],
  globalScalability: ['exportShare', 'exportShareGrowth'],
  cooperativeNetwork: ['localPartners', 'centrality', 'outputMultiplier', 'regionalRetention'],
  jobCreation: ['employmentGrowth', 'employmentMultiplier'],
  growth: ['revenueCagr'],
} as const satisfies Record<Criterion, readonly string[]>;

export type CandidateMetric = (typeof CRITERION_METRICS)[Criterion][number];

type Value = number | null | undefined;

/** Raw inputs of one eligible firm; any may be missing. */
export interface CandidateInput {
  id: string;
  name: string;
  patents?: Value;
  employees?: Value;
  rdIntensity?: Value;
  certifications?: Value;
  exportShare?: Value;
  exportShareGrowth?: Value;
  localPartners?: Value;
  centrality?: Value;
  outputMultiplier?: Value;
  regionalRetention?: Value;
  employmentGrowth?: Value;
  employmentMultiplier?: Value;
  revenueCagr?: Value;
}

export type CriterionWeights = Record<Criterion, number>;

export interface CandidateScoringOptions {
  weights: Partial<CriterionWeights>;
  missing: 'exclude' | 'zero';
}

export const DEFAULT_WEIGHTS: Readonly<CriterionWeights> = {
  technology: 1,
  globalScalability: 1,
  cooperativeNetwork: 1,
  jobCreation: 1,
  growth: 1,
};

export const CANDIDATE_DEFAULTS: Readonly<CandidateScoringOptions> = { weights: DEFAULT_WEIGHTS, missing: 'exclude' };

export interface MetricBreakdown {
  metric: CandidateMetric;
  /** The raw value ranked, or null when missing. */
  raw: number | null;
  /** 0–100, or null when missing. */
  percentile: number | null;
}

export interface CriterionBreakdown {
  /** Mean of the sub-metric percentiles, 0–100. */
  percentile: number;
  /** w_c / Σ w, so that Σ contribution = score. */
  weight: number;
  contribution: number;
  /** No sub-metric had a value. */
  missing: boolean;
  metrics: MetricBreakdown[];
}

export interface CandidateScore {
  rank: number;
  id: string;
  name: string;
  score: number;
  criteria: Record<Criterion, CriterionBreakdown>;
}

export interface CandidateRanking {
  /** The weights used, as given (merged over DEFAULT_WEIGHTS). */
  weights: CriterionWeights;
  missing: CandidateScoringOptions['missing'];
  candidates: CandidateScore[];
}

export function scoreCandidates(
  inputs: readonly CandidateInput[],
  options: Partial<CandidateScoringOptions> = {},
): CandidateRanking {
  const missing = options.missing ?? CANDIDATE_DEFAULTS.missing;
  if (missing !== 'exclude' && missing !== 'zero') {
    throw new AnalyticsInputError('missing', `scoreCandidates: missing must be 'exclude' or 'zero', got ${missing}`);
  }
  const weights = checkWeights({ ...DEFAULT_WEIGHTS, ...options.weights });
  const weightSum = CRITERIA.reduce((s, c) => s + weights[c], 0);
  checkInputs(inputs);

  const raw = new Map<CandidateMetric, (number | null)[]>();
  const percentiles = new Map<CandidateMetric, Float64Array>();
  for (const c of CRITERIA) {
    for (const metric of CRITERION_METRICS[c]) {
      const values = inputs.map((input) => metricValue(input, metric));
      raw.set(metric, values);
      percentiles.set(metric, percentileRanks(values));
    }
  }

  const scored = inputs.map((input, k) => {
    const criteria = {} as Record<Criterion, CriterionBreakdown>;
    let score = 0;
    for (const c of CRITERIA) {
      const metrics = CRITERION_METRICS[c].map((metric): MetricBreakdown => {
        const p = percentiles.get(metric)![k];
        return { metric, raw: raw.get(metric)![k], percentile: Number.isNaN(p) ? null : p };
      });
      const present = metrics.filter((m) => m.percentile !== null);
      const counted = missing === 'zero' ? metrics.length : present.length;
      const sum = present.reduce((s, m) => s + (m.percentile as number), 0);
      const percentile = counted === 0 ? 0 : sum / counted;
      const weight = weights[c] / weightSum;
      const contribution = weight * percentile;
      score += contribution;
      criteria[c] = { percentile, weight, contribution, missing: present.length === 0, metrics };
    }
    return { rank: 0, id: input.id, name: input.name, score, criteria };
  });

  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  scored.forEach((s, r) => {
    s.rank = r > 0 && s.score === scored[r - 1].score ? scored[r - 1].rank : r + 1;
  });
  return { weights, missing, candidates: scored };
}

/**
 * Percentile (0–100) of each present value among the present values, ties at their average rank;
 * NaN where the value is missing.
 */
export function percentileRanks(values: readonly (number | null)[]): Float64Array {
  const result = new Float64Array(values.length).fill(NaN);
  const present: number[] = [];
  values.forEach((v, i) => {
    if (v !== null) present.push(i);
  });
  const N = present.length;
  if (N === 0) return result;
  if (N === 1) {
    result[present[0]] = 50;
    return result;
  }
  present.sort((a, b) => (values[a] as number) - (values[b] as number));
  for (let start = 0; start < N; ) {
    let end = start + 1;
    while (end < N && values[present[end]] === values[present[start]]) end++;
    const averageRank = (start + 1 + end) / 2; // mean of the 1-based ranks start+1 … end
    const p = (100 * (averageRank - 1)) / (N - 1);
    for (let r = start; r < end; r++) result[present[r]] = p;
    start = end;
  }
  return result;
}

function metricValue(input: CandidateInput, metric: CandidateMetric): number | null {
  if (metric === 'patentsPerEmployee') {
    const patents = present(input.patents);
    const employees = present(input.employees);
    return patents === null || employees === null || employees === 0 ? null : patents / employees;
  }
  return present(input[metric]);
}

function present(v: Value): number | null {
  return v === null || v === undefined || Number.isNaN(v) ? null : v;
}

function checkWeights(weights: Record<string, unknown>): CriterionWeights {
  for (const key of Object.keys(weights)) {
    if (!(CRITERIA as readonly string[]).includes(key)) {
      throw new AnalyticsInputError(
        'weights',
        `scoreCandidates: weights has an unknown criterion "${key}" (known: ${CRITERIA.join(', ')})`,
      );
    }
    const w = weights[key];
    if (!(typeof w === 'number' && w >= 0 && w < Infinity)) {
      throw new AnalyticsInputError(
        'weights',
        `scoreCandidates: weights.${key} must be a finite number ≥ 0, got ${w}`,
      );
    }
  }
  const typed = weights as CriterionWeights;
  if (!Number.isFinite(CRITERIA.reduce((sum, c) => sum + typed[c], 0))) {
    throw new OverflowError('weights', 'scoreCandidates: the weights sum to more than a number can hold; use smaller weights (only their ratios matter)');
  }
  if (CRITERIA.every((c) => typed[c] === 0)) {
    throw new AnalyticsInputError(
      'weights',
      'scoreCandidates: weights are all zero; give at least one criterion weight > 0',
    );
  }
  return typed;
}

const INPUT_FIELDS = [
  'patents',
  'employees',
  'rdIntensity',
  'certifications',
  'exportShare',
  'exportShareGrowth',
  'localPartners',
  'centrality',
  'outputMultiplier',
  'regionalRetention',
  'employmentGrowth',
  'employmentMultiplier',
  'revenueCagr',
] as const satisfies readonly (keyof CandidateInput)[];

function checkInputs(inputs: readonly CandidateInput[]): void {
  if (!Array.isArray(inputs)) {
    throw new AnalyticsInputError('candidates', 'scoreCandidates: candidates must be an array');
  }
  const ids = new Set<string>();
  inputs.forEach((input, k) => {
    if (typeof input?.id !== 'string') {
      throw new AnalyticsInputError(`candidates[${k}].id`, `scoreCandidates: candidates[${k}] has no id`);
    }
    if (ids.has(input.id)) {
      throw new AnalyticsInputError(`candidates[${k}].id`, `scoreCandidates: firm "${input.id}" is listed twice`);
    }
    ids.add(input.id);
    for (const field of INPUT_FIELDS) {
      const v = input[field];
      if (v === null || v === undefined || Number.isNaN(v)) continue;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new AnalyticsInputError(
          `candidates[${k}].${field}`,
          `scoreCandidates: candidates[${k}].${field} must be a finite number or missing, got ${v}`,
        );
      }
    }
  });
}
