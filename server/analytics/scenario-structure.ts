/**
 * The changed firms' place in the network before and after a scenario: suppliers and buyers, purchases
 * and sales, the Herfindahl–Hirschman index of their purchases across suppliers (Σ shares², 1 = a single
 * source), the largest supplier's share, the home-region share of purchases, and how many buyers depend on
 * them for at least `dominantShare` of their network purchases (single-source dependencies, as in
 * disruption.ts). Read from the snapshot's CSR with the overlay's replaced columns substituted.
 */
import { interFirmFlows } from './leontief.ts';
import { purchasesAfter, type Overlay } from './scenario-overlay.ts';

export interface FirmStructure {
  suppliers: number;
  buyers: number;
  purchases: number;
  sales: number;
  /** Σ shares² of the firm's purchases across suppliers; null when it buys nothing. */
  supplierHHI: number | null;
  /** The largest supplier's share of its purchases; null when it buys nothing. */
  largestSupplierShare: number | null;
  /** Home-region share of its purchases; null when it buys nothing. */
  homeSourcing: number | null;
  /** Buyers for which this firm supplies at least dominantShare of their network purchases. */
  dependentBuyers: number;
}

export /** A firm's suppliers, buyers and concentration, on the snapshot (after = false) or the changed network. */
function structure(o: Overlay, i: number, after: boolean, dominantShare: number): FirmStructure {
  const s = o.base;
  const { inOffsets, inSources, inValues, outOffsets, outTargets, outValues, inHomeRegion } = s;
  const { purchases } = interFirmFlows(s, 'scenario');
  // Purchases column.
  let suppliers = 0;
  let total = 0;
  let squares = 0;
  let largest = 0;
  let home = 0;
  const eachSupplier = (k: number, z: number) => {
    if (z <= 0) return;
    suppliers++;
    total += z;
    squares += z * z;
    largest = Math.max(largest, z);
    if (inHomeRegion[k]) home += z;
  };
  const col = after ? o.columns.get(i) : undefined;
  if (col) for (let p = 0; p < col.sources.length; p++) eachSupplier(col.sources[p], col.values[p]);
  else for (let p = inOffsets[i]; p < inOffsets[i + 1]; p++) eachSupplier(inSources[p], inValues[p]);

  // Sales row: the snapshot's, with replaced columns read from the overlay.
  let buyers = 0;
  let sales = 0;
  let dependents = 0;
  const eachBuyer = (j: number, z: number) => {
    if (z <= 0) return;
    buyers++;
    sales += z;
    const bought = after ? purchasesAfter(o, j) : purchases[j];
    if (bought > 0 && z / bought >= dominantShare) dependents++;
  };
  for (let p = outOffsets[i]; p < outOffsets[i + 1]; p++) {
    const j = outTargets[p];
    if (after && o.replaced[j]) continue;
    eachBuyer(j, outValues[p]);
  }
  if (after) {
    for (const [j, c] of o.columns) {
      for (let p = 0; p < c.sources.length; p++) if (c.sources[p] === i) eachBuyer(j, c.values[p]);
    }
  }
  return {
    suppliers,
    buyers,
    purchases: total,
    sales,
    supplierHHI: total > 0 ? squares / (total * total) : null,
    largestSupplierShare: total > 0 ? largest / total : null,
    homeSourcing: total > 0 ? home / total : null,
    dependentBuyers: dependents,
  };
}
