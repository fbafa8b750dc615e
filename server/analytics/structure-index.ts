/**
 * Shared input checks and the undirected view of the snapshot used by the structure metrics
 * (k-core, constraint, Louvain, articulation points).
 *
 * The undirected view joins i and j when either supplies the other; the tie's weight is the sum of both
 * directions, w_ij = z_ij + z_ji ("mutual ties add", as networkx's `constraint` treats a DiGraph). It is
 * built once per snapshot in O(n + m) and cached: snapshots are never mutated after they are built.
 */
import type { Snapshot } from './snapshot.ts';

export interface UndirectedIndex {
  readonly n: number;
  /** Number of undirected ties (unordered pairs with a supply in at least one direction). */
  readonly edges: number;
  /** For firm i, partners neighbours[offsets[i]..offsets[i+1]) in increasing order, tie weights in `weights`. */
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
  readonly weights: Float64Array;
  /** Σ_j w_ij, the firm's total trade with the network in both directions. */
  readonly strength: Float64Array;
}

/** Throws an error naming `caller` unless `snapshot` has consistent CSR arrays. */
export function assertSnapshot(snapshot: Snapshot, caller: string): void {
  if (snapshot === null || typeof snapshot !== 'object') {
    throw new Error(`${caller}: expected a snapshot, got ${snapshot === null ? 'null' : typeof snapshot}`);
  }
  const { n, m } = snapshot;
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(m) || m < 0) {
    throw new Error(`${caller}: the snapshot's n (${n}) and m (${m}) must be non-negative integers`);
  }
  const ok =
    snapshot.outOffsets?.length === n + 1 &&
    snapshot.inOffsets?.length === n + 1 &&
    snapshot.outTargets?.length === m &&
    snapshot.outValues?.length === m &&
    snapshot.inSources?.length === m &&
    snapshot.inValues?.length === m &&
    snapshot.outOffsets[n] === m &&
    snapshot.inOffsets[n] === m;
  if (!ok) throw new Error(`${caller}: the snapshot's CSR arrays do not match its n (${n}) and m (${m})`);
}

/** Throws unless every supply value is finite and non-negative (weights of a flow network). */
export function assertValues(values: Float64Array, caller: string): void {
  for (let e = 0; e < values.length; e++) {
    const v = values[e];
    if (!(v >= 0) || v === Infinity) {
      throw new Error(`${caller}: supply values must be finite and non-negative, found ${v} at link ${e}`);
    }
  }
}

const cache = new WeakMap<Snapshot, UndirectedIndex>();

/** The undirected, value-weighted view of the snapshot (cached per snapshot). */
export function undirectedIndex(snapshot: Snapshot): UndirectedIndex {
  const cached = cache.get(snapshot);
  if (cached) return cached;
  assertSnapshot(snapshot, 'undirectedIndex');
  assertValues(snapshot.outValues, 'undirectedIndex');
  const index = buildUndirected(snapshot);
  cache.set(snapshot, index);
  return index;
}

function buildUndirected(s: Snapshot): UndirectedIndex {
  const { n, outOffsets, outTargets, outValues, inOffsets, inSources, inValues } = s;
  // stamp[j] = i + 1 while visiting i and j is already a partner of i; slot[j] = its place in the scratch row.
  const stamp = new Int32Array(n);
  const slot = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  let widest = 0;
  for (let i = 0; i < n; i++) {
    let count = outOffsets[i + 1] - outOffsets[i];
    for (let e = outOffsets[i]; e < outOffsets[i + 1]; e++) stamp[outTargets[e]] = i + 1;
    for (let e = inOffsets[i]; e < inOffsets[i + 1]; e++) if (stamp[inSources[e]] !== i + 1) count++;
    offsets[i + 1] = offsets[i] + count;
    if (count > widest) widest = count;
  }
  stamp.fill(0);
  const total = offsets[n];
  const neighbours = new Int32Array(total);
  const weights = new Float64Array(total);
  const strength = new Float64Array(n);
  const cursor = offsets.slice(0, n);
  const rowPartners = new Int32Array(widest);
  const rowWeights = new Float64Array(widest);
  // Merge i's two directions into a scratch row, then write i into each partner's row. Visiting i in
  // increasing order leaves every row sorted by partner.
  for (let i = 0; i < n; i++) {
    let size = 0;
    for (let e = outOffsets[i]; e < outOffsets[i + 1]; e++) {
      const j = outTargets[e];
      stamp[j] = i + 1;
      slot[j] = size;
      rowPartners[size] = j;
      rowWeights[size++] = outValues[e];
    }
    for (let e = inOffsets[i]; e < inOffsets[i + 1]; e++) {
      const j = inSources[e];
      if (stamp[j] === i + 1) {
        rowWeights[slot[j]] += inValues[e];
      } else {
        rowPartners[size] = j;
        rowWeights[size++] = inValues[e];
      }
    }
    let sum = 0;
    for (let k = 0; k < size; k++) {
      const j = rowPartners[k];
      const p = cursor[j]++;
      neighbours[p] = i;
      weights[p] = rowWeights[k];
      sum += rowWeights[k];
    }
    strength[i] = sum;
  }
  return { n, edges: total / 2, offsets, neighbours, weights, strength };
}

/**
 * reverse[e] is the slot of the tie (j, i) when slot e holds (i, j). Relies on sorted rows: visiting i in
 * increasing order meets the entries of each row j in order.
 */
export function reverseSlots(index: UndirectedIndex): Int32Array {
  const { n, offsets, neighbours } = index;
  const cursor = offsets.slice(0, n);
  const reverse = new Int32Array(neighbours.length);
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) reverse[e] = cursor[neighbours[e]]++;
  }
  return reverse;
}
