/**
 * A seeded pseudo-random source for the analytics, so sampled and randomised results are reproducible.
 *
 * Mulberry32 (T. Ettinger, 2017): a 32-bit state, full period 2³², uniform floats in [0, 1). Small and fast;
 * good enough for choosing pivots and visiting orders, not for cryptography.
 */
export type RandomSource = () => number;

export function mulberry32(seed: number): RandomSource {
  if (!Number.isFinite(seed)) throw new Error(`mulberry32: seed must be a finite number, got ${seed}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
