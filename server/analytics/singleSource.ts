/**
 * A firm's single-source risks, in both directions, with the dominance rule of the disruption analysis:
 *   dependentBuyers  buyers j for which the firm i supplies share_ij = z_ij / P_j ≥ dominantShare of their
 *                    network purchases P_j (they would lose that much of their inputs if i stopped);
 *   dominantSuppliers suppliers k of i with z_ki / P_i ≥ dominantShare (i's own exposure).
 */
import type { Snapshot } from './snapshot.ts';
import { UnknownFirmError } from './errors.ts';

export interface SingleSourceLink {
  id: string;
  name: string;
  value: number;
  share: number;
}

export interface SingleSourceRisks {
  dominantShare: number;
  dependentBuyers: SingleSourceLink[];
  dominantSuppliers: SingleSourceLink[];
}

export function singleSourceRisks(snapshot: Snapshot, firmId: string, dominantShare = 0.5): SingleSourceRisks {
  const i = snapshot.index.get(firmId);
  if (i === undefined) throw new UnknownFirmError('singleSourceRisks', firmId);
  const { outOffsets, outTargets, outValues, inOffsets, inSources, inValues } = snapshot;
  const purchases = (j: number) => {
    let p = 0;
    for (let q = inOffsets[j]; q < inOffsets[j + 1]; q++) p += inValues[q];
    return p;
  };
  const link = (k: number, value: number, share: number) => ({ id: snapshot.ids[k], name: snapshot.names[k], value, share });
  const dependentBuyers: SingleSourceLink[] = [];
  for (let p = outOffsets[i]; p < outOffsets[i + 1]; p++) {
    const share = outValues[p] / purchases(outTargets[p]);
    if (share >= dominantShare) dependentBuyers.push(link(outTargets[p], outValues[p], share));
  }
  const own = purchases(i);
  const dominantSuppliers: SingleSourceLink[] = [];
  for (let q = inOffsets[i]; q < inOffsets[i + 1]; q++) {
    const share = inValues[q] / own;
    if (share >= dominantShare) dominantSuppliers.push(link(inSources[q], inValues[q], share));
  }
  const bigFirst = (a: SingleSourceLink, b: SingleSourceLink) => b.share - a.share || (a.id < b.id ? -1 : 1);
  return { dominantShare, dependentBuyers: dependentBuyers.sort(bigFirst), dominantSuppliers: dominantSuppliers.sort(bigFirst) };
}
