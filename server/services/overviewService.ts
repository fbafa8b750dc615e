/**
 * The overview of the whole network (analytics/overview.ts) from the current snapshot: groups chosen by
 * community, KSIC division, district or tier; anchors' neighbourhoods and opened groups kept as firms.
 * Only the super-nodes, the detail firms and the summed links leave the server.
 */
import { aggregateOverview, neighbourhood } from '../analytics/overview.ts';
import type { Snapshot } from '../analytics/snapshot.ts';
import type { Database } from '../db/database.ts';
import { HOME_REGION } from '../domain/regions.ts';
import { METRIC_INDEX } from '../domain/metricValues.ts';
import type { SnapshotStore } from './snapshotStore.ts';

export const OVERVIEW_BY = ['community', 'division', 'district', 'tier'] as const;
export type OverviewBy = (typeof OVERVIEW_BY)[number];
const ANCHOR_TIERS = new Set(['top-anchor', 'anchor', 'pre-anchor']);

export interface OverviewQuery {
  by: OverviewBy;
  /** Keep these firms and their direct partners as firms (focus+context); `anchors`: every anchor. */
  focus: string[];
  context: boolean;
  /** Groups drilled into: their members are drawn as firms. */
  open: string[];
  /** At most this many detail firms (the largest by revenue, focal firms first). */
  maxDetail: number;
}

/** The group key of every firm: a division code, a district (or `@Region` outside the home region), a tier or a community id. */
function groupKeys(snapshot: Snapshot, by: Exclude<OverviewBy, 'community'>): { groupOf: Int32Array; keys: string[] } {
  const keyOf = (i: number): string => {
    if (by === 'division') return snapshot.sector.labels[snapshot.sector.codes[i]].slice(0, 2);
    if (by === 'tier') return snapshot.tier.labels[snapshot.tier.codes[i]];
    const district = snapshot.district.labels[snapshot.district.codes[i]];
    return snapshot.inHomeRegion[i] && district ? district : `@${snapshot.region.labels[snapshot.region.codes[i]]}`;
  };
  return indexKeys(snapshot.n, keyOf);
}

function indexKeys(n: number, keyOf: (i: number) => string): { groupOf: Int32Array; keys: string[] } {
  const keys: string[] = [];
  const lookup = new Map<string, number>();
  const groupOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = keyOf(i);
    let k = lookup.get(key);
    if (k === undefined) {
      k = keys.push(key) - 1;
      lookup.set(key, k);
    }
    groupOf[i] = k;
  }
  return { groupOf, keys };
}

export class OverviewService {
  private communities: { dataVersion: number; byId: Map<string, number> } | null = null;

  constructor(
    private readonly db: Database,
    private readonly snapshots: SnapshotStore,
  ) {}

  /** Communities from the last metrics run; null until the metrics have been computed for this data. */
  private async communityOf(dataVersion: number): Promise<Map<string, number> | null> {
    if (this.communities?.dataVersion === dataVersion) return this.communities.byId;
    const rows = await this.db.read<{ id: string; community: number }>('metrics/firm-communities', { communityIndex: METRIC_INDEX.community });
    if (rows.length === 0) return null;
    const byId = new Map(rows.map((r) => [r.id, Number(r.community)]));
    this.communities = { dataVersion, byId };
    return byId;
  }

  /** The attributes a firm list shows, from the snapshot; ids it does not know are left out. */
  async attributes(ids: readonly string[]) {
    const { snapshot } = await this.snapshots.get();
    return ids.flatMap((id) => {
      const i = snapshot.index.get(id);
      return i === undefined ? [] : [firmRecord(snapshot, i)];
    });
  }

  async overview(q: OverviewQuery) {
    const { snapshot, dataVersion } = await this.snapshots.get();
    let by: OverviewBy = q.by;
    let grouping: { groupOf: Int32Array; keys: string[] } | null = null;
    if (by === 'community') {
      const byId = await this.communityOf(dataVersion);
      // Firms added since the metrics ran have no community yet: they share one "unassigned" group.
      if (byId) grouping = indexKeys(snapshot.n, (i) => String(byId.get(snapshot.ids[i]) ?? '?'));
      else by = 'division';
    }
    grouping ??= groupKeys(snapshot, by as Exclude<OverviewBy, 'community'>);

    const seeds: number[] = [];
    if (q.context) {
      if (q.focus.length > 0) for (const id of q.focus) {
        const i = snapshot.index.get(id);
        if (i !== undefined) seeds.push(i);
      }
      else for (let i = 0; i < snapshot.n; i++) if (ANCHOR_TIERS.has(snapshot.tier.labels[snapshot.tier.codes[i]])) seeds.push(i);
    }
    const wanted = q.context ? neighbourhood(snapshot, seeds) : new Uint8Array(snapshot.n);
    const open = new Set(q.open);
    const openCodes = new Set(grouping.keys.flatMap((k, code) => (open.has(k) ? [code] : [])));
    for (let i = 0; i < snapshot.n; i++) if (openCodes.has(grouping.groupOf[i])) wanted[i] = 1;
    const focalSet = new Set(seeds);
    const detail = capDetail(snapshot, wanted, focalSet, q.maxDetail);
    const truncated = detail.count < wanted.reduce((s, v) => s + v, 0);

    const o = aggregateOverview(snapshot, grouping.groupOf, grouping.keys, detail.mark);
    const nodeId = (k: number): string => (k < o.groups.length ? `g:${o.groups[k].key}` : snapshot.ids[o.detail[k - o.groups.length]]);
    const firm = (i: number) => ({ id: snapshot.ids[i], name: snapshot.names[i], ...(snapshot.namesKo[i] ? { nameKo: snapshot.namesKo[i]! } : {}) });
    return {
      by,
      requestedBy: q.by,
      dataVersion,
      totals: { firms: snapshot.n, links: snapshot.m },
      groups: o.groups.map((g) => ({
        id: `g:${g.key}`,
        key: g.key,
        firms: g.firms,
        revenue: g.revenue,
        employees: g.employees,
        internalValue: g.internalValue,
        internalLinks: g.internalLinks,
        largest: firm(g.largest),
      })),
      firms: o.detail.map((i) => ({ ...firmRecord(snapshot, i), group: grouping.keys[grouping.groupOf[i]], focal: focalSet.has(i) })),
      links: o.links.map((l) => ({ source: nodeId(l.source), target: nodeId(l.target), value: l.value, count: l.count })),
      truncated,
      homeRegion: HOME_REGION,
    };
  }
}

function firmRecord(snapshot: Snapshot, i: number) {
  const district = snapshot.district.labels[snapshot.district.codes[i]];
  const nameKo = snapshot.namesKo[i];
  return {
    id: snapshot.ids[i],
    name: snapshot.names[i],
    ...(nameKo ? { nameKo } : {}),
    tier: snapshot.tier.labels[snapshot.tier.codes[i]],
    sector: snapshot.sector.labels[snapshot.sector.codes[i]],
    region: snapshot.region.labels[snapshot.region.codes[i]],
    ...(district ? { district } : {}),
    revenue: snapshot.revenue[i],
    employees: snapshot.employees[i],
  };
}

/** Keeps at most `max` detail firms: the focal ones first, then the largest by revenue. */
function capDetail(snapshot: Snapshot, wanted: Uint8Array, focal: Set<number>, max: number): { mark: Uint8Array; count: number } {
  const picked: number[] = [];
  for (let i = 0; i < snapshot.n; i++) if (wanted[i]) picked.push(i);
  if (picked.length > max) {
    picked.sort((a, b) => Number(focal.has(b)) - Number(focal.has(a)) || snapshot.revenue[b] - snapshot.revenue[a] || a - b);
    picked.length = max;
  }
  const mark = new Uint8Array(snapshot.n);
  for (const i of picked) mark[i] = 1;
  return { mark, count: picked.length };
}
