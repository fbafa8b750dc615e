/**
 * Which firms the network view shows: a union of "loads" (a focal firm's neighbourhood, an expansion,
 * a shortest path, a filtered subgraph), then the user's filters. Pure; the view fetches the loads.
 */
import type { Filters, NetworkContent } from '../state.ts';
import type { FirmSummary, NetworkNode, NetworkResponse, SupplyLink } from '../types.ts';

export type LoadSpec =
  | { kind: 'network'; key: string; id: string; direction: 'upstream' | 'downstream' | 'both'; depth: number; selfOnly: boolean }
  | { kind: 'path'; key: string; from: string; to: string }
  | { kind: 'graph'; key: string; params: Record<string, string> };

export interface Graph {
  nodes: Map<string, NetworkNode>;
  links: Map<string, SupplyLink>;
  /** Firms the user put there (focal firms, expanded firms, path ends): never filtered out. */
  roots: Set<string>;
  /** Firms and links on the highlighted path. */
  pathNodes: string[];
  pathLinks: Set<string>;
  truncated: boolean;
}

export const linkKey = (source: string, target: string): string => `${source}>${target}`;

/** Filters that the /api/graph endpoint applies itself. */
export function graphParams(filters: Filters, limit: number): Record<string, string> {
  const p: Record<string, string> = { limit: String(limit) };
  if (filters.tier.length) p.tier = filters.tier.join(',');
  if (filters.sector.length) p.sector = filters.sector.join(',');
  if (filters.region.length) p.region = filters.region.join(',');
  if (filters.district.length) p.district = filters.district.join(',');
  if (filters.minValue > 0) p.minValue = String(filters.minValue);
  return p;
}

/** The loads that make up a network view. `cohort` are the firms a cohort view starts from. */
export function loadSpecs(content: NetworkContent, cohort: string[], filters: Filters, limit: number): LoadSpec[] {
  const specs: LoadSpec[] = [];
  if (content.src === 'graph') {
    const params = graphParams(filters, limit);
    specs.push({ kind: 'graph', key: `graph?${new URLSearchParams(params)}`, params });
  } else {
    const seeds = content.src === 'cohort' ? cohort : content.focus;
    for (const id of seeds) {
      const selfOnly = content.collapsed.includes(id);
      specs.push({
        kind: 'network',
        key: `net:${id}:${content.dir}:${content.depth}`,
        id,
        direction: content.dir,
        depth: content.depth,
        selfOnly,
      });
    }
  }
  for (const e of content.expand) {
    const direction = e.dir === 'up' ? 'upstream' : 'downstream';
    specs.push({ kind: 'network', key: `net:${e.id}:${direction}:${e.depth}`, id: e.id, direction, depth: e.depth, selfOnly: false });
  }
  if (content.path) {
    const [from, to] = content.path;
    specs.push({ kind: 'path', key: `path:${from}:${to}`, from, to });
  }
  return specs;
}

export interface LoadResult {
  spec: LoadSpec;
  data: NetworkResponse;
}

/** The union of the loads' firms and links; a firm seen twice keeps its first record. */
export function mergeLoads(results: LoadResult[]): Graph {
  const g: Graph = { nodes: new Map(), links: new Map(), roots: new Set(), pathNodes: [], pathLinks: new Set(), truncated: false };
  for (const { spec, data } of results) {
    g.truncated ||= data.truncated === true;
    if (spec.kind === 'network') g.roots.add(spec.id);
    if (spec.kind === 'network' && spec.selfOnly) {
      const self = data.nodes.find((n) => n.id === spec.id);
      if (self && !g.nodes.has(self.id)) g.nodes.set(self.id, self);
      continue;
    }
    for (const n of data.nodes) if (!g.nodes.has(n.id)) g.nodes.set(n.id, n);
    for (const l of data.links) g.links.set(linkKey(l.source, l.target), l);
    if (spec.kind === 'path') {
      g.pathNodes = data.nodes.map((n) => n.id);
      for (const l of data.links) g.pathLinks.add(linkKey(l.source, l.target));
      for (const id of [spec.from, spec.to]) g.roots.add(id);
    }
  }
  // A link may come from a load whose other end was collapsed away.
  for (const [k, l] of g.links) if (!g.nodes.has(l.source) || !g.nodes.has(l.target)) g.links.delete(k);
  return g;
}

export function matchesFilters(n: FirmSummary, f: Filters): boolean {
  if (f.tier.length && !f.tier.includes(n.tier)) return false;
  if (f.sector.length && !f.sector.some((s) => n.sector.startsWith(s))) return false;
  if (f.region.length && !f.region.includes(n.region)) return false;
  if (f.district.length && !(n.district && f.district.includes(n.district))) return false;
  if (f.minRevenue !== null && n.revenue < f.minRevenue) return false;
  if (f.maxRevenue !== null && n.revenue > f.maxRevenue) return false;
  if (f.metric !== null && (f.metricMin !== null || f.metricMax !== null)) {
    const v = n.metrics?.[f.metric];
    if (v === undefined || v === null) return false;
    if (f.metricMin !== null && v < f.metricMin) return false;
    if (f.metricMax !== null && v > f.metricMax) return false;
  }
  if (f.community !== null && n.metrics?.community !== f.community) return false;
  return true;
}

export interface VisibleGraph {
  /** Sorted by id, so that layouts and colours do not depend on load order. */
  nodes: NetworkNode[];
  links: SupplyLink[];
  hidden: number;
}

/** Applies the filters; the firms the user put there always stay, and links need both ends. */
export function visibleGraph(g: Graph, f: Filters): VisibleGraph {
  const keep = new Set([...g.roots, ...g.pathNodes]);
  const nodes = [...g.nodes.values()]
    .filter((n) => keep.has(n.id) || matchesFilters(n, f))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = new Set(nodes.map((n) => n.id));
  const links = [...g.links.values()]
    .filter((l) => ids.has(l.source) && ids.has(l.target))
    .filter((l) => l.value >= f.minValue || g.pathLinks.has(linkKey(l.source, l.target)))
    .sort((a, b) => (linkKey(a.source, a.target) < linkKey(b.source, b.target) ? -1 : 1));
  return { nodes, links, hidden: g.nodes.size - nodes.length };
}
