/**
 * Betweenness with an (ε, δ) guarantee by adaptive sampling of shortest paths: KADABRA (Borassi & Natale,
 * "KADABRA is an ADaptive Algorithm for Betweenness via Random Approximation", ESA 2016, Algorithm 1),
 * on the directed supply network, unweighted hops.
 *
 * Each sample draws a pair s ≠ t uniformly and one of its shortest paths uniformly (shortest-path-sampler.ts);
 * b̃(v) = (paths through v as an internal firm) / τ estimates b(v) = Σ_{s≠t} σ_st(v)/σ_st / (n(n − 1)).
 * Ours is normalised by (n − 1)(n − 2) (betweenness.ts), so C(v) = b(v)·n/(n − 2) and ε is scaled alike.
 *
 *   ω = c/λ² (⌊log₂(VD − 2)⌋ + 1 + ln(2/δ)),  c = 1/2            (Riondato & Kornaropoulos 2016: τ = ω
 *                                                                   samples alone give |b̃ − b| ≤ λ w.p. 1 − δ/2)
 *   stop at τ < ω once, for every v,  f(b̃(v)) ≤ λ and g(b̃(v)) ≤ λ, with L = ln(1/δ_v):
 *   f = L/τ (1/3 − ω/τ + √((1/3 − ω/τ)² + 2 b̃ ω / L)),  g = L/τ (1/3 + ω/τ + √((1/3 + ω/τ)² + 2 b̃ ω / L))
 *
 * Then b̃(v) − f ≤ b(v) ≤ b̃(v) + g for every v with probability ≥ 1 − δ (the paper's correctness theorem, with
 * Σ_v δ_L(v) + δ_U(v) ≤ δ/2). We spend δ/2 evenly, δ_L = δ_U = δ/(4n), instead of the paper's per-firm split
 * from a preliminary sample: simpler, still valid, a little more conservative. Since g ≥ f and both grow with
 * b̃, the condition holds for every firm once g(max b̃) ≤ λ, an O(1) test made every few samples.
 *
 * VD is an upper bound on the vertex diameter (vertex-diameter.ts). The estimate is reproducible: pairs and
 * paths come from a seeded Mulberry32.
 */
import type { Snapshot } from './snapshot.ts';
import { assertSnapshot } from './structure-index.ts';
import { mulberry32 } from './seeded-random.ts';
import { shortestPathSampler } from './shortest-path-sampler.ts';
import { vertexDiameterBound } from './vertex-diameter.ts';

export interface KadabraOptions {
  /** Largest absolute error of any firm's normalised betweenness. */
  epsilon: number;
  /** Probability that some firm's error exceeds the achieved ε, in (0, 1). */
  delta: number;
  seed: number;
  /** Called with the fraction of the worst-case sample count ω taken, about every 1%. */
  onProgress?: (fraction: number) => void;
}

export const KADABRA_DEFAULTS: Readonly<KadabraOptions> = {
  epsilon: 1e-3,
  delta: 0.05,
  seed: 1,
};

/** The universal constant of the VC-dimension sample bound, as the paper uses it. */
const C = 0.5;
/** Samples between two stopping tests (each O(1)). */
const CHECK_EVERY = 64;

export interface KadabraResult {
  /** Normalised betweenness of every firm, by (n − 1)(n − 2). */
  values: Float64Array;
  /** Paths sampled, τ. */
  samples: number;
  /** Worst-case sample count ω; τ = ω means the adaptive rule did not stop earlier. */
  maxSamples: number;
  /** Upper bound on the most firms on a shortest path. */
  vertexDiameterBound: number;
  /** The error bound achieved: every firm's |estimate − exact| ≤ epsilon with probability ≥ 1 − delta. */
  epsilon: number;
  delta: number;
}

export function kadabraBetweenness(snapshot: Snapshot, options: Partial<KadabraOptions> = {}): KadabraResult {
  const { epsilon, delta, seed, onProgress } = { ...KADABRA_DEFAULTS, ...options };
  assertSnapshot(snapshot, 'kadabraBetweenness');
  if (!(epsilon > 0 && epsilon < 1)) throw new Error(`kadabraBetweenness: epsilon must be in (0, 1), got ${epsilon}`);
  if (!(delta > 0 && delta < 1)) throw new Error(`kadabraBetweenness: delta must be in (0, 1), got ${delta}`);

  const n = snapshot.n;
  const values = new Float64Array(n);
  const vertexDiameter = vertexDiameterBound(snapshot);
  // No shortest path has an internal firm: every value is exactly 0.
  if (n <= 2 || vertexDiameter <= 2) {
    onProgress?.(1);
    return { values, samples: 0, maxSamples: 0, vertexDiameterBound: vertexDiameter, epsilon: 0, delta };
  }

  const toOurs = n / (n - 2);
  const lambda = epsilon / toOurs;
  const omega = Math.ceil((C / (lambda * lambda)) * (Math.floor(Math.log2(vertexDiameter - 2)) + 1 + Math.log(2 / delta)));
  const L = Math.log((4 * n) / delta);
  const upper = (b: number, tau: number) => {
    const a = omega / tau + 1 / 3;
    return (L / tau) * (a + Math.sqrt(a * a + (2 * b * omega) / L));
  };

  const sampler = shortestPathSampler(snapshot);
  const random = mulberry32(seed);
  const counts = new Float64Array(n);
  let most = 0;
  let tau = 0;
  let stoppedEarly = false;
  const every = Math.max(CHECK_EVERY, Math.floor(omega / 100));
  while (tau < omega) {
    const s = Math.floor(random() * n);
    let t = Math.floor(random() * (n - 1));
    if (t >= s) t++;
    const k = sampler.sample(s, t, random);
    for (let i = 0; i < k; i++) {
      const c = ++counts[sampler.internal[i]];
      if (c > most) most = c;
    }
    tau++;
    if (tau % CHECK_EVERY === 0 && upper(most / tau, tau) <= lambda) {
      stoppedEarly = true;
      break;
    }
    if (onProgress && tau % every === 0) onProgress(tau / omega);
  }
  onProgress?.(1);

  const scale = toOurs / tau;
  for (let v = 0; v < n; v++) values[v] = counts[v] * scale;
  // Stopped by the rule: the bound it certified (≤ ε). Ran to ω: the sample bound's ε.
  const achieved = stoppedEarly ? upper(most / tau, tau) * toOurs : epsilon;
  return { values, samples: tau, maxSamples: omega, vertexDiameterBound: vertexDiameter, epsilon: achieved, delta };
}
