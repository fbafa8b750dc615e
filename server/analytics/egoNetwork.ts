/**
 * Ego network on the snapshot: the firms within `depth` hops of a focal firm, upstream over suppliers
 * (in-CSR) and/or downstream over buyers (out-CSR), following links whose model value (per pair, the
 * latest year's total) is at least `minValue`; and the links of at least `minValue` among the kept firms.
 *
 * Breadth-first with the directions interleaved (hop 1 up, hop 1 down, hop 2 up, …), so the closest firms
 * on both sides are kept first. At most `limit` firms are kept (then `truncated`); the firms a step reaches
 * anew are kept strongest link first, ties by id, so the result never depends on storage order. The limit
 * only stops new firms: a kept firm reached the other way still gets that distance and is walked on.
 *
 * The links are the subgraph induced on the kept firms, including those the walk did not traverse
 * (between two firms of the last hop, between an upstream and a downstream firm), so that planners see
 * the network around the focus. The firm service's hop-by-hop Cypher walk, the fallback while no snapshot
 * is current, follows the same rules and gives the same network.
 */
import type { Snapshot } from './snapshot.ts';

export interface EgoOptions {
  direction: 'upstream' | 'downstream' | 'both';
  depth: number;
  minValue: number;
  limit: number;
}

export interface EgoWalk {
  /** Firms in the order kept, focal first. */
  order: number[];
  /** Hops upstream / downstream per firm, −1 when not reached that way. */
  up: Int32Array;
  down: Int32Array;
  links: [supplier: number, buyer: number, value: number][];
  truncated: boolean;
}

/** The order in which one step's new firms are kept: the strongest link to the frontier first, then by id. */
export function strongestFirst(valueA: number, idA: string, valueB: number, idB: string): number {
  return valueB - valueA || (idA < idB ? -1 : idA > idB ? 1 : 0);
}

export function egoWalk(s: Snapshot, focal: number, options: EgoOptions): EgoWalk {
  const { direction, depth, minValue, limit } = options;
  if (!Number.isInteger(focal) || focal < 0 || focal >= s.n) throw new RangeError(`egoWalk: focal firm ${focal} is not in the snapshot (0..${s.n - 1})`);
  if (!Number.isInteger(depth) || depth < 0) throw new RangeError(`egoWalk: depth must be a whole number ≥ 0, got ${depth}`);
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`egoWalk: limit must be a whole number ≥ 1, got ${limit}`);
  if (!(minValue >= 0)) throw new RangeError(`egoWalk: minValue must be ≥ 0, got ${minValue}`);

  const up = new Int32Array(s.n).fill(-1);
  const down = new Int32Array(s.n).fill(-1);
  up[focal] = 0;
  down[focal] = 0;
  const kept = new Uint8Array(s.n);
  kept[focal] = 1;
  const order = [focal];
  // Per firm, the step in which it was last a candidate and its strongest link to that step's frontier.
  const candidateIn = new Int32Array(s.n).fill(-1);
  const strongest = new Float64Array(s.n);
  let steps = 0;
  let truncated = false;

  const step = (frontier: number[], hop: number, dist: Int32Array, offsets: Int32Array, others: Int32Array, values: Float64Array) => {
    const stamp = steps++;
    const next: number[] = [];
    const candidates: number[] = [];
    for (const f of frontier) {
      for (let p = offsets[f]; p < offsets[f + 1]; p++) {
        const other = others[p];
        const value = values[p];
        if (value < minValue || dist[other] >= 0) continue;
        if (kept[other]) {
          dist[other] = hop;
          next.push(other);
        } else if (candidateIn[other] !== stamp) {
          candidateIn[other] = stamp;
          strongest[other] = value;
          candidates.push(other);
        } else if (value > strongest[other]) {
          strongest[other] = value;
        }
      }
    }
    candidates.sort((a, b) => strongestFirst(strongest[a], s.ids[a], strongest[b], s.ids[b]));
    const room = limit - order.length;
    if (candidates.length > room) truncated = true;
    for (const c of candidates.slice(0, room)) {
      kept[c] = 1;
      dist[c] = hop;
      order.push(c);
      next.push(c);
    }
    return next;
  };

  let upward = direction === 'downstream' ? [] : [focal];
  let downward = direction === 'upstream' ? [] : [focal];
  for (let hop = 1; hop <= depth && (upward.length > 0 || downward.length > 0); hop++) {
    upward = step(upward, hop, up, s.inOffsets, s.inSources, s.inValues);
    downward = step(downward, hop, down, s.outOffsets, s.outTargets, s.outValues);
  }

  const links: [number, number, number][] = [];
  for (const supplier of order) {
    for (let p = s.outOffsets[supplier]; p < s.outOffsets[supplier + 1]; p++) {
      if (kept[s.outTargets[p]] && s.outValues[p] >= minValue) links.push([supplier, s.outTargets[p], s.outValues[p]]);
    }
  }
  return { order, up, down, links, truncated };
}
