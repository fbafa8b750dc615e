/**
 * Communities of the undirected, value-weighted supply network by modularity maximisation.
 *
 * Blondel, Guillaume, Lambiotte & Lefebvre, "Fast unfolding of communities in large networks",
 * J. Stat. Mech. (2008) P10008. Modularity (Newman & Girvan 2004; resolution γ, Reichardt & Bornholdt 2006):
 *   Q = Σ_c [ Σin_c / 2m − γ (Σtot_c / 2m)² ],
 * with tie weights w_ij = z_ij + z_ji, Σin_c the weight of ties inside c counted from both ends, Σtot_c the
 * strength of c's members and 2m the total strength. Moving an isolated firm i into c gains
 * k_i,c − γ Σtot_c k_i / 2m (times 2/2m), k_i,c being i's tie weight into c.
 *
 * Each level moves single nodes to the best neighbouring community until no move gains (nodes visited in a
 * seeded random order, then revisited only when a neighbour moved: the queue of Traag, "Faster unfolding of
 * communities", Phys. Rev. E 92 (2015)), then merges every community into one node and repeats while
 * communities merge. Three additions, each of which can only raise Q:
 *  - refinement: the final partition is projected back down through the levels and local moving runs again
 *    at each (multilevel refinement, Rotta & Noack, ACM JEA 16, 2011);
 *  - rounds: the unfolding is repeated starting from its own result while Q rises;
 *  - restarts: independent runs with other visiting orders, keeping the best Q, as long as the work stays
 *    within `restartBudget` (so small networks get several runs and the 100k-firm network one).
 * The reported modularity is recomputed from scratch on the firm-level graph.
 *
 * A network without ties has every firm alone and modularity 0 (Q is 0/0 there; 0 is the convention).
 */
import type { Snapshot } from './snapshot.ts';
import { undirectedIndex } from './structure-index.ts';
import { mulberry32, shuffleInPlace, type RandomSource } from './seeded-random.ts';

export interface LouvainOptions {
  /** γ; 1 is Newman's modularity. */
  resolution: number;
  /** Seed of the node visiting order. */
  seed: number;
  /** Re-run local moving on every level after the last aggregation. */
  refine: boolean;
  /** Throw if one local-moving phase visits more than maxPasses × (nodes of the level) nodes. */
  maxPasses: number;
  /** Unfoldings at most per run: later ones start from the previous result and are kept only if Q rises. */
  maxRounds: number;
  /** Independent runs (each with its own visiting orders) of which the best Q is kept… */
  restarts: number;
  /** …as long as runs × adjacency entries (2 × ties) stay within this budget; at least one run. */
  restartBudget: number;
}

export const LOUVAIN_DEFAULTS: Readonly<LouvainOptions> = {
  resolution: 1,
  seed: 1,
  refine: true,
  maxPasses: 1_000,
  maxRounds: 10,
  restarts: 8,
  restartBudget: 1_000_000,
};

export interface LouvainResult {
  /** Community of every firm, numbered 0..count−1 in order of each community's first firm. */
  community: Int32Array;
  count: number;
  modularity: number;
  /** Aggregation levels run. */
  levels: number;
}

/** One level's graph: ties without self-loops, plus each node's self-loop weight (both ends counted). */
interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  loops: Float64Array;
  strength: Float64Array;
}

export function louvain(snapshot: Snapshot, options: Partial<LouvainOptions> = {}): LouvainResult {
  const { resolution, seed, refine, maxPasses, maxRounds, restarts, restartBudget } = {
    ...LOUVAIN_DEFAULTS,
    ...options,
  };
  if (!(resolution > 0 && Number.isFinite(resolution))) {
    throw new Error(`louvain: resolution must be a positive number, got ${resolution}`);
  }
  if (!(maxPasses >= 1)) throw new Error(`louvain: maxPasses must be ≥ 1, got ${maxPasses}`);
  if (!(Number.isInteger(maxRounds) && maxRounds >= 1)) {
    throw new Error(`louvain: maxRounds must be a positive integer, got ${maxRounds}`);
  }
  if (!(Number.isInteger(restarts) && restarts >= 1)) {
    throw new Error(`louvain: restarts must be a positive integer, got ${restarts}`);
  }
  if (!(restartBudget >= 0)) throw new Error(`louvain: restartBudget must be ≥ 0, got ${restartBudget}`);
  const index = undirectedIndex(snapshot);
  const n = index.n;
  const bottom: Level = {
    n,
    offsets: index.offsets,
    targets: index.neighbours,
    weights: index.weights,
    loops: new Float64Array(n),
    strength: index.strength,
  };
  let twoM = 0;
  for (let i = 0; i < n; i++) twoM += index.strength[i];
  if (!(twoM > 0)) {
    const community = new Int32Array(n);
    for (let i = 0; i < n; i++) community[i] = i;
    return { community, count: n, modularity: 0, levels: 0 };
  }

  const random = mulberry32(seed);
  const mover = createMover(n, twoM, resolution, maxPasses);
  const runs = Math.max(1, Math.min(restarts, Math.floor(restartBudget / Math.max(1, 2 * index.edges))));
  const run = (): Unfolding & { modularity: number } => {
    let result = unfold(bottom, null, mover, random, refine);
    let q = modularity(bottom, result.partition, result.count, twoM, resolution);
    // Unfold again from the result (its communities as the first level's nodes) while that raises Q.
    for (let round = 1; round < maxRounds; round++) {
      const next = unfold(bottom, result.partition, mover, random, refine);
      const nextQ = modularity(bottom, next.partition, next.count, twoM, resolution);
      if (!(nextQ > q + 1e-12)) break;
      result = next;
      q = nextQ;
    }
    return { ...result, modularity: q };
  };
  let best = run();
  for (let r = 1; r < runs; r++) {
    const candidate = run();
    if (candidate.modularity > best.modularity) best = candidate;
  }
  return { community: best.partition, count: best.count, modularity: best.modularity, levels: best.levels };
}

interface Unfolding {
  partition: Int32Array;
  count: number;
  levels: number;
}

/**
 * One unfolding: local moving and aggregation level by level, from singletons or from `start` (taken as
 * the first aggregation), then the projection back down with refinement.
 */
function unfold(
  bottom: Level,
  start: Int32Array | null,
  mover: (level: Level, community: Int32Array, random: RandomSource) => void,
  random: RandomSource,
  refine: boolean,
): Unfolding {
  const levels: Level[] = [bottom];
  const memberships: Int32Array[] = []; // memberships[l][node of level l] = node of level l + 1
  let level = bottom;
  if (start) {
    const community = start.slice();
    const count = renumber(community);
    memberships.push(community);
    level = aggregate(bottom, community, count);
    levels.push(level);
  }
  for (;;) {
    const community = new Int32Array(level.n);
    for (let i = 0; i < level.n; i++) community[i] = i;
    mover(level, community, random);
    const count = renumber(community);
    if (count === level.n) break;
    memberships.push(community);
    level = aggregate(level, community, count);
    levels.push(level);
  }

  // The top level's nodes are the communities; project down, refining on the way if asked.
  let partition = new Int32Array(level.n);
  for (let i = 0; i < level.n; i++) partition[i] = i;
  for (let l = memberships.length - 1; l >= 0; l--) {
    const membership = memberships[l];
    const below = new Int32Array(membership.length);
    for (let i = 0; i < membership.length; i++) below[i] = partition[membership[i]];
    if (refine) mover(levels[l], below, random);
    partition = below;
  }
  return { partition, count: renumber(partition), levels: memberships.length };
}

/**
 * Local moving: returns a function that improves `community` in place on a level until no single move
 * gains. Scratch buffers are sized for the firm-level graph and reused by every level.
 */
function createMover(n: number, twoM: number, resolution: number, maxPasses: number) {
  const total = new Float64Array(n); // Σtot per community
  const tieWeight = new Float64Array(n).fill(-1); // k_i,c, −1 when c is not a neighbour yet
  const seen = new Int32Array(n);
  const queue = new Int32Array(n);
  const queued = new Uint8Array(n);
  const order = new Int32Array(n);

  return (level: Level, community: Int32Array, random: RandomSource): void => {
    const { n: size, offsets, targets, weights, strength } = level;
    total.fill(0, 0, size);
    for (let i = 0; i < size; i++) total[community[i]] += strength[i];
    for (let i = 0; i < size; i++) order[i] = i;
    shuffleInPlace(order.subarray(0, size), random);
    // Circular FIFO holding each node at most once.
    for (let i = 0; i < size; i++) queue[i] = order[i];
    queued.fill(1, 0, size);
    let head = 0;
    let length = size;
    let visits = 0;
    const visitLimit = maxPasses * size;

    while (length > 0) {
      if (++visits > visitLimit) {
        throw new Error(`louvain: local moving did not settle within ${maxPasses} passes over ${size} nodes`);
      }
      const i = queue[head];
      head = head + 1 === size ? 0 : head + 1;
      length--;
      queued[i] = 0;

      const own = community[i];
      const k = strength[i];
      let found = 1;
      seen[0] = own;
      tieWeight[own] = 0;
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const c = community[targets[e]];
        if (tieWeight[c] < 0) {
          tieWeight[c] = 0;
          seen[found++] = c;
        }
        tieWeight[c] += weights[e];
      }
      total[own] -= k;
      const factor = (resolution * k) / twoM;
      let best = own;
      let bestGain = tieWeight[own] - factor * total[own];
      const margin = 1e-12 * k; // a move must gain more than rounding noise, or moves could cycle
      for (let s = 1; s < found; s++) {
        const c = seen[s];
        const gain = tieWeight[c] - factor * total[c];
        if (gain > bestGain + margin) {
          best = c;
          bestGain = gain;
        }
      }
      total[best] += k;
      for (let s = 0; s < found; s++) tieWeight[seen[s]] = -1;
      if (best === own) continue;
      community[i] = best;
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const j = targets[e];
        if (!queued[j] && community[j] !== best) {
          queued[j] = 1;
          let tail = head + length;
          if (tail >= size) tail -= size;
          queue[tail] = j;
          length++;
        }
      }
    }
  };
}

/** Renumbers community ids to 0..count−1 in order of first appearance; returns count. */
function renumber(community: Int32Array): number {
  const map = new Int32Array(community.length).fill(-1);
  let count = 0;
  for (let i = 0; i < community.length; i++) {
    const c = community[i];
    if (map[c] < 0) map[c] = count++;
    community[i] = map[c];
  }
  return count;
}

/** The graph of communities: ties between communities summed, ties inside one added to its self-loop. */
function aggregate(level: Level, community: Int32Array, count: number): Level {
  const { n, offsets, targets, weights, loops, strength } = level;
  // Members of each community, contiguous (counting sort).
  const start = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) start[community[i] + 1]++;
  for (let c = 0; c < count; c++) start[c + 1] += start[c];
  const members = new Int32Array(n);
  const fill = start.slice(0, count);
  for (let i = 0; i < n; i++) members[fill[community[i]]++] = i;

  const newOffsets = new Int32Array(count + 1);
  const newTargets = new Int32Array(targets.length);
  const newWeights = new Float64Array(targets.length);
  const newLoops = new Float64Array(count);
  const newStrength = new Float64Array(count);
  const slot = new Int32Array(count).fill(-1);
  let p = 0;
  for (let c = 0; c < count; c++) {
    const rowStart = p;
    for (let m = start[c]; m < start[c + 1]; m++) {
      const i = members[m];
      newLoops[c] += loops[i];
      newStrength[c] += strength[i];
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const d = community[targets[e]];
        if (d === c) {
          newLoops[c] += weights[e];
        } else if (slot[d] < rowStart) {
          slot[d] = p;
          newTargets[p] = d;
          newWeights[p++] = weights[e];
        } else {
          newWeights[slot[d]] += weights[e];
        }
      }
    }
    newOffsets[c + 1] = p;
  }
  return {
    n: count,
    offsets: newOffsets,
    targets: newTargets.slice(0, p),
    weights: newWeights.slice(0, p),
    loops: newLoops,
    strength: newStrength,
  };
}

/** Q of a partition of the firm-level graph, from scratch. */
function modularity(level: Level, community: Int32Array, count: number, twoM: number, resolution: number): number {
  const inside = new Float64Array(count);
  const total = new Float64Array(count);
  const { n, offsets, targets, weights, strength } = level;
  for (let i = 0; i < n; i++) {
    const c = community[i];
    total[c] += strength[i];
    for (let e = offsets[i]; e < offsets[i + 1]; e++) if (community[targets[e]] === c) inside[c] += weights[e];
  }
  let q = 0;
  for (let c = 0; c < count; c++) q += inside[c] / twoM - resolution * (total[c] / twoM) ** 2;
  return q;
}
