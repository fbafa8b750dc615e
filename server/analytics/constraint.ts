/**
 * Burt's constraint on the undirected, value-weighted supply network.
 *
 * Burt, "Structural Holes" (1992), with networkx `constraint(G, weight='weight')` semantics:
 *   p_ij = (z_ij + z_ji) / Σ_k (z_ik + z_ki),   c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ∈ N(i)} p_iq p_qj)².
 * High constraint: a firm's ties all run into one closed group (few structural holes). A firm without any
 * tie gets NaN, as in networkx (the sum is over an empty neighbourhood of an undefined share); a firm whose
 * ties all carry zero value gets 0 (networkx's normalised mutual weight is 0 when the total is 0).
 *
 * The indirect term p_iq p_qj is non-zero only when i, q, j close a triangle, so each triangle is listed once
 * (ranking firms by degree and following ties towards higher rank: O(m^1.5), Chiba & Nishizeki 1985,
 * Latapy 2008) and adds its six terms to the tie slots; this avoids the Σ_q deg(q)² cost of the direct sum
 * on heavy-tailed networks.
 */
import type { Snapshot } from './snapshot.ts';
import { reverseSlots, undirectedIndex } from './structure-index.ts';

export function constraint(snapshot: Snapshot): Float64Array {
  const index = undirectedIndex(snapshot);
  const { n, offsets, neighbours, weights, strength } = index;
  const slots = neighbours.length;
  const reverse = reverseSlots(index);

  const share = new Float64Array(slots); // p_ij at the slot of (i, j)
  for (let i = 0; i < n; i++) {
    const s = strength[i];
    for (let e = offsets[i]; e < offsets[i + 1]; e++) share[e] = s > 0 ? weights[e] / s : 0;
  }
  const term = share.slice(); // p_ij + Σ_q p_iq p_qj, completed triangle by triangle

  // Rank by (degree, id); forward rows keep the ties towards higher rank, with their slots.
  const rank = rankByDegree(index);
  const forwardOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) if (rank[neighbours[e]] > rank[i]) count++;
    forwardOffsets[i + 1] = forwardOffsets[i] + count;
  }
  const forwardSlots = new Int32Array(forwardOffsets[n]);
  for (let i = 0, f = 0; i < n; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) if (rank[neighbours[e]] > rank[i]) forwardSlots[f++] = e;
  }

  const mark = new Int32Array(n);
  const slotFromU = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    for (let f = forwardOffsets[u]; f < forwardOffsets[u + 1]; f++) {
      const e = forwardSlots[f];
      mark[neighbours[e]] = u + 1;
      slotFromU[neighbours[e]] = e;
    }
    for (let f = forwardOffsets[u]; f < forwardOffsets[u + 1]; f++) {
      const uv = forwardSlots[f];
      const v = neighbours[uv];
      const vu = reverse[uv];
      for (let g = forwardOffsets[v]; g < forwardOffsets[v + 1]; g++) {
        const vw = forwardSlots[g];
        const w = neighbours[vw];
        if (mark[w] !== u + 1) continue;
        const uw = slotFromU[w];
        const wu = reverse[uw];
        const wv = reverse[vw];
        term[uv] += share[uw] * share[wv];
        term[vu] += share[vw] * share[wu];
        term[uw] += share[uv] * share[vw];
        term[wu] += share[wv] * share[vu];
        term[vw] += share[vu] * share[uw];
        term[wv] += share[wu] * share[uv];
      }
    }
  }

  const result = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (offsets[i] === offsets[i + 1]) {
      result[i] = NaN;
      continue;
    }
    let c = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) c += term[e] * term[e];
    result[i] = c;
  }
  return result;
}

/** Rank of each firm when sorted by (degree, id): a counting sort on degree, stable in id. */
function rankByDegree(index: { n: number; offsets: Int32Array }): Int32Array {
  const { n, offsets } = index;
  let maxDegree = 0;
  for (let i = 0; i < n; i++) maxDegree = Math.max(maxDegree, offsets[i + 1] - offsets[i]);
  const start = new Int32Array(maxDegree + 2);
  for (let i = 0; i < n; i++) start[offsets[i + 1] - offsets[i] + 1]++;
  for (let d = 0; d <= maxDegree; d++) start[d + 1] += start[d];
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = start[offsets[i + 1] - offsets[i]]++;
  return rank;
}
