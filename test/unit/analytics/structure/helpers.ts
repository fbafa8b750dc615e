/**
 * Builders shared by the structure-metric tests: snapshots from edge lists, and graphology copies of a
 * snapshot for reference implementations.
 */
import Graph from 'graphology';
import { buildSnapshot, type Snapshot, type SnapshotFirm } from '../../../../server/analytics/snapshot.ts';

function firm(i: number): SnapshotFirm {
  return { id: `F${i}`, name: `Firm ${i}`, tier: 'sme', sector: '29', region: 'Busan', revenue: 1e6, employees: 50 };
}

/** Snapshot of n firms from [supplier, buyer, value] links; `bothWays` adds each link in both directions. */
export function snapshotOf(
  n: number,
  links: readonly (readonly [number, number, number])[],
  bothWays = false,
): Snapshot {
  const firms = Array.from({ length: n }, (_, i) => firm(i));
  const all = links.flatMap(([s, b, value]) => {
    const forward = { supplier: `F${s}`, buyer: `F${b}`, value };
    return bothWays ? [forward, { supplier: `F${b}`, buyer: `F${s}`, value }] : [forward];
  });
  return buildSnapshot(firms, all);
}

/** The snapshot as a directed graphology graph with `weight` = supply value. */
export function directedGraphology(snapshot: Snapshot): Graph {
  const graph = new Graph({ type: 'directed' });
  for (let i = 0; i < snapshot.n; i++) graph.addNode(String(i));
  for (let i = 0; i < snapshot.n; i++) {
    for (let e = snapshot.outOffsets[i]; e < snapshot.outOffsets[i + 1]; e++) {
      graph.addDirectedEdge(String(i), String(snapshot.outTargets[e]), { weight: snapshot.outValues[e] });
    }
  }
  return graph;
}

/** The snapshot as an undirected graphology graph with w_ij = z_ij + z_ji. */
export function undirectedGraphology(snapshot: Snapshot): Graph {
  const graph = new Graph({ type: 'undirected' });
  for (let i = 0; i < snapshot.n; i++) graph.addNode(String(i));
  for (let i = 0; i < snapshot.n; i++) {
    for (let e = snapshot.outOffsets[i]; e < snapshot.outOffsets[i + 1]; e++) {
      const a = String(i);
      const b = String(snapshot.outTargets[e]);
      const w = snapshot.outValues[e];
      if (graph.hasEdge(a, b)) graph.updateEdgeAttribute(a, b, 'weight', (x: number) => x + w);
      else graph.addUndirectedEdge(a, b, { weight: w });
    }
  }
  return graph;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
