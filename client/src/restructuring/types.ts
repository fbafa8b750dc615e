/** The shapes of the restructuring endpoints (server/api/scenarios.ts), as the explorer reads them. */
import type { Change } from './changes.ts';
import type { Multipliers, RegionFigures } from '../../../server/analytics/scenario-evaluate.ts';
import type { FirmStructure } from '../../../server/analytics/scenario-structure.ts';

// The figures' shapes are the server's own (type-only imports, erased from the bundle).
export type { FirmStructure, Multipliers, RegionFigures };

export interface FirmLabel {
  id: string;
  name: string;
  nameKo?: string;
  tier: string;
  sector: string;
  region: string;
  district: string | null;
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
