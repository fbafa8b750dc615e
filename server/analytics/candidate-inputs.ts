/**
 * The raw inputs of candidate scoring (candidates.ts) derived from a firm's record, its history and the
 * network metrics.
 *   CAGR over the history, earliest to latest year:  (v_last / v_first)^(1/(y_last − y_first)) − 1,
 *     using the earliest point with v > 0; undefined with fewer than two usable points.
 *   export-share growth: (s_last − s_first) / (y_last − y_first), share points per year, over the points
 *     that carry an exportShare (the firm's current exportShare is not mixed in: it has no year).
 *   local partners: distinct suppliers and buyers in the home region, either direction counted once.
 */
import type { Firm, HistoryPoint } from '../domain/firm.ts';
import type { Snapshot } from './snapshot.ts';
import type { CandidateInput } from './candidates.ts';

export function compoundGrowth(
  history: readonly HistoryPoint[] | undefined,
  field: 'revenue' | 'employees',
): number | undefined {
  const points = [...(history ?? [])].sort((a, b) => a.year - b.year);
  const first = points.find((p) => p[field] > 0);
  const last = points[points.length - 1];
  if (first === undefined || last.year <= first.year) return undefined;
  return (last[field] / first[field]) ** (1 / (last.year - first.year)) - 1;
}

export function exportShareGrowth(history: readonly HistoryPoint[] | undefined): number | undefined {
  const points = (history ?? []).filter((p) => p.exportShare !== undefined).sort((a, b) => a.year - b.year);
  if (points.length < 2) return undefined;
  const first = points[0];
  const last = points[points.length - 1];
  if (last.year === first.year) return undefined;
  return ((last.exportShare as number) - (first.exportShare as number)) / (last.year - first.year);
}

/** Distinct home-region partners (suppliers ∪ buyers) of every firm. */
export function localPartnerCounts(snapshot: Snapshot): Int32Array {
  const { n, inHomeRegion, outOffsets, outTargets, inOffsets, inSources } = snapshot;
  const counts = new Int32Array(n);
  const stamp = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let p = outOffsets[i]; p < outOffsets[i + 1]; p++) {
      const j = outTargets[p];
      if (inHomeRegion[j] && stamp[j] !== i) {
        stamp[j] = i;
        c++;
      }
    }
    for (let p = inOffsets[i]; p < inOffsets[i + 1]; p++) {
      const j = inSources[p];
      if (inHomeRegion[j] && stamp[j] !== i) {
        stamp[j] = i;
        c++;
      }
    }
    counts[i] = c;
  }
  return counts;
}

export interface CandidateNetworkMetrics {
  localPartners?: number;
  centrality?: number;
  outputMultiplier?: number;
  regionalRetention?: number;
  employmentMultiplier?: number;
}

export function candidateInput(firm: Firm, network: CandidateNetworkMetrics): CandidateInput {
  return {
    id: firm.id,
    name: firm.name,
    patents: firm.patents,
    employees: firm.employees,
    rdIntensity: firm.rdIntensity,
    certifications: firm.certifications,
    exportShare: firm.exportShare,
    exportShareGrowth: exportShareGrowth(firm.history),
    localPartners: network.localPartners,
    centrality: network.centrality,
    outputMultiplier: network.outputMultiplier,
    regionalRetention: network.regionalRetention,
    employmentGrowth: compoundGrowth(firm.history, 'employees'),
    employmentMultiplier: network.employmentMultiplier,
    revenueCagr: compoundGrowth(firm.history, 'revenue'),
  };
}
