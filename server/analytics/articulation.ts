/**
 * Articulation points and bridges of the undirected supply network: firms and ties whose removal
 * disconnects part of the network from the rest.
 *
 * Hopcroft & Tarjan, "Algorithm 447: efficient algorithms for graph manipulation", CACM 16(6), 1973:
 * low(v) = min(disc(v), disc of a back-edge end from v's DFS subtree). A non-root v's parent p is an
 * articulation point when low(v) ≥ disc(p); the root is one when it has two or more DFS children; the tie
 * (p, v) is a bridge when low(v) > disc(p). The DFS runs on an explicit stack (no recursion), O(n + m).
 */
import type { Snapshot } from './snapshot.ts';
import { undirectedIndex } from './structure-index.ts';

export interface ArticulationResult {
  /** 1 for articulation points, else 0. */
  isArticulation: Uint8Array;
  /** Articulation points in increasing order. */
  points: Int32Array;
  /** Bridges as pairs [a0, b0, a1, b1, …] with a < b. */
  bridges: Int32Array;
}

export function articulationPoints(snapshot: Snapshot): ArticulationResult {
  const { n, offsets, neighbours } = undirectedIndex(snapshot);
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parent = new Int32Array(n);
  const cursor = new Int32Array(n);
  const stack = new Int32Array(n);
  const isArticulation = new Uint8Array(n);
  const bridges: number[] = [];
  let time = 0;

  for (let root = 0; root < n; root++) {
    if (disc[root] >= 0) continue;
    disc[root] = low[root] = time++;
    parent[root] = -1;
    cursor[root] = offsets[root];
    stack[0] = root;
    let top = 1;
    let rootChildren = 0;
    while (top > 0) {
      const v = stack[top - 1];
      if (cursor[v] < offsets[v + 1]) {
        const w = neighbours[cursor[v]++];
        if (disc[w] < 0) {
          parent[w] = v;
          disc[w] = low[w] = time++;
          cursor[w] = offsets[w];
          stack[top++] = w;
          if (v === root) rootChildren++;
        } else if (w !== parent[v] && disc[w] < low[v]) {
          low[v] = disc[w];
        }
      } else {
        top--;
        const p = parent[v];
        if (p < 0) continue;
        if (low[v] < low[p]) low[p] = low[v];
        if (p !== root && low[v] >= disc[p]) isArticulation[p] = 1;
        if (low[v] > disc[p]) bridges.push(Math.min(p, v), Math.max(p, v));
      }
    }
    if (rootChildren > 1) isArticulation[root] = 1;
  }

  let count = 0;
  for (let v = 0; v < n; v++) count += isArticulation[v];
  const points = new Int32Array(count);
  for (let v = 0, k = 0; v < n; v++) if (isArticulation[v]) points[k++] = v;
  return { isArticulation, points, bridges: Int32Array.from(bridges) };
}
