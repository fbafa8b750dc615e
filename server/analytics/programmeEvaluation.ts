/**
 * Programme impact evaluation: matched difference in differences of revenue and employment growth.
 *
 * Outcome: annual log growth g_t = ln y_t − ln y_{t−1} (y = revenue, or employees). A treated firm i is
 * selected in year c (event time e = t − c; its base year b = c − 1, the last year before selection):
 *   matching — exact on KSIC division × size class at b; then the k nearest controls, with replacement, by
 *              standardised Euclidean distance (a diagonal Mahalanobis distance) on (ln revenue_b,
 *              ln employees_b, g^revenue_b, g^employees_b), each feature divided by its standard deviation
 *              among all controls eligible at b; ties broken by firm id (Abadie & Imbens 2006).
 *   gap      — d_i(e) = g_i(c+e) − mean_{j ∈ M_i} g_j(c+e): the event study; zero before selection when the
 *              groups trend in parallel (e = −1 is matched on, so it is near zero by construction).
 *   effect   — DiD_i(t) = d_i(t − c) − d_i(−1): the growth gap in year t less the gap before selection.
 * A group's estimate is the mean over its treated firms, unweighted and weighted by revenue at b. Intervals:
 * percentile bootstrap (type 7 quantiles) over the treated firms, each resampled with its matched controls,
 * from mulberry32(seed); the matching itself is held fixed, so the interval leaves its uncertainty out.
 */
import { mulberry32 } from './seeded-random.ts';
import { sectorDivision } from '../domain/sectors.ts';
import { sizeClass } from '../domain/size.ts';
import type { Effect, EffectMeasure, EventMeasure, EventPoint, GroupEvaluation } from '../domain/programme.ts';

export interface PanelFirm {
  id: string;
  /** KSIC code; matching uses its division (first two digits). */
  sector: string;
  /** The year the firm was selected into the programme, or null. */
  selection: number | null;
  /** The earliest selection year among the programme firms it supplies or buys from directly; null if none. */
  partnerSelection: number | null;
  history: readonly { year: number; revenue: number; employees: number }[];
}

export interface EvaluationGroup {
  key: string;
  /** programme: the selected firms; spillover: their direct partners, timed by their partner's selection. */
  kind: 'programme' | 'spillover';
  cohorts: readonly number[];
}

export interface EvaluationOptions {
  /** Matched controls per treated firm. */
  neighbours: number;
  /** Event times of the event study, relative to the selection year. */
  eventFrom: number;
  eventTo: number;
  /** The calendar year whose growth the effect is estimated for. */
  outcomeYear: number;
  resamples: number;
  seed: number;
  /** Confidence level of the bootstrap interval. */
  level: number;
}

export const EVALUATION_DEFAULTS: Omit<EvaluationOptions, 'outcomeYear'> = {
  neighbours: 3,
  eventFrom: -3,
  eventTo: 1,
  resamples: 1000,
  seed: 2026,
  level: 0.95,
};

export const MEASURES = ['revenue', 'employment'] as const;
export type Measure = (typeof MEASURES)[number];

type WeightedEstimates = Pick<EventMeasure, 'unweighted' | 'weighted'>;

export interface Evaluation {
  /** Firms eligible as controls: outside the programme and not a direct partner of any programme firm. */
  controlPool: number;
  groups: GroupEvaluation[];
}

/** A firm's history by year: levels and their logs (years with a non-positive figure left out). */
interface Series {
  lnRevenue: Map<number, number>;
  lnEmployees: Map<number, number>;
  revenue: Map<number, number>;
  employees: Map<number, number>;
}

function seriesOf(f: PanelFirm): Series {
  const s: Series = { lnRevenue: new Map(), lnEmployees: new Map(), revenue: new Map(), employees: new Map() };
  for (const p of f.history) {
    if (!(p.revenue > 0) || !(p.employees > 0)) continue;
    s.lnRevenue.set(p.year, Math.log(p.revenue));
    s.lnEmployees.set(p.year, Math.log(p.employees));
    s.revenue.set(p.year, p.revenue);
    s.employees.set(p.year, p.employees);
  }
  return s;
}

/** ln y_t − ln y_{t−1}, or NaN when either year is missing. */
function growth(s: Series, measure: Measure, year: number): number {
  const logs = measure === 'revenue' ? s.lnRevenue : s.lnEmployees;
  const now = logs.get(year);
  const before = logs.get(year - 1);
  return now === undefined || before === undefined ? Number.NaN : now - before;
}

const FEATURES = 4;

/** Matching features at base year b, or null when the firm lacks b or b − 1. */
function features(s: Series, b: number): Float64Array | null {
  const gr = growth(s, 'revenue', b);
  const ge = growth(s, 'employment', b);
  if (Number.isNaN(gr) || Number.isNaN(ge)) return null;
  return Float64Array.of(s.lnRevenue.get(b)!, s.lnEmployees.get(b)!, gr, ge);
}

function cellOf(f: PanelFirm, s: Series, b: number): string {
  return `${sectorDivision(f.sector)}|${sizeClass(s.revenue.get(b)!, s.employees.get(b)!)}`;
}

/** The controls eligible at one base year, by cell, with their features already divided by the scale. */
interface ControlIndex {
  cells: Map<string, { positions: Int32Array; scaled: Float64Array }>;
  scale: Float64Array;
}

interface MatchedUnit {
  selection: number;
  /** Revenue in the base year. */
  weight: number;
  /** Panel positions of the matched controls. */
  controls: number[];
}

/**
 * The k nearest eligible controls of the treated firm's cell at its base year, nearest first (ties: lower id).
 * One pass over the cell's packed features with a running best-k list: no sort, no allocation per control.
 */
function nearest(index: ControlIndex, cell: string, x: Float64Array, k: number, ids: readonly string[]): number[] {
  const packed = index.cells.get(cell);
  if (!packed) return [];
  const xs = Float64Array.from(x, (v, q) => v / index.scale[q]);
  const bestJ: number[] = [];
  const bestD: number[] = [];
  const { positions, scaled } = packed;
  for (let c = 0; c < positions.length; c++) {
    let d = 0;
    for (let q = 0; q < FEATURES; q++) d += (xs[q] - scaled[c * FEATURES + q]) ** 2;
    const j = positions[c];
    const full = bestJ.length === k;
    if (full && (d > bestD[k - 1] || (d === bestD[k - 1] && ids[j] > ids[bestJ[k - 1]]))) continue;
    let at = full ? k - 1 : bestJ.length;
    while (at > 0 && (d < bestD[at - 1] || (d === bestD[at - 1] && ids[j] < ids[bestJ[at - 1]]))) at--;
    bestJ.splice(at, 0, j);
    bestD.splice(at, 0, d);
    if (bestJ.length > k) {
      bestJ.pop();
      bestD.pop();
    }
  }
  return bestJ;
}

/** Quantile of sorted values, linear interpolation between order statistics (Hyndman & Fan type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean of the finite values over the drawn units (with multiplicity), unweighted or weighted. */
function mean(values: Float64Array, weights: Float64Array | null, draw: ArrayLike<number>): number {
  let sum = 0;
  let total = 0;
  for (let r = 0; r < draw.length; r++) {
    const v = values[draw[r]];
    if (Number.isNaN(v)) continue;
    const w = weights ? weights[draw[r]] : 1;
    sum += w * v;
    total += w;
  }
  return total > 0 ? sum / total : Number.NaN;
}

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

export function evaluateProgramme(panel: readonly PanelFirm[], groups: readonly EvaluationGroup[], options: EvaluationOptions): Evaluation {
  const { neighbours, eventFrom, eventTo } = options;
  if (!(Number.isInteger(neighbours) && neighbours >= 1)) throw new Error(`evaluateProgramme: neighbours must be a positive integer, got ${neighbours}`);
  if (!(eventFrom <= -1 && eventTo >= eventFrom)) throw new Error(`evaluateProgramme: the event window must include −1, got ${eventFrom}..${eventTo}`);
  if (!(options.level > 0 && options.level < 1)) throw new Error(`evaluateProgramme: level must be in (0, 1), got ${options.level}`);

  const series = panel.map(seriesOf);
  const controlPositions = panel.flatMap((f, i) => (f.selection === null && f.partnerSelection === null ? [i] : []));
  const ids = panel.map((f) => f.id);
  const indexByBase = new Map<number, ControlIndex>();
  const controlIndex = (b: number): ControlIndex => {
    let index = indexByBase.get(b);
    if (index) return index;
    const byCell = new Map<string, { positions: number[]; features: Float64Array[] }>();
    const sum = new Float64Array(FEATURES);
    const sumSq = new Float64Array(FEATURES);
    let n = 0;
    for (const j of controlPositions) {
      const x = features(series[j], b);
      if (!x) continue;
      const cell = cellOf(panel[j], series[j], b);
      const list = byCell.get(cell) ?? { positions: [], features: [] };
      list.positions.push(j);
      list.features.push(x);
      byCell.set(cell, list);
      for (let q = 0; q < FEATURES; q++) {
        sum[q] += x[q];
        sumSq[q] += x[q] * x[q];
      }
      n++;
    }
    const scale = new Float64Array(FEATURES).fill(1);
    for (let q = 0; q < FEATURES && n > 1; q++) {
      const variance = (sumSq[q] - (sum[q] * sum[q]) / n) / (n - 1);
      if (variance > 0) scale[q] = Math.sqrt(variance);
    }
    const cells = new Map<string, { positions: Int32Array; scaled: Float64Array }>();
    for (const [cell, list] of byCell) {
      const scaled = new Float64Array(list.positions.length * FEATURES);
      list.features.forEach((x, c) => x.forEach((v, q) => (scaled[c * FEATURES + q] = v / scale[q])));
      cells.set(cell, { positions: Int32Array.from(list.positions), scaled });
    }
    index = { cells, scale };
    indexByBase.set(b, index);
    return index;
  };

  // Each firm is matched once, at its own base year, so a firm counts the same in every group it is in.
  const matches = new Map<number, MatchedUnit | 'noHistory' | 'noComparison'>();
  const matchOf = (i: number, selection: number) => {
    const known = matches.get(i);
    if (known) return known;
    const b = selection - 1;
    const x = features(series[i], b);
    let result: MatchedUnit | 'noHistory' | 'noComparison';
    if (!x) result = 'noHistory';
    else {
      const controls = nearest(controlIndex(b), cellOf(panel[i], series[i], b), x, neighbours, ids);
      result = controls.length === 0 ? 'noComparison' : { selection, weight: series[i].revenue.get(b)!, controls };
    }
    matches.set(i, result);
    return result;
  };

  const evaluations = groups.map((group) => {
    const cohorts = new Set(group.cohorts);
    const members = panel.flatMap((f, i) => {
      const selection = group.kind === 'programme' ? f.selection : f.selection === null ? f.partnerSelection : null;
      return selection !== null && cohorts.has(selection) ? [{ i, selection }] : [];
    });
    const units: MatchedUnit[] = [];
    const unmatched = { noHistory: 0, noComparison: 0 };
    const unitPositions: number[] = [];
    for (const { i, selection } of members) {
      const m = matchOf(i, selection);
      if (m === 'noHistory' || m === 'noComparison') unmatched[m]++;
      else {
        units.push(m);
        unitPositions.push(i);
      }
    }
    return evaluateGroup(group, members.length, units, unitPositions, unmatched, series, options);
  });
  return { controlPool: controlPositions.length, groups: evaluations };
}

function evaluateGroup(
  group: EvaluationGroup,
  firms: number,
  units: MatchedUnit[],
  positions: number[],
  unmatched: { noHistory: number; noComparison: number },
  series: Series[],
  options: EvaluationOptions,
): GroupEvaluation {
  const n = units.length;
  const weights = Float64Array.from(units, (u) => u.weight);
  const eventTimes: number[] = [];
  for (let e = options.eventFrom; e <= options.eventTo; e++) eventTimes.push(e);

  /** Treated growth, control-mean growth and their gap per unit, in the year `yearOf` gives it (none: NaN). */
  const gapsIn = (measure: Measure, yearOf: (u: MatchedUnit) => number | null) => {
    const treated = new Float64Array(n).fill(Number.NaN);
    const comparison = new Float64Array(n).fill(Number.NaN);
    const gap = new Float64Array(n).fill(Number.NaN);
    units.forEach((u, r) => {
      const year = yearOf(u);
      const at = year === null ? null : growthGap(u, positions[r], series, measure, year);
      if (!at) return;
      treated[r] = at.treated;
      comparison[r] = at.comparison;
      gap[r] = at.gap;
    });
    return { treated, comparison, gap };
  };

  // The statistics that get an interval: the event-study gaps, then the effect, per measure.
  const intervalStats: Float64Array[] = [];
  const events = MEASURES.map((measure) => eventTimes.map((e) => gapsIn(measure, (u) => u.selection + e)));
  for (const perMeasure of events) for (const ev of perMeasure) intervalStats.push(ev.gap);
  const postUnits = units.filter((u) => options.outcomeYear >= u.selection).length;
  const effects = MEASURES.map((measure) => {
    const post = gapsIn(measure, (u) => (options.outcomeYear >= u.selection ? options.outcomeYear : null));
    const pre = gapsIn(measure, (u) => u.selection - 1);
    const did = post.gap.map((g, r) => g - pre.gap[r]);
    intervalStats.push(did);
    return { measure, post, pre, did };
  });

  const intervals = bootstrapIntervals(intervalStats, weights, n, options);
  const pair = (values: Float64Array) => {
    const all = Array.from({ length: n }, (_, r) => r);
    return { unweighted: orNull(mean(values, null, all)), weighted: orNull(mean(values, weights, all)) };
  };
  const estimates = (k: number, values: Float64Array): WeightedEstimates => {
    const p = pair(values);
    return {
      unweighted: { estimate: p.unweighted, ...intervals[k].unweighted },
      weighted: { estimate: p.weighted, ...intervals[k].weighted },
    };
  };
  const countFinite = (values: Float64Array) => values.reduce((c, v) => c + (Number.isNaN(v) ? 0 : 1), 0);

  const eventStudy: EventPoint[] = eventTimes.map((eventTime, t) => {
    const measureAt = (m: number): EventMeasure => {
      const ev = events[m][t];
      return { ...estimates(m * eventTimes.length + t, ev.gap), treated: pair(ev.treated), comparison: pair(ev.comparison) };
    };
    return { eventTime, firms: countFinite(events[0][t].gap), revenue: measureAt(0), employment: measureAt(1) };
  });

  let effect: Effect | null = null;
  if (postUnits > 0) {
    const measureEffect = (m: number): EffectMeasure => {
      const { post, pre, did, measure } = effects[m];
      return {
        ...estimates(MEASURES.length * eventTimes.length + m, did),
        treated: pair(post.treated),
        comparison: pair(post.comparison),
        preGap: pair(pre.gap),
        observedGrowth: observedGrowth(units, positions, series, measure, options.outcomeYear),
      };
    };
    effect = { year: options.outcomeYear, firms: countFinite(effects[0].did), revenue: measureEffect(0), employment: measureEffect(1) };
  }

  const distinct = new Set(units.flatMap((u) => u.controls));
  return {
    key: group.key,
    kind: group.kind,
    cohorts: [...group.cohorts],
    firms,
    matched: n,
    unmatched,
    controls: distinct.size,
    controlsPerFirm: n > 0 ? units.reduce((s, u) => s + u.controls.length, 0) / n : null,
    effect,
    eventStudy,
  };
}

/** The firm's growth in `year`, its matched controls' mean growth (those reporting it), and the gap. */
function growthGap(u: MatchedUnit, position: number, series: Series[], measure: Measure, year: number) {
  const own = growth(series[position], measure, year);
  let sum = 0;
  let count = 0;
  for (const j of u.controls) {
    const g = growth(series[j], measure, year);
    if (Number.isNaN(g)) continue;
    sum += g;
    count++;
  }
  if (Number.isNaN(own) || count === 0) return null;
  return { treated: own, comparison: sum / count, gap: own - sum / count };
}

/** Σ y_t / Σ y_{t−1} − 1 over the matched firms selected by year t that report both years. */
function observedGrowth(units: MatchedUnit[], positions: number[], series: Series[], measure: Measure, year: number): number | null {
  let now = 0;
  let before = 0;
  units.forEach((u, r) => {
    if (year < u.selection) return;
    const levels = measure === 'revenue' ? series[positions[r]].revenue : series[positions[r]].employees;
    const a = levels.get(year);
    const b = levels.get(year - 1);
    if (a === undefined || b === undefined) return;
    now += a;
    before += b;
  });
  return before > 0 ? now / before - 1 : null;
}

type Interval = { low: number | null; high: number | null };

/**
 * Percentile bootstrap: `resamples` draws of n treated firms with replacement (each carrying its matched
 * controls), every statistic recomputed on the same draw. Needs at least two firms with the statistic.
 */
function bootstrapIntervals(stats: Float64Array[], weights: Float64Array, n: number, options: EvaluationOptions): { unweighted: Interval; weighted: Interval }[] {
  const random = mulberry32(options.seed);
  const replicates = stats.map(() => ({ unweighted: new Float64Array(options.resamples), weighted: new Float64Array(options.resamples) }));
  const draw = new Int32Array(n);
  for (let b = 0; b < options.resamples && n > 0; b++) {
    for (let r = 0; r < n; r++) draw[r] = Math.floor(random() * n);
    stats.forEach((s, k) => {
      let sum = 0;
      let count = 0;
      let weightedSum = 0;
      let weightTotal = 0;
      for (let r = 0; r < n; r++) {
        const v = s[draw[r]];
        if (Number.isNaN(v)) continue;
        const w = weights[draw[r]];
        sum += v;
        count++;
        weightedSum += w * v;
        weightTotal += w;
      }
      replicates[k].unweighted[b] = count > 0 ? sum / count : Number.NaN;
      replicates[k].weighted[b] = weightTotal > 0 ? weightedSum / weightTotal : Number.NaN;
    });
  }
  const alpha = (1 - options.level) / 2;
  const interval = (values: Float64Array, enough: boolean): Interval => {
    if (!enough) return { low: null, high: null };
    const sorted = Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort();
    if (sorted.length === 0) return { low: null, high: null };
    return { low: quantileSorted(sorted, alpha), high: quantileSorted(sorted, 1 - alpha) };
  };
  return stats.map((s, k) => {
    const enough = s.reduce((c, v) => c + (Number.isNaN(v) ? 0 : 1), 0) >= 2 && options.resamples > 0;
    return { unweighted: interval(replicates[k].unweighted, enough), weighted: interval(replicates[k].weighted, enough) };
  });
}
