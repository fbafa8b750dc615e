/**
 * A scenario as a low-rank update of the snapshot's Leontief system, solved from the base inverse instead of
 * on the changed network (Woodbury 1950; Hager, "Updating the inverse of a matrix", SIAM Review 31, 1989).
 *
 * A scenario replaces a few columns J of A over the endogenous firms E (the buyers whose purchases change,
 * closed firms, and the buyers of closed firms, which lose them as suppliers):
 *   A' = A + U Vᵀ,   U = [δ_j]  (δ_j = a'_·j − a_·j, sparse),   V = [e_j],   j ∈ J,  k = |J|
 *   L' = (I − A')⁻¹ = L + (L U) S⁻¹ (Vᵀ L),   S = I − Vᵀ L U   (k × k)
 * so a scenario needs k right solves L δ_j (series from sparse starts) for its levels, and the k rows
 * e_jᵀ L (left solves) for every firm's multipliers, whatever the weighting — instead of series on the
 * changed network for each vector it needs. A closed firm c has a zero row and column in A' (every buyer
 * of c is in J), so it drops out of the solve: its row of L' is e_cᵀ and callers set its level themselves.
 *
 * The right solves (levels) and left solves (multipliers) run as one series over a cached coefficient CSR
 * of the endogenous links. It is cheaper than the direct series only while k is small: WOODBURY_MAX_RANK,
 * the default of evaluateScenario's woodburyMaxRank, bounds it (closing a firm with many buyers takes the
 * direct path).
 */
import type { Snapshot } from './snapshot.ts';
import type { SeriesOptions } from './leontief.ts';
import { revenueAfter, type Overlay } from './scenario-overlay.ts';
import { NonConvergenceError } from './errors.ts';

/** Replaced columns (and rows for the multipliers) beyond which the direct series is cheaper. */
export const WOODBURY_MAX_RANK = 4;

/** The column updates δ_j of a scenario over the endogenous firms, sparse. */
export interface ColumnUpdates {
  buyers: number[];
  rows: Int32Array[];
  values: Float64Array[];
}

/** δ_j = a'_·j − a_·j over rows in endo, for the replaced endogenous buyers j; entries that only round away are dropped. */
export function columnUpdates(o: Overlay, endo: Uint8Array): ColumnUpdates {
  const { revenue, inOffsets, inSources, inValues } = o.base;
  const out: ColumnUpdates = { buyers: [], rows: [], values: [] };
  const delta = new Map<number, number>();
  const scale = new Map<number, number>();
  for (const [j, col] of o.columns) {
    if (!endo[j]) continue;
    delta.clear();
    scale.clear();
    const after = o.closed.has(j) ? 0 : 1 / revenueAfter(o, j);
    for (let p = 0; p < col.sources.length; p++) {
      const i = col.sources[p];
      if (!endo[i]) continue;
      const a = col.values[p] * after;
      delta.set(i, (delta.get(i) ?? 0) + a);
      scale.set(i, Math.max(scale.get(i) ?? 0, a));
    }
    for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) {
      const i = inSources[p];
      if (!endo[i]) continue;
      const a = inValues[p] / revenue[j];
      delta.set(i, (delta.get(i) ?? 0) - a);
      scale.set(i, Math.max(scale.get(i) ?? 0, a));
    }
    const rows: number[] = [];
    const values: number[] = [];
    for (const [i, v] of delta) {
      if (Math.abs(v) <= 1e-14 * scale.get(i)!) continue;
      rows.push(i);
      values.push(v);
    }
    if (rows.length === 0 && !o.closed.has(j)) continue;
    out.buyers.push(j);
    out.rows.push(Int32Array.from(rows));
    out.values.push(Float64Array.from(values));
  }
  return out;
}

/** A_EE as coefficients a_ij = z_ij / x_j by buyer, only links between endogenous firms (built once per scope). */
interface EndogenousColumns {
  offsets: Int32Array;
  sources: Int32Array;
  coefficients: Float64Array;
}

const columnsCache = new WeakMap<Uint8Array, EndogenousColumns>();

function endogenousColumns(s: Snapshot, endo: Uint8Array): EndogenousColumns {
  const cached = columnsCache.get(endo);
  if (cached) return cached;
  const { n, revenue, inOffsets, inSources, inValues } = s;
  const offsets = new Int32Array(n + 1);
  let m = 0;
  for (let j = 0; j < n; j++) {
    if (endo[j]) for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) if (endo[inSources[p]]) m++;
    offsets[j + 1] = m;
  }
  const sources = new Int32Array(m);
  const coefficients = new Float64Array(m);
  let q = 0;
  for (let j = 0; j < n; j++) {
    if (!endo[j]) continue;
    for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) {
      if (!endo[inSources[p]]) continue;
      sources[q] = inSources[p];
      coefficients[q++] = inValues[p] / revenue[j];
    }
  }
  const columns = { offsets, sources, coefficients };
  columnsCache.set(endo, columns);
  return columns;
}

export interface BaseSolution {
  /** L b for each right start. */
  right: Float64Array[];
  /** Lᵀ b for each left start. */
  left: Float64Array[];
  iterations: number;
  /** The largest ‖t_K‖₁/‖b‖₁ of the right starts (the levels' series). */
  residual: number;
}

/**
 * L b for the right starts and Lᵀ b for the left ones over the endogenous firms, as one series: each term
 * is one pass over the in-CSR, buyer j pushing a_ij·t_j to its suppliers (A t) and gathering Σ_i a_ij·t_i
 * from them (Aᵀ t) at once, so the two directions share the reads of the network. Each vector stops
 * counting when its last term's L1 norm is at most tolerance times its start's (leontief.ts); throws
 * NonConvergenceError after maxIterations.
 */
export function baseSolves(s: Snapshot, endo: Uint8Array, rightStarts: Float64Array[], leftStarts: Float64Array[], options: SeriesOptions): BaseSolution {
  const { n } = s;
  const a = endogenousColumns(s, endo);
  const kr = rightStarts.length;
  const kl = leftStarts.length;
  const pack = (starts: Float64Array[]) => {
    const k = starts.length;
    const b = new Float64Array(n * k);
    starts.forEach((v, c) => {
      for (let i = 0; i < n; i++) if (v[i] !== 0 && endo[i]) b[i * k + c] = v[i];
    });
    return b;
  };
  const xr = pack(rightStarts);
  const xl = pack(leftStarts);
  // The terms live in one scratch buffer kept between calls: a scenario allocates only what it returns.
  const work = scratch(2 * n * (kr + kl));
  let tr = work.subarray(0, n * kr);
  let nr = work.subarray(n * kr, 2 * n * kr);
  let tl = work.subarray(2 * n * kr, 2 * n * kr + n * kl);
  let nl = work.subarray(2 * n * kr + n * kl, 2 * n * (kr + kl));
  tr.set(xr);
  tl.set(xl);
  const k = kr + kl;
  const startNorm = new Float64Array(k);
  for (let e = 0; e < xr.length; e++) startNorm[e % kr] += Math.abs(xr[e]);
  for (let e = 0; e < xl.length; e++) startNorm[kr + (e % kl)] += Math.abs(xl[e]);
  const termNorm = new Float64Array(k);
  let iterations = 0;
  let residual = 0;
  for (let m = 1; ; m++) {
    let done = true;
    residual = 0;
    for (let c = 0; c < k; c++) {
      if (startNorm[c] === 0) continue;
      const r = (m === 1 ? startNorm[c] : termNorm[c]) / startNorm[c];
      if (c < kr) residual = Math.max(residual, r);
      if (r > options.tolerance) done = false;
    }
    if (done) break;
    if (m > options.maxIterations) {
      throw new NonConvergenceError('scenarioWoodbury', options.maxIterations, Math.max(...Array.from(termNorm, (v, c) => v / (startNorm[c] || 1))), options.tolerance);
    }
    iterations = m;
    nr.fill(0);
    if (kr <= 1 && kl <= 1) singleTerm(a, kr, kl, tr, nr, tl, nl);
    else blockTerm(a, kr, kl, tr, nr, tl, nl);
    [tr, nr] = [nr, tr];
    [tl, nl] = [nl, tl];
    termNorm.fill(0);
    for (let e = 0; e < tr.length; e++) {
      xr[e] += tr[e];
      termNorm[e % kr] += Math.abs(tr[e]);
    }
    for (let e = 0; e < tl.length; e++) {
      xl[e] += tl[e];
      termNorm[kr + (e % kl)] += Math.abs(tl[e]);
    }
  }
  const unpack = (x: Float64Array, kk: number) => {
    if (kk === 1) return [x];
    const vectors = Array.from({ length: kk }, () => new Float64Array(n));
    for (let i = 0; i < n; i++) for (let c = 0; c < kk; c++) vectors[c][i] = x[i * kk + c];
    return vectors;
  };
  return { right: unpack(xr, kr), left: unpack(xl, kl), iterations, residual };
}

let scratchBuffer = new Float64Array(0);

function scratch(size: number): Float64Array {
  if (scratchBuffer.length < size) scratchBuffer = new Float64Array(size);
  return scratchBuffer;
}

/** One term for kr right and kl left vectors, interleaved (entry c of firm i at i·k + c). */
function blockTerm(a: EndogenousColumns, kr: number, kl: number, tr: Float64Array, nr: Float64Array, tl: Float64Array, nl: Float64Array): void {
  const { offsets, sources, coefficients } = a;
  const n = offsets.length - 1;
  const gathered = new Float64Array(kl);
  for (let j = 0; j < n; j++) {
    gathered.fill(0);
    for (let p = offsets[j], end = offsets[j + 1]; p < end; p++) {
      const i = sources[p];
      const w = coefficients[p];
      for (let c = 0; c < kr; c++) nr[i * kr + c] += w * tr[j * kr + c];
      for (let c = 0; c < kl; c++) gathered[c] += w * tl[i * kl + c];
    }
    for (let c = 0; c < kl; c++) nl[j * kl + c] = gathered[c];
  }
}

/** One term for at most one vector each way, without the block loops: the common case of a single move. */
function singleTerm(a: EndogenousColumns, kr: number, kl: number, tr: Float64Array, nr: Float64Array, tl: Float64Array, nl: Float64Array): void {
  const { offsets, sources, coefficients } = a;
  const n = offsets.length - 1;
  for (let j = 0; j < n; j++) {
    const push = kr === 1 ? tr[j] : 0;
    const start = offsets[j];
    const end = offsets[j + 1];
    if (kl === 0) {
      // Sparse right terms (the first hops) skip the buyers with nothing to push.
      if (push !== 0) for (let p = start; p < end; p++) nr[sources[p]] += coefficients[p] * push;
      continue;
    }
    let gathered = 0;
    if (push === 0) {
      for (let p = start; p < end; p++) gathered += coefficients[p] * tl[sources[p]];
    } else {
      for (let p = start; p < end; p++) {
        const i = sources[p];
        const w = coefficients[p];
        nr[i] += w * push;
        gathered += w * tl[i];
      }
    }
    nl[j] = gathered;
  }
}

/** δ_j as a dense vector of length n. */
export function denseColumn(u: ColumnUpdates, a: number, n: number): Float64Array {
  const v = new Float64Array(n);
  const rows = u.rows[a];
  for (let p = 0; p < rows.length; p++) v[rows[p]] = u.values[a][p];
  return v;
}

/** Σ_i δ_{i,a} p_i, with p given by firm. */
export function columnDot(u: ColumnUpdates, a: number, p: (i: number) => number): number {
  let s = 0;
  const rows = u.rows[a];
  for (let q = 0; q < rows.length; q++) s += u.values[a][q] * p(rows[q]);
  return s;
}

/**
 * Solves the small dense system M X = B (B given by columns) by Gaussian elimination with partial pivoting;
 * M is k × k and non-singular (S is, whenever I − A' is).
 */
export function solveSmall(M: number[][], columns: number[][]): number[][] {
  const k = M.length;
  const a = M.map((row, i) => [...row, ...columns.map((c) => c[i])]);
  const w = k + columns.length;
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      if (f !== 0) for (let q = c; q < w; q++) a[r][q] -= f * a[c][q];
    }
  }
  return columns.map((_, m) => a.map((row, i) => row[k + m] / row[i]));
}
