/**
 * Betweenness with an (ε, δ) guarantee by adaptive sampling of shortest paths: KADABRA (Borassi & Natale,
 * "KADABRA is an ADaptive Algorithm for Betweenness via Random Approximation", ESA 2016, Algorithm 1 and the
 * top-k variant of §5), on the directed supply network, unweighted hops.
 *
 * Each sample draws a pair s ≠ t uniformly and one of its shortest paths uniformly (shortest-path-sampler.ts);
 * b̃(v) = (paths through v as an internal firm) / τ estimates b(v) = Σ_{s≠t} σ_st(v)/σ_st / (n(n − 1)).
 * Ours is normalised by (n − 1)(n − 2) (betweenness.ts), so C(v) = b(v)·n/(n − 2) and ε is scaled alike.
 *
 *   ω = c/λ² (⌊log₂(VD − 2)⌋ + 1 + ln(2/δ)),  c = 1/2            (Riondato & Kornaropoulos 2016: τ = ω
 *                                                                   samples alone give |b̃ − b| ≤ λ w.p. 1 − δ/2)
 *   with L_v = ln(1/δ_v) and, at τ < ω samples,
 *   f = L/τ (−(ω/τ − 1/3) + √((ω/τ − 1/3)² + 2 b̃ ω / L)),  g = L/τ (1/3 + ω/τ + √((1/3 + ω/τ)² + 2 b̃ ω / L))
 *
 * b̃(v) − f ≤ b(v) ≤ b̃(v) + g for every v, at whatever τ the rule stops, with probability ≥ 1 − δ (the paper's
 * correctness theorem, given Σ_v δ_L(v) + δ_U(v) ≤ δ/2 fixed before sampling). Two stopping rules:
 *
 *  - every firm (topK = 0): stop once f, g ≤ λ for every firm. δ_v = δ/(4n) per tail; since g ≥ f and both
 *    grow with b̃, testing g at the largest b̃ covers every firm, an O(1) test made every few samples.
 *  - top k (topK = k > 0, §5): stop once each of the k highest estimates either has an interval disjoint from
 *    those of its neighbours in the ranking (so its rank is certain) or is within λ, and every other firm is
 *    either certainly below the k-th or within λ. Firms that rank far apart separate long before their
 *    intervals shrink to λ, so the top of the ranking costs fewer samples. The δ split comes from a
 *    preliminary sample of ω/100 paths (then discarded, so the split does not depend on the main sample):
 *    its U = max(k + 20, 2√m) highest firms, the candidates, get δ/(8U) per tail and the others δ/(8(n − U)),
 *    a smaller L for the firms whose intervals decide the stop (the paper splits by a per-firm guess instead).
 *
 * The result states the uniform bound achieved (every firm within it, w.p. ≥ 1 − δ); in the top-k rule a
 * separated firm's interval may be wider than ε, so that bound may exceed ε. VD is an upper bound on the
 * vertex diameter (vertex-diameter.ts).
 *
 * Streams. Sample number j of a phase (preliminary, main) is drawn by stream j mod STREAMS, each stream a
 * disjoint stretch of one seeded Mulberry32 sequence (seeded-random.ts streamSeeds) that continues from
 * phase to phase. The rule is tested at fixed τ on the counts of all streams together, so the streams can be
 * advanced in any order and by any number of threads (kadabraBetweennessWith) and the estimate, τ and the
 * stopping point are the same for a given seed: counts are whole numbers, so their sums do not depend on
 * which thread added what.
 */
import type { Snapshot } from './snapshot.ts';
import { assertSnapshot } from './structure-index.ts';
import { mulberry32Stream, streamSeeds } from './seeded-random.ts';
import { shortestPathSampler, type SamplerGraph, type ShortestPathSampler } from './shortest-path-sampler.ts';
import { vertexDiameterBound } from './vertex-diameter.ts';

export interface KadabraOptions {
  /** Largest absolute error of a firm whose rank is not certified (of every firm when topK is 0). */
  epsilon: number;
  /** Probability that some firm's value lies outside its stated interval, in (0, 1). */
  delta: number;
  /** Stop when the top `topK` ranks are certified or within ε (0: when every firm is within ε). */
  topK: number;
  seed: number;
  /** Called with an estimate of the fraction of the sampling done, about every 1%. */
  onProgress?: (fraction: number) => void;
}

export const KADABRA_DEFAULTS: Readonly<KadabraOptions> = {
  epsilon: 1e-3,
  delta: 0.05,
  topK: 0,
  seed: 1,
};

/** The universal constant of the VC-dimension sample bound, as the paper uses it. */
const C = 0.5;
/** Samples between the first stopping tests of the every-firm rule. */
const CHECK_EVERY = 64;
/** The preliminary sample of the top-k rule, as a fraction of ω (networkit's startFactor). */
const PRELIMINARY_SHARE = 0.01;

export interface KadabraResult {
  /** Normalised betweenness of every firm, by (n − 1)(n − 2). */
  values: Float64Array;
  /** Paths sampled, τ (the top-k rule's preliminary sample not included). */
  samples: number;
  /** Worst-case sample count ω; τ = ω means the adaptive rule did not stop earlier. */
  maxSamples: number;
  /** Upper bound on the most firms on a shortest path. */
  vertexDiameterBound: number;
  /** The error bound achieved: every firm's |estimate − exact| ≤ epsilon with probability ≥ 1 − delta. */
  epsilon: number;
  delta: number;
  /** The topK highest estimates, highest first (empty when topK is 0). */
  top: Int32Array;
  /** certified[i] = 1 when top[i]'s interval is disjoint from its neighbours' (its rank is certain w.p. ≥ 1 − δ). */
  certified: Uint8Array;
}

/** The fixed number of sample streams (a power of two; at most this many threads can share the sampling). */
export const STREAMS = 16;

/** What the rule asks for next: every stream brought to its share of `tau` samples of `phase`. */
export interface SampleRequest {
  phase: 'preliminary' | 'main';
  tau: number;
}

/** Samples of a phase with total τ that stream i draws: those j < τ with j mod STREAMS = i. */
export function streamShare(tau: number, stream: number): number {
  return tau > stream ? Math.floor((tau - 1 - stream) / STREAMS) + 1 : 0;
}

/**
 * Draws `samples` uniform pairs and one shortest path of each from a stream (its state given, its new state
 * returned), adding 1 to `counts` for each internal firm.
 */
export function drawSamples(graph: SamplerGraph, sampler: ShortestPathSampler, counts: Int32Array, state: number, samples: number): number {
  const stream = mulberry32Stream(state);
  const random = stream.next;
  const { n } = graph;
  const { internal } = sampler;
  for (let k = 0; k < samples; k++) {
    const s = Math.floor(random() * n);
    let t = Math.floor(random() * (n - 1));
    if (t >= s) t++;
    const count = sampler.sample(s, t, random);
    for (let i = 0; i < count; i++) counts[internal[i]]++;
  }
  return stream.state();
}

/**
 * Brings the streams to each request of the rule and answers with the counts of all streams together, in
 * this thread or in others. Counts restart at zero when the phase changes; stream states carry on.
 */
export interface StreamDriver {
  advance(request: SampleRequest, streams: StreamPosition[]): Int32Array | Promise<Int32Array>;
}

/** A stream's state and the samples it has drawn in the current phase. */
export interface StreamPosition {
  state: number;
  drawn: number;
}

export function kadabraBetweenness(snapshot: Snapshot, options: Partial<KadabraOptions> = {}): KadabraResult {
  const plan = kadabraPlan(snapshot, options);
  const counts = new Int32Array(snapshot.n);
  let sampler: ShortestPathSampler | null = null;
  let phase: SampleRequest['phase'] | null = null;
  const streams = initialStreams(plan.seed);
  const rule = plan.rule();
  let step = rule.next();
  while (!step.done) {
    const request = step.value;
    if (request.phase !== phase) {
      phase = request.phase;
      counts.fill(0);
      for (const p of streams) p.drawn = 0;
    }
    sampler ??= shortestPathSampler(snapshot);
    streams.forEach((p, i) => {
      const target = streamShare(request.tau, i);
      p.state = drawSamples(snapshot, sampler!, counts, p.state, target - p.drawn);
      p.drawn = target;
    });
    step = rule.next(counts);
  }
  return step.value;
}

/**
 * kadabraBetweenness with the sampling left to `driver` (e.g. worker threads, services/workers/computePool.ts);
 * the same result for the same seed.
 */
export async function kadabraBetweennessWith(snapshot: Snapshot, options: Partial<KadabraOptions>, driver: StreamDriver): Promise<KadabraResult> {
  const plan = kadabraPlan(snapshot, options);
  const streams = initialStreams(plan.seed);
  const rule = plan.rule();
  let step = rule.next();
  while (!step.done) step = rule.next(await driver.advance(step.value, streams));
  return step.value;
}

function initialStreams(seed: number): StreamPosition[] {
  return Array.from(streamSeeds(seed, STREAMS), (state) => ({ state, drawn: 0 }));
}

/** Checks the options and sets up the rule: a generator of sample requests, answered with the counts. */
function kadabraPlan(snapshot: Snapshot, options: Partial<KadabraOptions>): { seed: number; rule: () => Generator<SampleRequest, KadabraResult, Int32Array> } {
  const { epsilon, delta, topK, seed, onProgress } = { ...KADABRA_DEFAULTS, ...options };
  assertSnapshot(snapshot, 'kadabraBetweenness');
  if (!(epsilon > 0 && epsilon < 1)) throw new Error(`kadabraBetweenness: epsilon must be in (0, 1), got ${epsilon}`);
  if (!(delta > 0 && delta < 1)) throw new Error(`kadabraBetweenness: delta must be in (0, 1), got ${delta}`);
  if (!(Number.isInteger(topK) && topK >= 0)) throw new Error(`kadabraBetweenness: topK must be a whole number ≥ 0, got ${topK}`);
  if (!Number.isFinite(seed)) throw new Error(`kadabraBetweenness: seed must be a finite number, got ${seed}`);

  function* rule(): Generator<SampleRequest, KadabraResult, Int32Array> {
    const n = snapshot.n;
    const values = new Float64Array(n);
    const vertexDiameter = vertexDiameterBound(snapshot);
    // No shortest path has an internal firm: every value is exactly 0.
    if (n <= 2 || vertexDiameter <= 2) {
      onProgress?.(1);
      return { values, samples: 0, maxSamples: 0, vertexDiameterBound: vertexDiameter, epsilon: 0, delta, top: new Int32Array(0), certified: new Uint8Array(0) };
    }

    const toOurs = n / (n - 2);
    const lambda = epsilon / toOurs;
    const omega = Math.ceil((C / (lambda * lambda)) * (Math.floor(Math.log2(vertexDiameter - 2)) + 1 + Math.log(2 / delta)));
    const bounds = intervalBounds(omega);
    const run =
      topK === 0
        ? yield* everyFirm(n, omega, lambda, Math.log((4 * n) / delta), bounds, onProgress)
        : yield* topRanks(snapshot, Math.min(topK, n), omega, lambda, delta, bounds, onProgress);
    onProgress?.(1);

    const scale = toOurs / run.tau;
    for (let v = 0; v < n; v++) values[v] = run.counts[v] * scale;
    return {
      values,
      samples: run.tau,
      maxSamples: omega,
      vertexDiameterBound: vertexDiameter,
      // Stopped by the rule: the bound it certified. Ran to ω: the sample bound's ε as well.
      epsilon: (run.tau >= omega ? Math.min(run.bound, lambda) : run.bound) * toOurs,
      delta,
      top: run.top,
      certified: run.certified,
    };
  }
  return { seed, rule };
}

interface Bounds {
  /** f: how far below b̃ the value may lie. */
  lower(b: number, tau: number, L: number): number;
  /** g: how far above. */
  upper(b: number, tau: number, L: number): number;
}

function intervalBounds(omega: number): Bounds {
  return {
    lower(b, tau, L) {
      const a = omega / tau - 1 / 3;
      return Math.min(b, (L / tau) * (-a + Math.sqrt(a * a + (2 * b * omega) / L)));
    },
    upper(b, tau, L) {
      const a = omega / tau + 1 / 3;
      return (L / tau) * (a + Math.sqrt(a * a + (2 * b * omega) / L));
    },
  };
}

interface Run {
  counts: Int32Array;
  tau: number;
  /** The widest interval half-width over all firms when sampling stopped (in b's scale). */
  bound: number;
  top: Int32Array;
  certified: Uint8Array;
}

/** Stopping tests of the every-firm rule: every CHECK_EVERY samples at first, then every 0.5% of τ. */
function nextEveryFirmCheck(tau: number): number {
  return tau + Math.max(CHECK_EVERY, Math.floor(tau / 200));
}

function* everyFirm(n: number, omega: number, lambda: number, L: number, bounds: Bounds, onProgress?: (f: number) => void): Generator<SampleRequest, Run, Int32Array> {
  let counts: Int32Array = new Int32Array(n);
  let most = 0;
  let tau = 0;
  while (tau < omega) {
    tau = Math.min(nextEveryFirmCheck(tau), omega);
    counts = yield { phase: 'main', tau };
    most = 0;
    for (let v = 0; v < n; v++) if (counts[v] > most) most = counts[v];
    if (bounds.upper(most / tau, tau, L) <= lambda) break;
    onProgress?.(tau / omega);
  }
  return { counts, tau, bound: bounds.upper(most / tau, tau, L), top: new Int32Array(0), certified: new Uint8Array(0) };
}

function* topRanks(
  snapshot: Snapshot,
  k: number,
  omega: number,
  lambda: number,
  delta: number,
  bounds: Bounds,
  onProgress?: (f: number) => void,
): Generator<SampleRequest, Run, Int32Array> {
  const { n, m } = snapshot;
  // The preliminary sample picks the candidates; it is then discarded.
  const preliminary = Math.max(1, Math.ceil(omega * PRELIMINARY_SHARE));
  let counts = yield { phase: 'preliminary', tau: preliminary };
  const size = Math.min(n, Math.max(k + 20, Math.ceil(2 * Math.sqrt(m))));
  const candidates = highest(counts, size);
  const isCandidate = new Uint8Array(n);
  for (const v of candidates) isCandidate[v] = 1;
  const Lc = size < n ? Math.log((8 * size) / delta) : Math.log((4 * n) / delta);
  const Lrest = size < n ? Math.log((8 * (n - size)) / delta) : 0;

  const lower = new Float64Array(size);
  const upper = new Float64Array(size);
  const certified = new Uint8Array(k);
  let mostRest = 0;
  let tau = 0;
  let nextCheck = 64;
  let bound = Infinity;
  while (tau < omega) {
    tau = Math.min(nextCheck, omega);
    counts = yield { phase: 'main', tau };
    mostRest = 0;
    for (let v = 0; v < n; v++) if (isCandidate[v] === 0 && counts[v] > mostRest) mostRest = counts[v];
    nextCheck = tau + Math.max(64, Math.floor(tau / 50));
    const check = test();
    bound = check.bound;
    if (check.done) break;
    onProgress?.(Math.max(tau / omega, Math.min(0.99, (lambda / check.widest) ** 2)));
  }
  return { counts, tau, bound, top: candidates.slice(0, k), certified };

  /**
   * Sorts the candidates by estimate and tests the rule. Returns whether it holds, the widest half-width of
   * any firm (the uniform bound) and the widest of the firms that still hold the rule up.
   */
  function test(): { done: boolean; bound: number; widest: number } {
    candidates.sort((a, b) => counts[b] - counts[a]);
    const rest = mostRest / tau;
    const restUpper = size < n ? bounds.upper(rest, tau, Lrest) : 0;
    let widestAll = restUpper;
    for (let i = 0; i < size; i++) {
      const b = counts[candidates[i]] / tau;
      lower[i] = bounds.lower(b, tau, Lc);
      upper[i] = bounds.upper(b, tau, Lc);
      widestAll = Math.max(widestAll, lower[i], upper[i]);
    }
    const est = (i: number) => counts[candidates[i]] / tau;
    const restTop = rest + restUpper;
    const kthLow = est(k - 1) - lower[k - 1];
    let done = true;
    let widest = 0;
    const settle = (finished: boolean, width: number) => {
      if (!finished) {
        done = false;
        widest = Math.max(widest, width);
      }
    };
    for (let i = 0; i < size; i++) {
      const within = lower[i] <= lambda && upper[i] <= lambda;
      const low = est(i) - lower[i];
      let separated: boolean;
      if (i < k) {
        const aboveClear = i === 0 || est(i - 1) - lower[i - 1] > est(i) + upper[i];
        const belowClear = (i + 1 >= size || low > est(i + 1) + upper[i + 1]) && (size >= n || low > restTop);
        separated = aboveClear && belowClear;
        certified[i] = separated ? 1 : 0;
      } else {
        separated = kthLow > est(i) + upper[i];
      }
      settle(separated || within, Math.max(lower[i], upper[i]));
    }
    if (size < n) settle(restUpper <= lambda || kthLow > restTop, restUpper);
    return { done, bound: widestAll, widest };
  }
}

/** The `size` firms with the highest counts (ties by firm number). */
function highest(counts: Int32Array, size: number): Int32Array {
  const order = new Int32Array(counts.length);
  for (let v = 0; v < order.length; v++) order[v] = v;
  order.sort((a, b) => counts[b] - counts[a] || a - b);
  return order.slice(0, size);
}
