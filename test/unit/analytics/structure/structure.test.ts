import { describe, expect, it } from 'vitest';
import { computeStructureMetrics, type StructureProgress } from '../../../../server/analytics/structure.ts';
import { pagerank } from '../../../../server/analytics/pagerank.ts';
import { betweenness } from '../../../../server/analytics/betweenness.ts';
import { louvain } from '../../../../server/analytics/louvain.ts';
import { SMALL_DIRECTED } from './graphs.ts';
import { snapshotOf } from './helpers.ts';

describe('computeStructureMetrics', () => {
  const snapshot = snapshotOf(13, SMALL_DIRECTED);
  const progress: StructureProgress[] = [];
  const metrics = computeStructureMetrics(snapshot, { onProgress: (p) => progress.push(p) });

  it('returns every metric, indexed like the snapshot', () => {
    for (const key of [
      'inDegree', 'outDegree', 'inStrength', 'outStrength', 'pagerank', 'supplierCriticality', 'betweenness',
      'coreNumber', 'constraint', 'community', 'isArticulation', 'supplierHHI', 'customerHHI',
    ] as const) {
      expect(metrics[key], key).toHaveLength(13);
    }
    expect(Array.from(metrics.pagerank)).toEqual(Array.from(pagerank(snapshot).values));
    expect(Array.from(metrics.supplierCriticality)).toEqual(Array.from(pagerank(snapshot, { reverse: true }).values));
    expect(Array.from(metrics.betweenness)).toEqual(Array.from(betweenness(snapshot).values));
    const communities = louvain(snapshot);
    expect(metrics.modularity).toBe(communities.modularity);
    expect(metrics.communityCount).toBe(communities.count);
    expect(metrics.betweennessInfo).toEqual({ exact: true, samples: 13, errorEstimate: 0, confidence: 0.95, certifiedRanks: null });
  });

  it('reports each stage in order with a rising overall fraction ending at 1', () => {
    const stages = [...new Set(progress.map((p) => p.stage))];
    expect(stages).toEqual([
      'index', 'degree', 'concentration', 'pagerank', 'supplierCriticality', 'kcore', 'constraint',
      'articulation', 'louvain', 'betweenness', 'done',
    ]);
    for (let k = 1; k < progress.length; k++) {
      expect(progress[k].fraction).toBeGreaterThanOrEqual(progress[k - 1].fraction);
    }
    expect(progress.at(-1)).toEqual({ stage: 'done', fraction: 1 });
  });

  it('passes options through to the metrics', () => {
    const sampled = computeStructureMetrics(snapshot, { betweenness: { exactThreshold: 0, epsilon: 0.05, seed: 3 } });
    expect(sampled.betweennessInfo.exact).toBe(false);
    expect(sampled.betweennessInfo.samples).toBeGreaterThan(0);
    expect(sampled.betweennessInfo.errorEstimate).toBeLessThanOrEqual(0.05);
  });
});
