/** What the analytics snapshot keeps of a firm (analytics/snapshot.ts), for the import's snapshot file. */
import type { SnapshotFirm } from '../../analytics/snapshot.ts';
import type { Firm } from '../../domain/firm.ts';

export function snapshotFirmOf(firm: Firm): SnapshotFirm {
  const f: SnapshotFirm = { id: firm.id, name: firm.name, tier: firm.tier, sector: firm.sector, region: firm.region, revenue: firm.revenue, employees: firm.employees };
  if (firm.nameKo != null) f.nameKo = firm.nameKo;
  if (firm.district != null) f.district = firm.district;
  if (firm.valueAddedRatio != null) f.valueAddedRatio = firm.valueAddedRatio;
  if (firm.wageShare != null) f.wageShare = firm.wageShare;
  return f;
}
