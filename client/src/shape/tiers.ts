/**
 * Supply tiers around a focal firm: upstream bands (tier-1 suppliers, their suppliers, …) to the left,
 * downstream bands (buyers, their buyers) to the right. A firm reached both ways sits on a supply loop:
 * it goes in the nearer band (upstream on a tie) and is marked, and links that run against the
 * left-to-right flow are classed "back" so the drawing can show loops instead of hiding them.
 * Large bands are grouped by sector or district. Within a band, items are ordered by the barycentre of
 * their partners in the band nearer the focus, which keeps crossings down.
 */
import type { Aggregate } from '../state.ts';
import type { NetworkNode, NetworkResponse } from '../types.ts';

export interface TierItem {
  key: string;
  kind: 'firm' | 'group';
  band: number;
  /** The firm (kind 'firm') or the group's members. */
  ids: string[];
  node?: NetworkNode;
  groupBy?: 'sector' | 'district';
  groupValue?: string;
  revenue: number;
  onCycle: boolean;
}

export interface TierBand {
  band: number;
  items: TierItem[];
  firms: number;
  aggregated: boolean;
}

export interface TierLink {
  source: string;
  target: string;
  value: number;
  /** forward: with the flow (left to right); back: against it or within a band, i.e. part of a loop. */
  kind: 'forward' | 'back';
  count: number;
}

export interface TierLayout {
  focal: string;
  bands: TierBand[];
  links: TierLink[];
  /** Supplies (firm to firm) that run against the flow or within a band: each closes a loop. */
  backLinks: number;
}

export interface TierOptions {
  aggregate: Aggregate;
  /** Bands with more firms than this are grouped when aggregate is 'auto'. */
  threshold: number;
}

export function bandOf(n: Pick<NetworkNode, 'up' | 'down'>): number | null {
  const up = n.up ?? null;
  const down = n.down ?? null;
  if (up === null && down === null) return null;
  if (up === null) return down;
  if (down === null) return -up;
  return up <= down ? -up || 0 : down;
}

export function tierBands(net: NetworkResponse, focal: string, o: TierOptions = { aggregate: 'auto', threshold: 30 }): TierLayout {
  const bandById = new Map<string, number>();
  const cycle = new Set<string>();
  for (const n of net.nodes) {
    const b = n.id === focal ? 0 : bandOf(n);
    if (b === null) continue;
    bandById.set(n.id, b);
    if (n.id !== focal && n.up != null && n.down != null) cycle.add(n.id);
  }
  const nodes = net.nodes.filter((n) => bandById.has(n.id));
  const byBand = new Map<number, NetworkNode[]>();
  for (const n of nodes) {
    const b = bandById.get(n.id)!;
    (byBand.get(b) ?? byBand.set(b, []).get(b)!).push(n);
  }

  // Items: firms, or groups where a band is too large.
  const itemOf = new Map<string, string>();
  const bands: TierBand[] = [];
  for (const b of [...byBand.keys()].sort((x, y) => x - y)) {
    const members = byBand.get(b)!;
    const groupBy: 'sector' | 'district' | null =
      b === 0 ? null : o.aggregate === 'none' ? null : o.aggregate === 'auto' ? (members.length > o.threshold ? 'sector' : null) : o.aggregate;
    const items: TierItem[] = [];
    if (groupBy) {
      const groups = new Map<string, NetworkNode[]>();
      for (const n of members) {
        // Firms outside the home region have no district: they group by region, as `@Region`.
        const value = groupBy === 'sector' ? n.sector.slice(0, 2) : (n.district ?? `@${n.region}`);
        (groups.get(value) ?? groups.set(value, []).get(value)!).push(n);
      }
      for (const [value, g] of groups) {
        const key = `group:${b}:${groupBy}:${value}`;
        g.forEach((n) => itemOf.set(n.id, key));
        items.push({ key, kind: 'group', band: b, ids: g.map((n) => n.id).sort(), groupBy, groupValue: value, revenue: g.reduce((s, n) => s + n.revenue, 0), onCycle: g.some((n) => cycle.has(n.id)) });
      }
    } else {
      for (const n of members) {
        itemOf.set(n.id, n.id);
        items.push({ key: n.id, kind: 'firm', band: b, ids: [n.id], node: n, revenue: n.revenue, onCycle: cycle.has(n.id) });
      }
    }
    bands.push({ band: b, items, firms: members.length, aggregated: groupBy !== null });
  }

  // Links between items, summed where grouped.
  const linkMap = new Map<string, TierLink>();
  for (const l of net.links) {
    const s = itemOf.get(l.source);
    const t = itemOf.get(l.target);
    if (s === undefined || t === undefined || s === t) continue;
    const bs = bandById.get(l.source)!;
    const bt = bandById.get(l.target)!;
    const kind = bt > bs ? 'forward' : 'back';
    const key = `${s}>${t}`;
    const existing = linkMap.get(key);
    if (existing) {
      existing.value += l.value;
      existing.count++;
    } else linkMap.set(key, { source: s, target: t, value: l.value, kind, count: 1 });
  }
  const links = [...linkMap.values()].sort((a, b) => (a.source + a.target < b.source + b.target ? -1 : 1));

  orderBands(bands, links);
  // Counted over supplies between firms, so the number does not change with the grouping of the bands.
  let backLinks = 0;
  for (const l of net.links) {
    const bs = bandById.get(l.source);
    const bt = bandById.get(l.target);
    if (bs !== undefined && bt !== undefined && l.source !== l.target && bt <= bs) backLinks++;
  }
  return { focal, bands, links, backLinks };
}

/** Orders each band: the ones next to the focus by size, the rest by their partners' mean position. */
function orderBands(bands: TierBand[], links: TierLink[]): void {
  const position = new Map<string, number>();
  const partners = new Map<string, string[]>();
  for (const l of links) {
    (partners.get(l.source) ?? partners.set(l.source, []).get(l.source)!).push(l.target);
    (partners.get(l.target) ?? partners.set(l.target, []).get(l.target)!).push(l.source);
  }
  const byDistance = [...bands].sort((a, b) => Math.abs(a.band) - Math.abs(b.band) || a.band - b.band);
  for (const band of byDistance) {
    const score = (it: TierItem): number => {
      const placed = (partners.get(it.key) ?? []).map((k) => position.get(k)).filter((p): p is number => p !== undefined);
      return placed.length ? placed.reduce((s, p) => s + p, 0) / placed.length : Infinity;
    };
    const scored = band.items.map((it) => ({ it, s: Math.abs(band.band) <= 1 ? -it.revenue : score(it) }));
    scored.sort((a, b) => a.s - b.s || b.it.revenue - a.it.revenue || (a.it.key < b.it.key ? -1 : 1));
    band.items = scored.map((x) => x.it);
    band.items.forEach((it, i) => position.set(it.key, band.items.length > 1 ? i / (band.items.length - 1) : 0.5));
  }
}
