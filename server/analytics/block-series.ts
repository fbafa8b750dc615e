/**
 * Several Neumann series on the same operator, advanced together: each term of every right-hand side comes
 * from one pass over the CSR instead of one pass per right-hand side.
 *
 * Why: the all-firm coefficients need seven solves per scope (four with Aᵀ, one with A, one with B, plus
 * the household closure). A series pass is bound by memory traffic — the CSR's indices and values and a
 * random read of the term per link — so reading each link once for k right-hand sides stored side by side
 * (term[i·k + r]) costs far less than k passes. The numerics are those of leontief.ts's neumannSeries,
 * column by column: each column is measured in its own norm against its own contraction, and the block
 * stops when every column's last term is within tolerance of its ‖b‖. A column that converged earlier keeps
 * adding (smaller) terms until the last one does, so its reported residual and bound are those of its
 * final term, which only makes it more accurate.
 *
 * The operators pull: each firm's entry of a term is a sum over its own CSR row, so the pass writes every
 * entry once (no scatter, no clearing). The right-hand sides must be zero outside the endogenous firms; the
 * operators then keep every term zero there without testing a mask per link.
 */
import type { Snapshot } from './snapshot.ts';
import { AnalyticsInputError, NonConvergenceError } from './errors.ts';
import { ghoshContraction, leontiefContraction, type Norm, type SeriesOptions, type SeriesSolution } from './leontief.ts';

/** out = M t for k interleaved columns (t[i·k + r]); must overwrite every entry of out. */
export type BlockOperator = (t: Float64Array, out: Float64Array) => void;

export interface BlockColumn {
  b: Float64Array;
  norm: Norm;
  /** ‖M‖ in this column's norm, below 1. */
  contraction: number;
}

export interface BlockSeriesProblem {
  caller: string;
  columns: readonly BlockColumn[];
  apply: BlockOperator;
}

/** x_r = Σ_k M^k b_r for every column r, stopped as described in the header. */
export function blockNeumannSeries(problem: BlockSeriesProblem, options: SeriesOptions): SeriesSolution[] {
  const { caller, columns, apply } = problem;
  const k = columns.length;
  const n = columns[0].b.length;
  const { tolerance, maxIterations } = options;
  const x = new Float64Array(n * k);
  let term = new Float64Array(n * k);
  let next = new Float64Array(n * k);
  const bNorms = new Float64Array(k);
  const termNorms = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    const { b, norm } = columns[r];
    if (b.length !== n) throw new AnalyticsInputError('b', `${caller}: every right-hand side must have ${n} entries`);
    for (let i = 0; i < n; i++) term[i * k + r] = b[i];
    bNorms[r] = columnNorm(term, k, r, norm);
  }
  x.set(term);
  let iterations = 0;
  let done = converged();
  while (!done) {
    if (iterations === maxIterations) {
      const worst = columns.reduce((w, _, r) => Math.max(w, bNorms[r] > 0 ? termNorms[r] / bNorms[r] : 0), 0);
      throw new NonConvergenceError(caller, maxIterations, worst, tolerance);
    }
    apply(term, next);
    const swap = term;
    term = next;
    next = swap;
    iterations++;
    for (let p = 0; p < x.length; p++) x[p] += term[p];
    for (let r = 0; r < k; r++) termNorms[r] = columnNorm(term, k, r, columns[r].norm);
    done = converged();
  }
  return columns.map((c, r) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = x[i * k + r];
    if (bNorms[r] === 0) return { x: out, iterations: 0, residual: 0, errorBound: 0 };
    const residual = termNorms[r] / bNorms[r];
    return { x: out, iterations, residual, errorBound: (c.contraction / (1 - c.contraction)) * residual };
  });

  function converged(): boolean {
    if (iterations === 0) return bNorms.every((v) => v === 0);
    for (let r = 0; r < k; r++) if (termNorms[r] > tolerance * bNorms[r]) return false;
    return true;
  }
}

function columnNorm(v: Float64Array, k: number, r: number, norm: Norm): number {
  let s = 0;
  if (norm === 'l1') {
    for (let p = r; p < v.length; p += k) s += Math.abs(v[p]);
  } else {
    for (let p = r; p < v.length; p += k) s = Math.max(s, Math.abs(v[p]));
  }
  return s;
}

/**
 * Aᵀ restricted to the endogenous firms, four columns: (Aᵀt)_j = Σ_i z_ij t_i / x_j, pulled over j's
 * suppliers; zero for j outside `endogenous` (t is zero there, so outside suppliers add nothing). Four is
 * what the coefficients need (1, ℓ, v, h); the columns are written out because a loop over them inside
 * the link loop ran slower than four separate passes.
 */
export function blockAT4(s: Snapshot, endogenous: Uint8Array): BlockOperator {
  const { n, revenue, inOffsets, inSources, inValues } = s;
  return (t, out) => {
    for (let j = 0; j < n; j++) {
      const base = 4 * j;
      if (!endogenous[j]) {
        out[base] = out[base + 1] = out[base + 2] = out[base + 3] = 0;
        continue;
      }
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = inOffsets[j], end = inOffsets[j + 1]; p < end; p++) {
        const z = inValues[p];
        const from = 4 * inSources[p];
        s0 += z * t[from];
        s1 += z * t[from + 1];
        s2 += z * t[from + 2];
        s3 += z * t[from + 3];
      }
      const inv = 1 / revenue[j];
      out[base] = s0 * inv;
      out[base + 1] = s1 * inv;
      out[base + 2] = s2 * inv;
      out[base + 3] = s3 * inv;
    }
  };
}

/**
 * Aᵀ as blockAT4, five columns: what the all-firm multipliers (1, ℓ, v, 1_home) and the network-scope
 * coefficients (h, the household wage row) need together, one pass over the links for both.
 */
export function blockAT5(s: Snapshot, endogenous: Uint8Array): BlockOperator {
  const { n, revenue, inOffsets, inSources, inValues } = s;
  return (t, out) => {
    for (let j = 0; j < n; j++) {
      const base = 5 * j;
      if (!endogenous[j]) {
        out[base] = out[base + 1] = out[base + 2] = out[base + 3] = out[base + 4] = 0;
        continue;
      }
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      for (let p = inOffsets[j], end = inOffsets[j + 1]; p < end; p++) {
        const z = inValues[p];
        const from = 5 * inSources[p];
        s0 += z * t[from];
        s1 += z * t[from + 1];
        s2 += z * t[from + 2];
        s3 += z * t[from + 3];
        s4 += z * t[from + 4];
      }
      const inv = 1 / revenue[j];
      out[base] = s0 * inv;
      out[base + 1] = s1 * inv;
      out[base + 2] = s2 * inv;
      out[base + 3] = s3 * inv;
      out[base + 4] = s4 * inv;
    }
  };
}

/**
 * A and B restricted to the endogenous firms, side by side, both pulled over each supplier's buyers:
 *   (A t)_i = Σ_j z_ij · t_j / x_j    (column 0: the demand side's row sums L1)
 *   (B u)_i = Σ_j z_ij · u_j / x_i    (column 1: the supply side's row sums G1)
 * so one pass over the out-CSR serves both; the pull form of A writes each entry once.
 */
export function blockAB(s: Snapshot, endogenous: Uint8Array): BlockOperator {
  const { n, revenue, outOffsets, outTargets, outValues } = s;
  const scaled = new Float64Array(n);
  return (t, out) => {
    for (let j = 0; j < n; j++) scaled[j] = t[2 * j] / revenue[j];
    for (let i = 0; i < n; i++) {
      if (!endogenous[i]) {
        out[2 * i] = 0;
        out[2 * i + 1] = 0;
        continue;
      }
      let a = 0;
      let b = 0;
      for (let p = outOffsets[i], end = outOffsets[i + 1]; p < end; p++) {
        const z = outValues[p];
        const j = outTargets[p];
        a += z * scaled[j];
        b += z * t[2 * j + 1];
      }
      out[2 * i] = a;
      out[2 * i + 1] = b / revenue[i];
    }
  };
}

export interface LeontiefSums {
  /** Lᵀw for each weighting, in their order (‖·‖∞). */
  columnSums: SeriesSolution[];
  /** L1 (‖·‖₁) and G1 (‖·‖∞) over the endogenous firms. */
  leontiefRows: SeriesSolution;
  ghoshRows: SeriesSolution;
}

/**
 * What the all-firm multipliers and coefficients solve: four (or five) weighted column sums of L in one block
 * series, and the row sums of L and G in another. The weights and `ones` must be zero outside `endogenous`.
 */
export function leontiefSums(
  s: Snapshot,
  endogenous: Uint8Array,
  weights: readonly [Float64Array, Float64Array, Float64Array, Float64Array] | readonly [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array],
  ones: Float64Array,
  caller: string,
  options: SeriesOptions,
): LeontiefSums {
  const cA = leontiefContraction(s, caller);
  const cB = ghoshContraction(s, caller);
  const columnSums = blockNeumannSeries(
    {
      caller,
      apply: weights.length === 5 ? blockAT5(s, endogenous) : blockAT4(s, endogenous),
      columns: weights.map((w) => ({ b: w, norm: 'max' as const, contraction: cA })),
    },
    options,
  );
  const [leontiefRows, ghoshRows] = blockNeumannSeries(
    {
      caller,
      apply: blockAB(s, endogenous),
      columns: [
        { b: ones, norm: 'l1', contraction: cA },
        { b: ones, norm: 'max', contraction: cB },
      ],
    },
    options,
  );
  return { columnSums, leontiefRows, ghoshRows };
}
