/**
 * The API view of a ripple solution (DESIGN §5, POST /api/ripple): totals, multiplier, the affected firms
 * largest first, breakdowns by region, district, sector, tier and size, retention and effect by hop.
 *
 * Direct and induced: `totals` include the shock itself (Δx = Δf + induced). `direct` is the shock valued
 * like output (Δf_i, Δf_i·v_i, Δf_i·employees_i/x_i) and `induced` = totals − direct, the effect on the rest
 * of the network and the shocked firms' own indirect gains. Every `share` and the retention shares are
 * shares of induced output, so a shock does not count as "retained" merely because the shocked firm sits
 * in Busan; they are null when induced output is 0.
 *   multiplier            = Σ_i Δx_i / Σ_i Δf_i (null when Σ Δf = 0)
 *   group.share           = Σ_{i∈group} (Δx_i − Δf_i) / Σ_i (Δx_i − Δf_i)
 *   retention.homeRegion  = group share of firms in the home region (Busan)
 *   retention.sme         = group share of firms whose size class is not 'large'
 * `firms` lists firms with Δx ≠ 0 by |Δx| descending (ties by snapshot order), at most `limit`; totals,
 * breakdowns and `affectedFirms` always cover all of them. Groups are keyed by the snapshot's labels
 * (sector: KSIC division; district: '' for firms without one, i.e. outside Busan).
 */
import type { Category, Snapshot } from './snapshot.ts';
import type { RippleModel, RippleSolution } from './ripple.ts';
import { AnalyticsInputError } from './errors.ts';
import { isSme, type SizeClass } from '../domain/size.ts';

export interface RippleSummaryOptions {
  /** Most firms listed in `firms`. */
  limit: number;
}

export const RIPPLE_SUMMARY_DEFAULTS: Readonly<RippleSummaryOptions> = { limit: 1000 };

export interface EffectTotals {
  output: number;
  valueAdded: number;
  employment: number;
}

export interface RippleFirmEffect {
  id: string;
  name: string;
  nameKo: string | null;
  output: number;
  induced: number;
  valueAdded: number;
  employment: number;
  hop: number;
}

export interface RippleGroup {
  key: string;
  output: number;
  induced: number;
  valueAdded: number;
  employment: number;
  /** Share of the network's induced output, or null when that is 0. */
  share: number | null;
}

export interface RippleHop {
  hop: number;
  /** Σ_i of the hop-th term of the series. */
  output: number;
  /** Firms first reached at this hop. */
  firms: number;
}

export interface RippleSummary {
  model: RippleModel;
  totals: EffectTotals;
  direct: EffectTotals;
  induced: EffectTotals;
  multiplier: number | null;
  iterations: number;
  residual: number;
  errorBound: number;
  /** Number of firms with Δx ≠ 0 (firms lists at most `limit` of them). */
  affectedFirms: number;
  firms: RippleFirmEffect[];
  byRegion: RippleGroup[];
  byDistrict: RippleGroup[];
  bySector: RippleGroup[];
  byTier: RippleGroup[];
  bySize: RippleGroup[];
  retention: { homeRegion: number | null; sme: number | null };
  byHop: RippleHop[];
}

export function summariseRipple(
  snapshot: Snapshot,
  solution: RippleSolution,
  options: Partial<RippleSummaryOptions> = {},
): RippleSummary {
  const { limit } = { ...RIPPLE_SUMMARY_DEFAULTS, ...options };
  if (!(Number.isInteger(limit) && limit >= 0)) {
    throw new AnalyticsInputError('limit', `summariseRipple: limit must be a non-negative integer, got ${limit}`);
  }
  const { n } = snapshot;
  if (solution.output.length !== n) {
    throw new AnalyticsInputError(
      'solution',
      `summariseRipple: the solution has ${solution.output.length} firms, the snapshot ${n}`,
    );
  }
  const { shock, output, valueAdded, employment, hop } = solution;
  const { revenue, employees, valueAddedRatio } = snapshot;

  const totals: EffectTotals = { output: 0, valueAdded: 0, employment: 0 };
  const direct: EffectTotals = { output: 0, valueAdded: 0, employment: 0 };
  let count = 0;
  for (let i = 0; i < n; i++) if (output[i] !== 0) count++;
  const affected = new Int32Array(count);
  count = 0;
  for (let i = 0; i < n; i++) {
    const df = shock[i];
    if (df !== 0) {
      direct.output += df;
      direct.valueAdded += df * valueAddedRatio[i];
      direct.employment += (df * employees[i]) / revenue[i];
    }
    if (output[i] === 0) continue;
    affected[count++] = i;
    totals.output += output[i];
    totals.valueAdded += valueAdded[i];
    totals.employment += employment[i];
  }
  const induced: EffectTotals = {
    output: totals.output - direct.output,
    valueAdded: totals.valueAdded - direct.valueAdded,
    employment: totals.employment - direct.employment,
  };

  const firms: RippleFirmEffect[] = [];
  for (const i of largestByMagnitude(affected, output, limit)) {
    firms.push({
      id: snapshot.ids[i],
      name: snapshot.names[i],
      nameKo: snapshot.namesKo[i],
      output: output[i],
      induced: output[i] - shock[i],
      valueAdded: valueAdded[i],
      employment: employment[i],
      hop: hop[i],
    });
  }

  const [byRegion, byDistrict, bySector, byTier, bySize] = groupEffects(
    [snapshot.region, snapshot.district, snapshot.sector, snapshot.tier, snapshot.size],
    affected,
    solution,
    induced.output,
  );
  const byHop: RippleHop[] = Array.from(solution.outputByHop, (out, k) => ({ hop: k, output: out, firms: 0 }));
  for (let a = 0; a < affected.length; a++) {
    const i = affected[a];
    if (hop[i] >= 0) byHop[hop[i]].firms++;
  }
  const inHome = snapshot.inHomeRegion;
  const smeCodes = Uint8Array.from(snapshot.size.labels, (label) => (isSme(label as SizeClass) ? 1 : 0));

  return {
    model: solution.model,
    totals,
    direct,
    induced,
    multiplier: direct.output === 0 ? null : totals.output / direct.output,
    iterations: solution.iterations,
    residual: solution.residual,
    errorBound: solution.errorBound,
    affectedFirms: affected.length,
    firms,
    byRegion,
    byDistrict,
    bySector,
    byTier,
    bySize,
    retention: {
      homeRegion: inducedShare(affected, solution, (i) => inHome[i] === 1, induced.output),
      sme: inducedShare(affected, solution, (i) => smeCodes[snapshot.size.codes[i]] === 1, induced.output),
    },
    byHop,
  };
}

/**
 * Effects summed by category label for several categories at once, largest |output| first; labels with no
 * effect are left out. One pass over the affected firms serves every category: they read the same four
 * effect vectors, which a pass per category would read again each time.
 */
function groupEffects(
  categories: readonly Category[],
  affected: Int32Array,
  solution: RippleSolution,
  inducedTotal: number,
): RippleGroup[][] {
  const sums = categories.map((category) => {
    const k = category.labels.length;
    return { codes: category.codes, out: new Float64Array(k), ind: new Float64Array(k), va: new Float64Array(k), emp: new Float64Array(k), seen: new Uint8Array(k) };
  });
  const { output, shock, valueAdded, employment } = solution;
  for (let a = 0; a < affected.length; a++) {
    const i = affected[a];
    const dx = output[i];
    const induced = dx - shock[i];
    const va = valueAdded[i];
    const emp = employment[i];
    for (const s of sums) {
      const c = s.codes[i];
      s.seen[c] = 1;
      s.out[c] += dx;
      s.ind[c] += induced;
      s.va[c] += va;
      s.emp[c] += emp;
    }
  }
  return categories.map((category, g) => {
    const { out, ind, va, emp, seen } = sums[g];
    const groups: RippleGroup[] = [];
    for (let c = 0; c < category.labels.length; c++) {
      if (!seen[c]) continue;
      groups.push({
        key: category.labels[c],
        output: out[c],
        induced: ind[c],
        valueAdded: va[c],
        employment: emp[c],
        share: inducedTotal === 0 ? null : ind[c] / inducedTotal,
      });
    }
    return groups.sort((a, b) => Math.abs(b.output) - Math.abs(a.output) || (a.key < b.key ? -1 : 1));
  });
}

/**
 * The `limit` affected firms of largest |Δx|, largest first, ties in snapshot order. A full comparator
 * sort of every affected firm (100,000 at scale) cost more than the solve, and so did a full numeric sort of
 * the magnitudes; a selection (expected O(n)) finds the cut-off, and only the firms above it are sorted with
 * the tie rule.
 */
function largestByMagnitude(affected: Int32Array, output: Float64Array, limit: number): Int32Array {
  const magnitude = (i: number) => Math.abs(output[i]);
  const count = affected.length;
  let chosen = affected;
  if (limit < count) {
    if (limit === 0) return new Int32Array(0);
    const magnitudes = new Float64Array(count);
    for (let a = 0; a < count; a++) magnitudes[a] = magnitude(affected[a]);
    const cut = select(magnitudes, count - limit);
    let above = 0;
    for (let a = 0; a < count; a++) if (magnitude(affected[a]) > cut) above++;
    chosen = new Int32Array(limit);
    let k = 0;
    let ties = limit - above;
    for (let a = 0; a < count && k < limit; a++) {
      const m = magnitude(affected[a]);
      if (m > cut || (m === cut && ties-- > 0)) chosen[k++] = affected[a];
    }
  }
  return chosen.slice().sort((a, b) => magnitude(b) - magnitude(a) || a - b);
}

/**
 * The value that would sit at position k if `values` were sorted ascending (Hoare's quickselect with a
 * median-of-three pivot; reorders `values`).
 */
export function select(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const a = values[lo];
    const b = values[mid];
    const c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i++] = values[j];
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

function inducedShare(
  affected: Int32Array,
  solution: RippleSolution,
  member: (i: number) => boolean,
  inducedTotal: number,
): number | null {
  if (inducedTotal === 0) return null;
  let sum = 0;
  for (let a = 0; a < affected.length; a++) {
    const i = affected[a];
    if (member(i)) sum += solution.output[i] - solution.shock[i];
  }
  return sum / inducedTotal;
}
