/**
 * Every per-firm metric as named columns (METRICS in domain/metrics.ts), from the structure metrics and
 * the all-firm multipliers. Pure; run in a worker by the metrics service and directly by tests.
 */
import { computeStructureMetrics } from '../../analytics/structure.ts';
import { multipliers } from '../../analytics/multipliers.ts';
import type { Snapshot } from '../../analytics/snapshot.ts';
import type { MetricId } from '../../domain/metrics.ts';

export interface MetricColumns {
  columns: Record<MetricId, Float64Array | Int32Array | Uint8Array>;
  summary: {
    modularity: number;
    communityCount: number;
    betweenness: { exact: boolean; samples: number; errorEstimate: number; confidence: number };
    multiplierIterations: number;
    computeMs: number;
  };
}

export function computeMetricColumns(snapshot: Snapshot, onProgress: (stage: string, fraction: number) => void = () => {}): MetricColumns {
  const started = performance.now();
  // Multipliers take a few sparse solves; structure (betweenness above all) takes the rest.
  onProgress('multipliers', 0);
  const m = multipliers(snapshot);
  const s = computeStructureMetrics(snapshot, { onProgress: (p) => onProgress(p.stage, 0.05 + 0.95 * p.fraction) });
  return {
    columns: {
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
      // Jobs per ₩1bn of final demand, the unit of Korean input-output tables (취업유발계수, 명/10억원).
      employmentMultiplier: m.employment.map((x) => x * 1000),
      valueAddedMultiplier: m.valueAdded,
      regionalRetention: m.regionalRetention,
      backwardLinkage: m.backwardLinkage,
      forwardLinkage: m.forwardLinkage,
      articulation: s.isArticulation,
    },
    summary: {
      modularity: s.modularity,
      communityCount: s.communityCount,
      betweenness: s.betweennessInfo,
      multiplierIterations: m.solves.output.iterations,
      computeMs: Math.round(performance.now() - started),
    },
  };
}
