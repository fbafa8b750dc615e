/**
 * Betweenness centrality on the directed supply network, counting unweighted hops.
 *
 * Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25(2), 2001:
 *   C_B(v) = Σ_{s≠v≠t} σ_st(v) / σ_st,  accumulated per source s as
 *   δ_s(v) = Σ_{w : v ∈ P_s(w)} σ_sv / σ_sw · (1 + δ_s(w)),
 * normalised by (n − 1)(n − 2) (networkx's `normalized=True` for directed graphs). An undirected graph given
 * as both directions therefore gets networkx's normalised undirected value.
 *
 * Exact for n ≤ `exactThreshold` (O(nm)). Above it, KADABRA's adaptive sampling of shortest paths
 * (betweenness-kadabra.ts), which stops once each of the `topK` highest firms has a certain rank or is within
 * `epsilon` of its exact value, and every other firm is certainly below them or within `epsilon`, with
 * probability ≥ `confidence` (topK = 0: once every firm is within `epsilon`); `errorEstimate` is the bound on
 * every firm it achieved.
 *
 * The BFS order doubles as the stack. The forward pass records each firm's shortest-path successors
 * (dist(w) = dist(v) + 1) in one flat array, so the backward pass reads only those (about a quarter of the
 * links on the 100k-firm benchmark network) and no predecessor lists are kept; all buffers are typed arrays
 * allocated once.
 */
import type { Snapshot } from './snapshot.ts';
import { assertSnapshot } from './structure-index.ts';
import { kadabraBetweenness, kadabraBetweennessWith, type KadabraOptions, type KadabraResult, type StreamDriver } from './betweenness-kadabra.ts';

export interface BetweennessOptions {
  /** Exact for n ≤ exactThreshold, sampled above it. */
  exactThreshold: number;
  /** Largest absolute error of a sampled value whose rank is not certified (100k firms / 1M links: the 100th largest ≈ 0.0011). */
  epsilon: number;
  /** The ranks the sampling certifies where it can (0: every firm within epsilon instead). */
  topK: number;
  /** Probability with which `errorEstimate` bounds every firm's error, in (0, 1). */
  confidence: number;
  /** Seed of the sampled pairs and paths. */
  seed: number;
  /** Called with the fraction of sources done (exact) or of the worst-case samples taken, about every 1%. */
  onProgress?: (fraction: number) => void;
}

export const BETWEENNESS_DEFAULTS: Readonly<BetweennessOptions> = {
  exactThreshold: 10_000,
  epsilon: 1e-3,
  topK: 100,
  confidence: 0.95,
  seed: 1,
};

export interface BetweennessResult {
  /** Normalised betweenness of every firm, by (n − 1)(n − 2). */
  values: Float64Array;
  exact: boolean;
  /** Sources when exact (n); shortest paths sampled otherwise. */
  samples: number;
  /** Bound on every firm's absolute error, holding with probability `confidence`; 0 when exact. */
  errorEstimate: number;
  confidence: number;
  /** Sampled: the topK highest firms, highest first, and which of them have a certified rank. */
  top?: { firms: Int32Array; certified: Uint8Array };
}

/** What the metrics summary states of a betweenness run: exact or sampled, its bound, the ranks certified. */
export function betweennessInfo(result: BetweennessResult) {
  return {
    exact: result.exact,
    samples: result.samples,
    errorEstimate: result.errorEstimate,
    confidence: result.confidence,
    certifiedRanks: result.top ? result.top.certified.reduce((sum, c) => sum + c, 0) : null,
  };
}

export function betweenness(snapshot: Snapshot, options: Partial<BetweennessOptions> = {}): BetweennessResult {
  const settings = checkOptions(snapshot, options);
  if (snapshot.n > settings.exactThreshold) return sampled(kadabraBetweenness(snapshot, kadabraOptions(settings)), settings.confidence);
  return exactBetweenness(snapshot, settings.confidence, settings.onProgress);
}

/**
 * betweenness() with KADABRA's sample streams advanced by `driver` (e.g. by several threads,
 * services/workers/computePool.ts): the same result for the same options.
 */
export async function betweennessWith(snapshot: Snapshot, options: Partial<BetweennessOptions>, driver: StreamDriver): Promise<BetweennessResult> {
  const settings = checkOptions(snapshot, options);
  if (snapshot.n > settings.exactThreshold) return sampled(await kadabraBetweennessWith(snapshot, kadabraOptions(settings), driver), settings.confidence);
  return exactBetweenness(snapshot, settings.confidence, settings.onProgress);
}

function checkOptions(snapshot: Snapshot, options: Partial<BetweennessOptions>): BetweennessOptions {
  const settings = { ...BETWEENNESS_DEFAULTS, ...options };
  assertSnapshot(snapshot, 'betweenness');
  if (!(settings.exactThreshold >= 0)) throw new Error(`betweenness: exactThreshold must be ≥ 0, got ${settings.exactThreshold}`);
  if (!(settings.confidence > 0 && settings.confidence < 1)) {
    throw new Error(`betweenness: confidence must be in (0, 1), got ${settings.confidence}`);
  }
  return settings;
}

function kadabraOptions({ epsilon, confidence, topK, seed, onProgress }: BetweennessOptions): Partial<KadabraOptions> {
  return { epsilon, delta: 1 - confidence, topK, seed, onProgress };
}

function sampled(result: KadabraResult, confidence: number): BetweennessResult {
  return {
    values: result.values,
    exact: false,
    samples: result.samples,
    errorEstimate: result.epsilon,
    confidence,
    top: { firms: result.top, certified: result.certified },
  };
}

function exactBetweenness(snapshot: Snapshot, confidence: number, onProgress?: (fraction: number) => void): BetweennessResult {
  const n = snapshot.n;
  const scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  const brandes = createBrandes(snapshot);
  const values = new Float64Array(n);
  const every = Math.max(1, Math.floor(n / 100));
  for (let source = 0; source < n; source++) {
    brandes(source, values);
    if (onProgress && (source + 1) % every === 0) onProgress((source + 1) / n);
  }
  for (let v = 0; v < n; v++) values[v] *= scale;
  onProgress?.(1);
  return { values, exact: true, samples: n, errorEstimate: 0, confidence };
}

/**
 * Returns a function adding the dependencies δ_s(v) of one source s to `into[v]` (v ≠ s). Buffers are
 * shared between calls; dist is reset to −1 for the visited firms only.
 */
function createBrandes(snapshot: Snapshot): (source: number, into: Float64Array) => void {
  const { n, m, outOffsets, outTargets } = snapshot;
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  // (1 + δ_s(w)) / σ_sw, what w passes back to each of its predecessors per shortest path through them.
  const share = new Float64Array(n);
  const order = new Int32Array(n);
  // Shortest-path successors of order[k] are successors[successorsEnd[k − 1]..successorsEnd[k]).
  const successors = new Int32Array(m);
  const successorsEnd = new Int32Array(n);

  return (source, into) => {
    order[0] = source;
    dist[source] = 0;
    sigma[source] = 1;
    let head = 0;
    let tail = 1;
    let p = 0;
    while (head < tail) {
      const v = order[head];
      const next = dist[v] + 1;
      const paths = sigma[v];
      for (let e = outOffsets[v], end = outOffsets[v + 1]; e < end; e++) {
        const w = outTargets[e];
        const d = dist[w];
        if (d < 0) {
          dist[w] = next;
          sigma[w] = paths;
          order[tail++] = w;
          successors[p++] = w;
        } else if (d === next) {
          sigma[w] += paths;
          successors[p++] = w;
        }
      }
      successorsEnd[head++] = p;
    }
    for (let k = tail - 1; k > 0; k--) {
      let sum = 0;
      for (let e = successorsEnd[k - 1], end = successorsEnd[k]; e < end; e++) sum += share[successors[e]];
      const v = order[k];
      const paths = sigma[v];
      const dependency = paths * sum;
      share[v] = (1 + dependency) / paths;
      into[v] += dependency;
    }
    for (let k = 0; k < tail; k++) dist[order[k]] = -1;
  };
}
