/**
 * Every structure metric of DESIGN §4 in one run over a snapshot, with progress reports, for the
 * metrics-recompute use case. Each metric is defined (with its source) in its own module.
 */
import type { Snapshot } from './snapshot.ts';
import { undirectedIndex } from './structure-index.ts';
import { degrees } from './degree.ts';
import { concentration } from './concentration.ts';
import { pagerank, type PageRankOptions } from './pagerank.ts';
import { betweenness, betweennessInfo, type BetweennessOptions } from './betweenness.ts';
import { coreNumbers } from './kcore.ts';
import { constraint } from './constraint.ts';
import { louvain, type LouvainOptions } from './louvain.ts';
import { articulationPoints } from './articulation.ts';

export const STRUCTURE_STAGES = [
  'index',
  'degree',
  'concentration',
  'pagerank',
  'supplierCriticality',
  'kcore',
  'constraint',
  'articulation',
  'louvain',
  'betweenness',
] as const;
export type StructureStage = (typeof STRUCTURE_STAGES)[number];

export interface StructureProgress {
  stage: StructureStage | 'done';
  /** Overall fraction of the run done, 0..1 (stages weighted by their usual cost). */
  fraction: number;
}

export interface StructureOptions {
  onProgress?: (progress: StructureProgress) => void;
  pagerank?: Partial<Omit<PageRankOptions, 'reverse'>>;
  betweenness?: Partial<Omit<BetweennessOptions, 'onProgress'>>;
  louvain?: Partial<LouvainOptions>;
}

export interface StructureMetrics {
  inDegree: Int32Array;
  outDegree: Int32Array;
  inStrength: Float64Array;
  outStrength: Float64Array;
  /** PageRank on supplier → buyer value. */
  pagerank: Float64Array;
  /** PageRank on buyer → supplier value. */
  supplierCriticality: Float64Array;
  betweenness: Float64Array;
  coreNumber: Int32Array;
  /** Burt's constraint; NaN for firms without ties. */
  constraint: Float64Array;
  community: Int32Array;
  isArticulation: Uint8Array;
  /** Bridges as pairs [a0, b0, a1, b1, …]. */
  bridges: Int32Array;
  /** NaN for firms without suppliers. */
  supplierHHI: Float64Array;
  /** NaN for firms without buyers. */
  customerHHI: Float64Array;
  modularity: number;
  communityCount: number;
  /** certifiedRanks: how many of the sampled top 100 have a certain rank (null when exact: all are). */
  betweennessInfo: { exact: boolean; samples: number; errorEstimate: number; confidence: number; certifiedRanks: number | null };
  pagerankIterations: { pagerank: number; supplierCriticality: number };
}

/** Relative cost of each stage, for the overall fraction. Betweenness dominates at every size. */
const WEIGHT: Record<StructureStage, number> = {
  index: 1,
  degree: 0.5,
  concentration: 0.5,
  pagerank: 3,
  supplierCriticality: 3,
  kcore: 1,
  constraint: 4,
  articulation: 1,
  louvain: 8,
  betweenness: 78,
};
const TOTAL_WEIGHT = STRUCTURE_STAGES.reduce((sum, s) => sum + WEIGHT[s], 0);

export function computeStructureMetrics(snapshot: Snapshot, options: StructureOptions = {}): StructureMetrics {
  const report = options.onProgress ?? (() => {});
  let done = 0;
  const stage = <T>(name: StructureStage, run: (within: (f: number) => void) => T): T => {
    const before = done;
    report({ stage: name, fraction: before / TOTAL_WEIGHT });
    const result = run((f) => report({ stage: name, fraction: (before + f * WEIGHT[name]) / TOTAL_WEIGHT }));
    done += WEIGHT[name];
    return result;
  };

  stage('index', () => undirectedIndex(snapshot));
  const degree = stage('degree', () => degrees(snapshot));
  const hhi = stage('concentration', () => concentration(snapshot));
  const rank = stage('pagerank', () => pagerank(snapshot, { ...options.pagerank, reverse: false }));
  const critical = stage('supplierCriticality', () => pagerank(snapshot, { ...options.pagerank, reverse: true }));
  const coreNumber = stage('kcore', () => coreNumbers(snapshot));
  const burt = stage('constraint', () => constraint(snapshot));
  const cut = stage('articulation', () => articulationPoints(snapshot));
  const communities = stage('louvain', () => louvain(snapshot, options.louvain));
  const between = stage('betweenness', (within) =>
    betweenness(snapshot, { ...options.betweenness, onProgress: within }),
  );
  report({ stage: 'done', fraction: 1 });

  return {
    ...degree,
    pagerank: rank.values,
    supplierCriticality: critical.values,
    betweenness: between.values,
    coreNumber,
    constraint: burt,
    community: communities.community,
    isArticulation: cut.isArticulation,
    bridges: cut.bridges,
    supplierHHI: hhi.supplierHHI,
    customerHHI: hhi.customerHHI,
    modularity: communities.modularity,
    communityCount: communities.count,
    betweennessInfo: betweennessInfo(between),
    pagerankIterations: { pagerank: rank.iterations, supplierCriticality: critical.iterations },
  };
}
