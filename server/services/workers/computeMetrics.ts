/**
 * Every per-firm metric as named columns (METRICS in domain/metrics.ts), from the structure metrics and
 * the all-firm multipliers. Pure; run in a worker by the metrics service and directly by tests.
 */
import { computeStructureMetrics } from '../../analytics/structure.ts';
import { ioCoefficients, multipliersAndNetworkCoefficients, type CoefficientSet } from '../../analytics/regional-coefficients.ts';
import type { Snapshot } from '../../analytics/snapshot.ts';
import { METRICS, type MetricId } from '../../domain/metrics.ts';

export interface MetricColumns {
  columns: Record<MetricId, Float64Array | Int32Array | Uint8Array>;
  summary: {
    modularity: number;
    communityCount: number;
    betweenness: { exact: boolean; samples: number; errorEstimate: number; confidence: number; certifiedRanks: number | null };
    multiplierIterations: number;
    /** The household spending share the Type II coefficients assume. */
    householdSpendingShare: number;
    /** The distribution of every input-output coefficient over the firms that have it. */
    coefficientQuantiles: Partial<Record<MetricId, CoefficientQuantiles>>;
    computeMs: number;
  };
}

export interface CoefficientQuantiles {
  firms: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
}

/** Quantiles by linear interpolation between order statistics (type 7, as numpy and R default); null when no firm has a value. */
export function quantiles(values: ArrayLike<number>): CoefficientQuantiles | null {
  const sorted = Float64Array.from(Array.prototype.filter.call(values, Number.isFinite) as number[]).sort();
  const n = sorted.length;
  if (n === 0) return null;
  const at = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, n - 1)] - sorted[lo]);
  };
  return { firms: n, p10: at(0.1), p25: at(0.25), p50: at(0.5), p75: at(0.75), p90: at(0.9) };
}

export function computeMetricColumns(snapshot: Snapshot, onProgress: (stage: string, fraction: number) => void = () => {}): MetricColumns {
  const started = performance.now();
  // Each stage is reported as it starts. The sparse solves take about a sixth of the time (100k firms / 1M
  // links), the structure metrics the rest (docs/BENCHMARKS.md "Metrics at scale").
  // The multipliers and the network-scope coefficients solve the same system: one solve serves both.
  onProgress('multipliers and network coefficients', 0);
  const { multipliers: m, network } = multipliersAndNetworkCoefficients(snapshot);
  onProgress('region coefficients', 0.1);
  const region = ioCoefficients(snapshot, { scope: 'region' });
  // Jobs per ₩1bn of final demand, the unit of Korean input-output tables (취업유발계수, 명/10억원).
  const perBillion = (set: CoefficientSet) => set.employment.map((x) => x * 1000);
  const s = computeStructureMetrics(snapshot, { onProgress: (p) => onProgress(p.stage, 0.15 + 0.85 * p.fraction) });
  const columns: MetricColumns['columns'] = {
    pagerank: s.pagerank,
    pagerankReverse: s.supplierCriticality,
    betweenness: s.betweenness,
    community: s.community,
    coreNumber: s.coreNumber,
    constraint: s.constraint,
    inDegree: s.inDegree,
    outDegree: s.outDegree,
    inStrength: s.inStrength,
    outStrength: s.outStrength,
    supplierHhi: s.supplierHHI,
    customerHhi: s.customerHHI,
    outputMultiplier: m.output,
    employmentMultiplier: m.employment.map((x) => x * 1000),
    valueAddedMultiplier: m.valueAdded,
    regionalRetention: m.regionalRetention,
    backwardLinkage: m.backwardLinkage,
    forwardLinkage: m.forwardLinkage,
    articulation: s.isArticulation,
    ghoshForwardLinkage: network.ghoshForwardLinkage,
    outputMultiplierII: network.typeII.output,
    valueAddedMultiplierII: network.typeII.valueAdded,
    employmentMultiplierII: perBillion(network.typeII),
    backwardLinkageII: network.typeII.backwardLinkage,
    forwardLinkageII: network.typeII.forwardLinkage,
    regionOutputMultiplier: region.typeI.output,
    regionValueAddedMultiplier: region.typeI.valueAdded,
    regionEmploymentMultiplier: perBillion(region.typeI),
    regionBackwardLinkage: region.typeI.backwardLinkage,
    regionForwardLinkage: region.typeI.forwardLinkage,
    regionGhoshForwardLinkage: region.ghoshForwardLinkage,
    regionOutputMultiplierII: region.typeII.output,
    regionValueAddedMultiplierII: region.typeII.valueAdded,
    regionEmploymentMultiplierII: perBillion(region.typeII),
    regionBackwardLinkageII: region.typeII.backwardLinkage,
    regionForwardLinkageII: region.typeII.forwardLinkage,
  };
  const coefficientQuantiles: MetricColumns['summary']['coefficientQuantiles'] = {};
  for (const metric of METRICS) {
    if (!('coefficient' in metric)) continue;
    const q = quantiles(columns[metric.id]);
    if (q) coefficientQuantiles[metric.id] = q;
  }
  return {
    columns,
    summary: {
      modularity: s.modularity,
      communityCount: s.communityCount,
      betweenness: s.betweennessInfo,
      multiplierIterations: m.solves.output.iterations,
      householdSpendingShare: region.householdSpendingShare,
      coefficientQuantiles,
      computeMs: Math.round(performance.now() - started),
    },
  };
}
