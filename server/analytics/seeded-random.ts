/**
 * A seeded pseudo-random source for the analytics, so sampled and randomised results are reproducible.
 *
 * Mulberry32 (T. Ettinger, 2017): a 32-bit state, full period 2³², uniform floats in [0, 1). Small and fast;
 * good enough for choosing pivots and visiting orders, not for cryptography.
 */
export type RandomSource = () => number;

export function mulberry32(seed: number): RandomSource {
  return mulberry32Stream(seed).next;
}

/** The Weyl increment of Mulberry32: the state after k draws from seed is seed + k·INCREMENT (mod 2³²). */
const INCREMENT = 0x6d2b79f5;

/** Mulberry32 whose state can be read back, so a stream can be paused (e.g. in another thread) and resumed. */
export function mulberry32Stream(seed: number): { next: RandomSource; state(): number } {
  if (!Number.isFinite(seed)) throw new Error(`mulberry32: seed must be a finite number, got ${seed}`);
  let state = seed >>> 0;
  return {
    next: () => {
      state = (state + INCREMENT) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    state: () => state,
  };
}

/**
 * Seeds of `count` (a power of two, ≤ 2³²) streams that are disjoint stretches of the one Mulberry32 sequence
 * from `seed`: stream i starts i·2³²/count draws in, so no two overlap before a stream has drawn 2³²/count
 * numbers (2²⁸ for 16 streams).
 */
export function streamSeeds(seed: number, count: number): Uint32Array {
  if (!Number.isFinite(seed)) throw new Error(`streamSeeds: seed must be a finite number, got ${seed}`);
  if (!(Number.isInteger(Math.log2(count)) && count >= 1 && count <= 2 ** 32)) {
    throw new Error(`streamSeeds: count must be a power of two, got ${count}`);
  }
  const stride = 2 ** 32 / count;
  // (seed + i·stride·INCREMENT) mod 2³², in exact integer steps: stride·INCREMENT mod 2³² first.
  const step = Number((BigInt(stride) * BigInt(INCREMENT)) % 4294967296n);
  return Uint32Array.from({ length: count }, (_, i) => Number((BigInt(seed >>> 0) + BigInt(i) * BigInt(step)) % 4294967296n));
}

/** Shuffles `items` in place (Fisher–Yates) with the given source. */
export function shuffleInPlace(items: Int32Array, random: RandomSource): Int32Array {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}
