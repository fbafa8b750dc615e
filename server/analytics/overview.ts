/**
 * The whole network at a glance: firms folded into super-nodes (community, KSIC division, district or
 * tier) with the supplies between groups summed, so a picture of 100k firms / 1M links has a few dozen
 * nodes. Some firms can stay drawn one by one (focus+context: the anchors and their partners; drill-down:
 * the members of an opened group); links then run firm→group, group→firm or firm→firm.
 * One pass over the supplier CSR: O(n + m), typed arrays and one numeric map of node pairs.
 */
import type { Snapshot } from './snapshot.ts';

export interface OverviewGroup {
  key: string;
  firms: number;
  revenue: number;
  employees: number;
  /** Supplies between two members of the group (drawn as the group's own flow, not as a link). */
  internalValue: number;
  internalLinks: number;
  /** The member with the largest revenue (names the group where its key says little, e.g. a community). */
  largest: number;
}

export interface OverviewLink {
  /** Node index: 0..groups−1 a group, groups + k the k-th detail firm. */
  source: number;
  target: number;
  value: number;
  /** Supplier→buyer pairs folded into this link. */
  count: number;
}

export interface Overview {
  groups: OverviewGroup[];
  /** Firms drawn one by one (snapshot indices), in ascending index order. */
  detail: number[];
  links: OverviewLink[];
}

/**
 * `groupOf[i]` is firm i's group (an index into `groupKeys`); `detail[i] = 1` keeps firm i apart.
 * Groups whose every member is a detail firm are left out.
 */
export function aggregateOverview(snapshot: Snapshot, groupOf: Int32Array, groupKeys: readonly string[], detail: Uint8Array): Overview {
  const { n } = snapshot;
  if (groupOf.length !== n || detail.length !== n) throw new Error(`aggregateOverview: groupOf and detail need ${n} entries`);
  const g = groupKeys.length;
  const firms = new Float64Array(g);
  const revenue = new Float64Array(g);
  const employees = new Float64Array(g);
  const largest = new Int32Array(g).fill(-1);
  const detailIds: number[] = [];
  for (let i = 0; i < n; i++) {
    if (detail[i]) {
      detailIds.push(i);
      continue;
    }
    const k = groupOf[i];
    firms[k]++;
    revenue[k] += snapshot.revenue[i];
    employees[k] += snapshot.employees[i];
    if (largest[k] < 0 || snapshot.revenue[i] > snapshot.revenue[largest[k]]) largest[k] = i;
  }
  // Kept groups are renumbered 0..; detail firms follow them.
  const groupNode = new Int32Array(g).fill(-1);
  const kept: number[] = [];
  for (let k = 0; k < g; k++) if (firms[k] > 0) groupNode[k] = kept.push(k) - 1;
  const detailNode = new Int32Array(n).fill(-1);
  detailIds.forEach((i, k) => (detailNode[i] = kept.length + k));
  const nodeOf = (i: number): number => (detail[i] ? detailNode[i] : groupNode[groupOf[i]]);

  const internalValue = new Float64Array(kept.length);
  const internalLinks = new Float64Array(kept.length);
  const nodes = kept.length + detailIds.length;
  const linkIndex = new Map<number, number>();
  const links: OverviewLink[] = [];
  for (let i = 0; i < n; i++) {
    const a = nodeOf(i);
    for (let e = snapshot.outOffsets[i]; e < snapshot.outOffsets[i + 1]; e++) {
      const b = nodeOf(snapshot.outTargets[e]);
      const value = snapshot.outValues[e];
      if (a === b && a < kept.length) {
        internalValue[a] += value;
        internalLinks[a]++;
        continue;
      }
      const key = a * nodes + b;
      const at = linkIndex.get(key);
      if (at === undefined) {
        linkIndex.set(key, links.length);
        links.push({ source: a, target: b, value, count: 1 });
      } else {
        links[at].value += value;
        links[at].count++;
      }
    }
  }
  return {
    groups: kept.map((k, node) => ({
      key: groupKeys[k],
      firms: firms[k],
      revenue: revenue[k],
      employees: employees[k],
      internalValue: internalValue[node],
      internalLinks: internalLinks[node],
      largest: largest[k],
    })),
    detail: detailIds,
    links,
  };
}

/** Firms within one hop (either direction) of the given firms, the firms included. */
export function neighbourhood(snapshot: Snapshot, seeds: readonly number[]): Uint8Array {
  const mark = new Uint8Array(snapshot.n);
  for (const i of seeds) {
    mark[i] = 1;
    for (let e = snapshot.outOffsets[i]; e < snapshot.outOffsets[i + 1]; e++) mark[snapshot.outTargets[e]] = 1;
    for (let e = snapshot.inOffsets[i]; e < snapshot.inOffsets[i + 1]; e++) mark[snapshot.inSources[e]] = 1;
  }
  return mark;
}
