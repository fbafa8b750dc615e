/**
 * Ego network on the snapshot: breadth-first from a focal firm, upstream over suppliers (in-CSR) and/or
 * downstream over buyers (out-CSR), up to `depth` hops, keeping links of at least `minValue`, and at most
 * `limit` firms (then `truncated`). The links are those the walk traversed between kept firms, each once.
 * It mirrors the hop-by-hop Cypher walk of the firm service, which is the fallback while no snapshot is
 * current.
 */
import type { Snapshot } from './snapshot.ts';

export interface EgoWalk {
  /** Firms in the order reached, focal first. */
  order: number[];
  /** Hops upstream / downstream per firm, −1 when not reached that way. */
  up: Int32Array;
  down: Int32Array;
  links: [supplier: number, buyer: number, value: number][];
  truncated: boolean;
}

export function egoWalk(
  s: Snapshot,
  focal: number,
  options: { direction: 'upstream' | 'downstream' | 'both'; depth: number; minValue: number; limit: number },
): EgoWalk {
  const up = new Int32Array(s.n).fill(-1);
  const down = new Int32Array(s.n).fill(-1);
  up[focal] = 0;
  down[focal] = 0;
  const order = [focal];
  const kept = new Uint8Array(s.n);
  kept[focal] = 1;
  const seenLinks = new Set<number>();
  const traversed: [number, number, number][] = [];
  let truncated = false;

  const walk = (dist: Int32Array, offsets: Int32Array, others: Int32Array, values: Float64Array, upstream: boolean) => {
    let frontier = [focal];
    for (let hop = 1; hop <= options.depth && frontier.length > 0 && !truncated; hop++) {
      const next: number[] = [];
      for (const f of frontier) {
        for (let p = offsets[f]; p < offsets[f + 1]; p++) {
          const value = values[p];
          if (value < options.minValue) continue;
          const other = others[p];
          if (dist[other] < 0) {
            if (!kept[other] && order.length >= options.limit) {
              truncated = true;
              continue;
            }
            dist[other] = hop;
            next.push(other);
            if (!kept[other]) {
              kept[other] = 1;
              order.push(other);
            }
          }
          const supplier = upstream ? other : f;
          const buyer = upstream ? f : other;
          const key = supplier * s.n + buyer;
          if (!seenLinks.has(key)) {
            seenLinks.add(key);
            traversed.push([supplier, buyer, value]);
          }
        }
      }
      frontier = next;
    }
  };
  if (options.direction !== 'downstream') walk(up, s.inOffsets, s.inSources, s.inValues, true);
  if (options.direction !== 'upstream') walk(down, s.outOffsets, s.outTargets, s.outValues, false);
  return { order, up, down, links: traversed.filter(([a, b]) => kept[a] && kept[b]), truncated };
}
