/**
 * An upper bound on the vertex diameter of a directed graph: the most firms on any shortest path.
 * KADABRA's and Riondato–Kornaropoulos' sample sizes need it (through ⌊log₂(VD − 2)⌋, so a loose bound costs
 * little), and the exact directed diameter would take a BFS from every firm.
 *
 * A shortest path cannot leave a strongly connected component and come back (that would close a cycle in
 * the condensation), so it crosses the components along one path of the condensation DAG, and its stretch
 * inside a component C is a shortest path of G[C]: at most diam(C) ≤ ecc_in(r) + ecc_out(r) hops for any
 * r ∈ C (d(u, v) ≤ d(u, r) + d(r, v)), both eccentricities taken inside C. The bound is the heaviest path of
 * the condensation with those weights plus one hop per crossing. O(n + m): Tarjan's components (iterative),
 * two BFS per component restricted to it, one pass over the DAG.
 */
import type { Snapshot } from './snapshot.ts';

export function vertexDiameterBound(snapshot: Snapshot): number {
  const { n } = snapshot;
  if (n === 0) return 0;
  const { component, order, starts, count } = stronglyConnectedComponents(snapshot);
  // hops[c]: most hops of a shortest path that starts in component c. Tarjan emits a component only after
  // every component reachable from it, so those are final when c is reached.
  const hops = new Int32Array(count);
  const dist = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  for (let c = 0; c < count; c++) {
    const first = starts[c];
    const end = starts[c + 1];
    let within = 0;
    if (end - first > 1) {
      const root = order[first];
      within =
        eccentricityInside(root, c, component, snapshot.outOffsets, snapshot.outTargets, dist, queue) +
        eccentricityInside(root, c, component, snapshot.inOffsets, snapshot.inSources, dist, queue);
    }
    let beyond = 0;
    for (let k = first; k < end; k++) {
      const v = order[k];
      for (let e = snapshot.outOffsets[v]; e < snapshot.outOffsets[v + 1]; e++) {
        const d = component[snapshot.outTargets[e]];
        if (d !== c && 1 + hops[d] > beyond) beyond = 1 + hops[d];
      }
    }
    hops[c] = within + beyond;
  }
  let most = 0;
  for (let c = 0; c < count; c++) if (hops[c] > most) most = hops[c];
  return Math.min(n, most + 1);
}

/** Largest BFS distance from root along the given CSR, inside the root's component; resets `dist` after. */
function eccentricityInside(
  root: number,
  c: number,
  component: Int32Array,
  offsets: Int32Array,
  targets: Int32Array,
  dist: Int32Array,
  queue: Int32Array,
): number {
  queue[0] = root;
  dist[root] = 0;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const v = queue[head++];
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const w = targets[e];
      if (dist[w] < 0 && component[w] === c) {
        dist[w] = dist[v] + 1;
        queue[tail++] = w;
      }
    }
  }
  const eccentricity = dist[queue[tail - 1]];
  for (let k = 0; k < tail; k++) dist[queue[k]] = -1;
  return eccentricity;
}

/**
 * Tarjan (1972), iterative. Components are numbered in the order Tarjan completes them (reverse
 * topological: every component reachable from c has a smaller number); the members of c are
 * order[starts[c]..starts[c + 1]).
 */
export function stronglyConnectedComponents(snapshot: Snapshot) {
  const { n, outOffsets, outTargets } = snapshot;
  const indexOf = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const callStack = new Int32Array(n);
  const nextEdge = new Int32Array(n);
  const order = new Int32Array(n);
  const startsList: number[] = [0];
  let stackTop = 0;
  let counter = 0;
  let count = 0;
  let placed = 0;
  for (let root = 0; root < n; root++) {
    if (indexOf[root] >= 0) continue;
    let depth = 0;
    callStack[0] = root;
    indexOf[root] = low[root] = counter++;
    nextEdge[root] = outOffsets[root];
    stack[stackTop++] = root;
    while (depth >= 0) {
      const v = callStack[depth];
      if (nextEdge[v] < outOffsets[v + 1]) {
        const w = outTargets[nextEdge[v]++];
        if (indexOf[w] < 0) {
          indexOf[w] = low[w] = counter++;
          nextEdge[w] = outOffsets[w];
          stack[stackTop++] = w;
          callStack[++depth] = w;
        } else if (component[w] < 0 && indexOf[w] < low[v]) {
          low[v] = indexOf[w];
        }
        continue;
      }
      if (low[v] === indexOf[v]) {
        let w;
        do {
          w = stack[--stackTop];
          component[w] = count;
          order[placed++] = w;
        } while (w !== v);
        count++;
        startsList.push(placed);
      }
      depth--;
      if (depth >= 0) {
        const parent = callStack[depth];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
    }
  }
  return { component, order, starts: Int32Array.from(startsList), count };
}
