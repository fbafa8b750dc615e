/**
 * Small input-output fixtures entered as firms.
 *
 * Miller & Blair, Input-Output Analysis (2nd ed., 2009), §2.3, two sectors:
 *   Z = [[150, 500], [200, 100]], x = [1000, 2000], A = [[.15, .25], [.2, .05]],
 *   L = (I − A)⁻¹ = [[1.2541, .3300], [.2640, 1.1221]], output multipliers 1.5181, 1.4521.
 * The network has no self-supply, so each sector enters as two identical firms (x/2 each) that trade its
 * diagonal flow with each other and split its flows to the other sector evenly. Summing over a sector's
 * firms is then an exact aggregation, S(I − A₄)⁻¹ = (I − A)⁻¹S, because every firm's input coefficients
 * summed by sector equal its sector's column of A (and for Ghosh, row by row, with B).
 */
import {
  buildSnapshot,
  type Snapshot,
  type SnapshotFirm,
  type SnapshotLink,
} from '../../../server/analytics/snapshot.ts';

export const MB_Z = [
  [150, 500],
  [200, 100],
];
export const MB_X = [1000, 2000];
export const MB_L = [
  [1.2541, 0.33],
  [0.264, 1.1221],
];
export const MB_OUTPUT_MULTIPLIERS = [1.5181, 1.4521];

/** Firm ids by sector: sector 0 → s0a, s0b; sector 1 → s1a, s1b. */
export const MB_FIRMS = [
  ['s0a', 's0b'],
  ['s1a', 's1b'],
];

export function millerBlairSnapshot(): Snapshot {
  const firms: SnapshotFirm[] = MB_FIRMS.flatMap((ids, sector) =>
    ids.map((id) => ({
      id,
      name: id,
      tier: 'sme' as const,
      sector: sector === 0 ? '25' : '29',
      region: 'Busan',
      revenue: MB_X[sector] / 2,
      employees: 10 * (sector + 1),
    })),
  );
  const links: SnapshotLink[] = [];
  for (let I = 0; I < 2; I++) {
    for (let J = 0; J < 2; J++) {
      for (const supplier of MB_FIRMS[I]) {
        for (const buyer of MB_FIRMS[J]) {
          if (supplier === buyer) continue;
          // Diagonal flow: two off-diagonal firm pairs; across sectors: four pairs.
          links.push({ supplier, buyer, value: MB_Z[I][J] / (I === J ? 2 : 4) });
        }
      }
    }
  }
  return buildSnapshot(firms, links);
}

export interface FirmSpec {
  id: string;
  revenue: number;
  sector?: string;
  region?: string;
  district?: string;
  employees?: number;
  valueAddedRatio?: number;
  tier?: SnapshotFirm['tier'];
}

/** A snapshot from terse firm specs and [supplier, buyer, value] triples. */
export function tinySnapshot(specs: FirmSpec[], flows: [string, string, number][]): Snapshot {
  return buildSnapshot(
    specs.map((f) => ({
      id: f.id,
      name: `Firm ${f.id}`,
      tier: f.tier ?? 'sme',
      sector: f.sector ?? '25',
      region: f.region ?? 'Busan',
      district: f.district,
      revenue: f.revenue,
      employees: f.employees ?? 10,
      valueAddedRatio: f.valueAddedRatio,
    })),
    flows.map(([supplier, buyer, value]) => ({ supplier, buyer, value })),
  );
}
