/**
 * The snapshot's first pair merge (a Map keyed by s·n + b, then counting sorts), kept as the reference that
 * the typed-array build must reproduce exactly, and as the benchmark's baseline for it.
 */
import type { SnapshotLink } from '../../../server/analytics/snapshot.ts';

export function referenceCsr(ids: string[], links: readonly SnapshotLink[]) {
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const pairYear = new Map<number, number>();
  const pairValue = new Map<number, number>();
  for (const l of links) {
    const s = index.get(l.supplier)!;
    const b = index.get(l.buyer)!;
    if (s === b) continue;
    const key = s * n + b;
    const y = l.year ?? 0;
    const seen = pairYear.get(key);
    if (seen === undefined || y > seen) {
      pairYear.set(key, y);
      pairValue.set(key, l.value);
    } else if (y === seen) {
      pairValue.set(key, (pairValue.get(key) ?? 0) + l.value);
    }
  }
  const m = pairValue.size;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const val = new Float64Array(m);
  let e = 0;
  for (const [key, v] of pairValue) {
    src[e] = Math.floor(key / n);
    dst[e] = key - src[e] * n;
    val[e] = v;
    e++;
  }
  return { m, out: csr(n, src, dst, val), inn: csr(n, dst, src, val) };
}

function csr(n: number, from: Int32Array, to: Int32Array, values: Float64Array) {
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < from.length; e++) offsets[from[e] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const cursor = offsets.slice(0, n);
  const targets = new Int32Array(from.length);
  const vals = new Float64Array(from.length);
  for (let e = 0; e < from.length; e++) {
    const p = cursor[from[e]]++;
    targets[p] = to[e];
    vals[p] = values[e];
  }
  return { offsets, targets, values: vals };
}
