/**
 * The Bank of Korea's input-output coefficients as the firm view lays them out: one row per coefficient,
 * one column per scope and type, each cell a stored metric (server/domain/metrics.ts). The Ghosh forward
 * linkage is Type I only.
 */
import type { MetricKey } from '../types.ts';

export const COEFFICIENT_COLUMNS = ['regionI', 'regionII', 'networkI', 'networkII'] as const;
export type CoefficientColumn = (typeof COEFFICIENT_COLUMNS)[number];

export const COEFFICIENT_TABLE: readonly { coefficient: string; cells: Record<CoefficientColumn, MetricKey | null> }[] = [
  { coefficient: 'output', cells: { regionI: 'regionOutputMultiplier', regionII: 'regionOutputMultiplierII', networkI: 'outputMultiplier', networkII: 'outputMultiplierII' } },
  { coefficient: 'valueAdded', cells: { regionI: 'regionValueAddedMultiplier', regionII: 'regionValueAddedMultiplierII', networkI: 'valueAddedMultiplier', networkII: 'valueAddedMultiplierII' } },
  { coefficient: 'employment', cells: { regionI: 'regionEmploymentMultiplier', regionII: 'regionEmploymentMultiplierII', networkI: 'employmentMultiplier', networkII: 'employmentMultiplierII' } },
  { coefficient: 'backwardLinkage', cells: { regionI: 'regionBackwardLinkage', regionII: 'regionBackwardLinkageII', networkI: 'backwardLinkage', networkII: 'backwardLinkageII' } },
  { coefficient: 'forwardLinkage', cells: { regionI: 'regionForwardLinkage', regionII: 'regionForwardLinkageII', networkI: 'forwardLinkage', networkII: 'forwardLinkageII' } },
  { coefficient: 'ghoshForwardLinkage', cells: { regionI: 'regionGhoshForwardLinkage', regionII: null, networkI: 'ghoshForwardLinkage', networkII: null } },
];

/** Metrics shown in the coefficient table rather than in the firm's list of network measures. */
export const COEFFICIENT_METRICS: ReadonlySet<MetricKey> = new Set(COEFFICIENT_TABLE.flatMap((r) => Object.values(r.cells).filter((k): k is MetricKey => k !== null)));
