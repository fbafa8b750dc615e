/**
 * Concentration of each firm's purchases across its suppliers and of its sales across its buyers, as
 * Herfindahl–Hirschman indices on shares (0..1, not the ×10,000 antitrust scale):
 *   supplierHHI_j = Σ_i (z_ij / Σ_k z_kj)²   (buyer j's dependence on few suppliers; 1 = single source),
 *   customerHHI_i = Σ_j (z_ij / Σ_k z_ik)²   (supplier i's dependence on few buyers; 1 = single customer).
 * A firm with no suppliers (or purchases of zero value) has supplierHHI NaN, and likewise for customers:
 * concentration is undefined there, and 0 would wrongly read as perfectly diversified.
 */
import type { Snapshot } from './snapshot.ts';
import { assertSnapshot, assertValues } from './structure-index.ts';

export interface Concentration {
  /** HHI of each firm's purchases across its suppliers; NaN when it buys nothing from the network. */
  supplierHHI: Float64Array;
  /** HHI of each firm's sales across its buyers; NaN when it sells nothing to the network. */
  customerHHI: Float64Array;
}

export function concentration(snapshot: Snapshot): Concentration {
  assertSnapshot(snapshot, 'concentration');
  assertValues(snapshot.outValues, 'concentration');
  const { n, inOffsets, inValues, outOffsets, outValues } = snapshot;
  return {
    supplierHHI: rowHHI(n, inOffsets, inValues),
    customerHHI: rowHHI(n, outOffsets, outValues),
  };
}

/** Σ (v / Σv)² = Σ v² / (Σ v)² per CSR row; NaN for rows summing to 0. */
function rowHHI(n: number, offsets: Int32Array, values: Float64Array): Float64Array {
  const hhi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let total = 0;
    let squares = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      total += values[e];
      squares += values[e] * values[e];
    }
    hhi[i] = total > 0 ? squares / (total * total) : NaN;
  }
  return hhi;
}
