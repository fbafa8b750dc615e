/**
 * Degree and value strength of every firm in the supply network.
 *
 * outDegree_i = |{j : z_ij > 0}| (distinct buyers), inDegree_j = |{i : z_ij > 0}| (distinct suppliers);
 * outStrength_i = Σ_j z_ij (sales to the network), inStrength_j = Σ_i z_ij (purchases from the network).
 * The snapshot already merges parallel supplies per pair, so row lengths are distinct partners.
 */
import type { Snapshot } from './snapshot.ts';
import { assertSnapshot } from './structure-index.ts';

export interface Degrees {
  /** Distinct suppliers of each firm. */
  inDegree: Int32Array;
  /** Distinct buyers of each firm. */
  outDegree: Int32Array;
  /** Purchases from the network, KRW million. */
  inStrength: Float64Array;
  /** Sales to the network, KRW million. */
  outStrength: Float64Array;
}

export function degrees(snapshot: Snapshot): Degrees {
  assertSnapshot(snapshot, 'degrees');
  const { n, outOffsets, outValues, inOffsets, inValues } = snapshot;
  const inDegree = new Int32Array(n);
  const outDegree = new Int32Array(n);
  const inStrength = new Float64Array(n);
  const outStrength = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    outDegree[i] = outOffsets[i + 1] - outOffsets[i];
    inDegree[i] = inOffsets[i + 1] - inOffsets[i];
    let sales = 0;
    for (let e = outOffsets[i]; e < outOffsets[i + 1]; e++) sales += outValues[e];
    let purchases = 0;
    for (let e = inOffsets[i]; e < inOffsets[i + 1]; e++) purchases += inValues[e];
    outStrength[i] = sales;
    inStrength[i] = purchases;
  }
  return { inDegree, outDegree, inStrength, outStrength };
}
