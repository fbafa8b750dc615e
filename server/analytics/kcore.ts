/**
 * Core number of every firm on the undirected simple graph of supply ties.
 *
 * Batagelj & Zaversnik, "An O(m) algorithm for cores decomposition of networks" (2003): firms are bucket-
 * sorted by degree and peeled in increasing order; a firm's core number is its degree when peeled. The
 * k-core is the largest subgraph in which every firm has at least k partners (networkx `core_number`).
 */
import type { Snapshot } from './snapshot.ts';
import { undirectedIndex } from './structure-index.ts';

export function coreNumbers(snapshot: Snapshot): Int32Array {
  const { n, offsets, neighbours } = undirectedIndex(snapshot);
  const degree = new Int32Array(n);
  let maxDegree = 0;
  for (let v = 0; v < n; v++) {
    degree[v] = offsets[v + 1] - offsets[v];
    if (degree[v] > maxDegree) maxDegree = degree[v];
  }
  // bin[d] = first position of degree d in `vertices`; pos[v] = position of v.
  const bin = new Int32Array(maxDegree + 1);
  for (let v = 0; v < n; v++) bin[degree[v]]++;
  let start = 0;
  for (let d = 0; d <= maxDegree; d++) {
    const count = bin[d];
    bin[d] = start;
    start += count;
  }
  const vertices = new Int32Array(n);
  const pos = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    pos[v] = bin[degree[v]]++;
    vertices[pos[v]] = v;
  }
  for (let d = maxDegree; d > 0; d--) bin[d] = bin[d - 1];
  bin[0] = 0;

  for (let i = 0; i < n; i++) {
    const v = vertices[i];
    const dv = degree[v];
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const u = neighbours[e];
      const du = degree[u];
      if (du > dv) {
        // Swap u with the first firm of its degree bucket, then shrink that bucket by one.
        const pu = pos[u];
        const pw = bin[du];
        const w = vertices[pw];
        if (u !== w) {
          pos[u] = pw;
          vertices[pu] = w;
          pos[w] = pu;
          vertices[pw] = u;
        }
        bin[du]++;
        degree[u] = du - 1;
      }
    }
  }
  return degree;
}
