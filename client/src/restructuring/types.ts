/** The shapes of the restructuring endpoints (server/api/scenarios.ts), as the explorer reads them. */
import type { Change } from './changes.ts';

export interface FirmLabel {
  id: string;
  name: string;
  nameKo?: string;
  tier: string;
  sector: string;
  region: string;
  district: string | null;
}

export interface RegionFigures {
  output: number;
  valueAdded: number;
  jobs: number;
  leakage: { total: number; byRegion: Record<string, number> };
  homeSourcing: number;
  householdIncome: number;
}

export interface Multipliers {
  output: number;
  valueAdded: number;
  employment: number;
  outputTypeII: number;
  valueAddedTypeII: number;
  employmentTypeII: number;
}

export interface FirmStructure {
  suppliers: number;
  buyers: number;
  purchases: number;
  sales: number;
  supplierHHI: number | null;
  largestSupplierShare: number | null;
  homeSourcing: number | null;
  dependentBuyers: number;
}

export interface FirmChange extends FirmLabel {
  outputChange: number;
  outputChangeTypeII: number;
  valueAddedChange: number;
  jobsChange: number;
}

export interface Evaluation {
  scope: 'region' | 'network';
  units: string;
  before: RegionFigures;
  after: RegionFigures;
  afterTypeII: RegionFigures;
  anchors: (FirmLabel & { before: Multipliers; after: Multipliers | null })[];
  changedFirms: (FirmLabel & { closed: boolean; before: FirmStructure; after: FirmStructure | null })[];
  gainers: FirmChange[];
  losers: FirmChange[];
  iterations: number;
  residual: number;
  warnings: string[];
  computeMs: number;
}

export interface Suggestion extends FirmLabel {
  fit: number;
  criteria: Record<'match' | 'headroom' | 'ties' | 'ax' | 'district', number>;
  headroom: number;
  axLevel: number | null;
  gain: { output: number; valueAdded: number; jobs: number; leakage: number } | null;
  refused: string | null;
  change: Change;
}

export interface Localisation {
  firm: FirmLabel;
  share: number;
  outOfRegionPurchases: number;
  groups: { division: string; product: string | null; value: number; suppliers: (FirmLabel & { value: number })[]; suggestions: Suggestion[] }[];
}
