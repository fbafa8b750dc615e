/**
 * The Leontief operators of a scenario: A' = Z' x̂'⁻¹ applied through the overlay, never formed. A buyer
 * whose column is replaced reads it from the overlay; every other buyer reads the snapshot's CSR. Only the
 * firms marked endogenous take part (region scope: home-region firms; closed firms never).
 *
 *   pushABlock   out = A' t  (buyer j pushes a'_ij·t_j to its suppliers i): the demand-pull change.
 *   pushATBlock  out = A'ᵀ t (supplier i pushes a'_ij·t_i to its buyers j): the change of multipliers,
 *                sparse from the replaced columns downstream.
 *   pullAT       out = Aᵀ t on the snapshot alone (dense): the base multipliers, once per snapshot and scope.
 * The push operators take k vectors at once (blockSeries), so one pass over the CSR serves them all.
 */
import type { Overlay } from './scenario-overlay.ts';
import type { Snapshot } from './snapshot.ts';
import type { SeriesOptions } from './leontief.ts';
import { NonConvergenceError } from './errors.ts';

export function pullAT(s: Snapshot, endo: Uint8Array, t: Float64Array, out: Float64Array): void {
  const { n, revenue, inOffsets, inSources, inValues } = s;
  for (let j = 0; j < n; j++) {
    if (!endo[j]) {
      out[j] = 0;
      continue;
    }
    let sum = 0;
    for (let p = inOffsets[j], end = inOffsets[j + 1]; p < end; p++) {
      const i = inSources[p];
      if (endo[i]) sum += inValues[p] * t[i];
    }
    out[j] = sum / revenue[j];
  }
}

/** k vectors interleaved: entry c of firm i at i·k + c. */
export function pushABlock(o: Overlay, endo: Uint8Array, k: number, t: Float64Array, out: Float64Array): void {
  const { n, revenue, inOffsets, inSources, inValues } = o.base;
  const { replaced, columns } = o;
  out.fill(0);
  for (let j = 0; j < n; j++) {
    const jb = j * k;
    let any = false;
    for (let c = 0; c < k; c++) if (t[jb + c] !== 0) any = true;
    if (!any) continue;
    if (replaced[j]) {
      const col = columns.get(j)!;
      const inv = 1 / (o.revenue.get(j) ?? revenue[j]);
      for (let p = 0; p < col.sources.length; p++) {
        const i = col.sources[p];
        if (!endo[i]) continue;
        const w = col.values[p] * inv;
        const ib = i * k;
        for (let c = 0; c < k; c++) out[ib + c] += w * t[jb + c];
      }
    } else {
      const inv = 1 / revenue[j];
      for (let p = inOffsets[j], end = inOffsets[j + 1]; p < end; p++) {
        const i = inSources[p];
        if (!endo[i]) continue;
        const w = inValues[p] * inv;
        const ib = i * k;
        for (let c = 0; c < k; c++) out[ib + c] += w * t[jb + c];
      }
    }
  }
}

export function pushATBlock(o: Overlay, endo: Uint8Array, k: number, t: Float64Array, out: Float64Array): void {
  const { n, revenue, outOffsets, outTargets, outValues } = o.base;
  const { replaced, columns } = o;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const ib = i * k;
    let any = false;
    for (let c = 0; c < k; c++) if (t[ib + c] !== 0) any = true;
    if (!any) continue;
    for (let p = outOffsets[i], end = outOffsets[i + 1]; p < end; p++) {
      const j = outTargets[p];
      if (replaced[j] || !endo[j]) continue;
      const w = outValues[p] / revenue[j];
      const jb = j * k;
      for (let c = 0; c < k; c++) out[jb + c] += w * t[ib + c];
    }
  }
  for (const [j, col] of columns) {
    if (!endo[j]) continue;
    const inv = 1 / (o.revenue.get(j) ?? revenue[j]);
    const jb = j * k;
    for (let p = 0; p < col.sources.length; p++) {
      const i = col.sources[p];
      if (!endo[i]) continue;
      const w = col.values[p] * inv;
      for (let c = 0; c < k; c++) out[jb + c] += w * t[i * k + c];
    }
  }
}

/**
 * x = Σ_m M^m b for k interleaved vectors (see leontief.ts for one): stops when every vector's last term
 * has L1 norm ≤ tolerance·‖b_c‖₁; throws NonConvergenceError after maxIterations.
 */
export function blockSeries(
  caller: string,
  apply: (t: Float64Array, out: Float64Array) => void,
  b: Float64Array,
  k: number,
  options: SeriesOptions,
): { x: Float64Array; iterations: number; residual: number } {
  const x = Float64Array.from(b);
  let term = Float64Array.from(b);
  let next = new Float64Array(b.length);
  const bNorm = new Float64Array(k);
  for (let e = 0; e < b.length; e++) bNorm[e % k] += Math.abs(b[e]);
  if (bNorm.every((v) => v === 0)) return { x, iterations: 0, residual: 0 };
  const termNorm = new Float64Array(k);
  for (let m = 1; m <= options.maxIterations; m++) {
    apply(term, next);
    [term, next] = [next, term];
    termNorm.fill(0);
    for (let e = 0; e < term.length; e++) {
      const v = term[e];
      x[e] += v;
      termNorm[e % k] += v < 0 ? -v : v;
    }
    let residual = 0;
    let done = true;
    for (let c = 0; c < k; c++) {
      if (bNorm[c] === 0) continue;
      residual = Math.max(residual, termNorm[c] / bNorm[c]);
      if (termNorm[c] > options.tolerance * bNorm[c]) done = false;
    }
    if (done) return { x, iterations: m, residual };
  }
  let worst = 0;
  for (let c = 0; c < k; c++) if (bNorm[c] > 0) worst = Math.max(worst, termNorm[c] / bNorm[c]);
  throw new NonConvergenceError(caller, options.maxIterations, worst, options.tolerance);
}
