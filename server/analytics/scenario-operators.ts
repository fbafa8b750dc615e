/**
 * The Leontief operators of a scenario: A' = Z' x̂'⁻¹ applied through the overlay, never formed. A buyer
 * whose column is replaced reads it from the overlay; every other buyer reads the snapshot's CSR. Only the
 * firms marked endogenous take part (region scope: home-region firms; closed firms never).
 *
 *   pushA   out = A' t  (buyer j pushes a'_ij·t_j to its suppliers i): the demand-pull level solve.
 *   pushAT  out = A'ᵀ t (supplier i pushes a'_ij·t_i to its buyers j): the change of multipliers, sparse
 *           from the replaced columns downstream.
 *   pullAT  out = Aᵀ t on the snapshot alone (dense): the base multipliers, once per snapshot and scope.
 */
import type { Overlay } from './scenario-overlay.ts';
import type { Snapshot } from './snapshot.ts';

export function pushA(o: Overlay, endo: Uint8Array, t: Float64Array, out: Float64Array): void {
  const { n, revenue, inOffsets, inSources, inValues } = o.base;
  const { replaced, columns } = o;
  out.fill(0);
  for (let j = 0; j < n; j++) {
    const tj = t[j];
    if (tj === 0) continue;
    if (replaced[j]) {
      const col = columns.get(j)!;
      const scale = tj / (o.revenue.get(j) ?? revenue[j]);
      for (let p = 0; p < col.sources.length; p++) {
        const i = col.sources[p];
        if (endo[i]) out[i] += col.values[p] * scale;
      }
    } else {
      const scale = tj / revenue[j];
      for (let p = inOffsets[j], end = inOffsets[j + 1]; p < end; p++) {
        const i = inSources[p];
        if (endo[i]) out[i] += inValues[p] * scale;
      }
    }
  }
}

export function pushAT(o: Overlay, endo: Uint8Array, t: Float64Array, out: Float64Array): void {
  const { n, revenue, outOffsets, outTargets, outValues } = o.base;
  const { replaced, columns } = o;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const ti = t[i];
    if (ti === 0) continue;
    for (let p = outOffsets[i], end = outOffsets[i + 1]; p < end; p++) {
      const j = outTargets[p];
      if (replaced[j] || !endo[j]) continue;
      out[j] += (outValues[p] * ti) / revenue[j];
    }
  }
  for (const [j, col] of columns) {
    if (!endo[j]) continue;
    let s = 0;
    for (let p = 0; p < col.sources.length; p++) {
      const i = col.sources[p];
      if (endo[i]) s += col.values[p] * t[i];
    }
    out[j] = s / (o.revenue.get(j) ?? revenue[j]);
  }
}

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

/** max_j Σ_i a'_ij over the endogenous firms: the contraction of A' in ‖·‖₁ (and of A'ᵀ in ‖·‖∞). */
export function overlayContraction(o: Overlay, baseContraction: number): number {
  let c = baseContraction;
  for (const [j, col] of o.columns) {
    let s = 0;
    for (let p = 0; p < col.values.length; p++) s += col.values[p];
    c = Math.max(c, s / (o.revenue.get(j) ?? o.base.revenue[j]));
  }
  return c;
}
