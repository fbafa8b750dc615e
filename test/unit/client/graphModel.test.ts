import { describe, expect, it } from 'vitest';
import { loadSpecs, mergeLoads, matchesFilters, visibleGraph, type LoadSpec } from '../../../client/src/graph/model.ts';
import { defaultState, networkContent, withState } from '../../../client/src/state.ts';
import type { NetworkNode, NetworkResponse } from '../../../client/src/types.ts';

const firm = (id: string, extra: Partial<NetworkNode> = {}): NetworkNode => ({ id, name: id.toUpperCase(), tier: 'sme', sector: '26', region: 'Busan', district: 'Saha-gu', revenue: 100, employees: 10, ...extra });
const net = (ids: string[], links: [string, string, number][]): NetworkResponse => ({ nodes: ids.map((id) => firm(id)), links: links.map(([source, target, value]) => ({ source, target, value })), truncated: false });
const spec = (id: string, selfOnly = false): LoadSpec => ({ kind: 'network', key: id, id, direction: 'both', depth: 1, selfOnly });

describe('loadSpecs', () => {
  it('a cohort view loads each cohort firm, then the expansions and the path', () => {
    const s = withState(defaultState(), { network: { expand: [{ id: 'x', dir: 'up', depth: 2 }], path: ['a', 'x'] } });
    const specs = loadSpecs(networkContent(s.network), ['a', 'b'], s.filters, 5000);
    expect(specs.map((x) => x.key)).toEqual(['net:a:both:1', 'net:b:both:1', 'net:x:upstream:2', 'path:a:x']);
  });

  it('a graph view passes the server-side filters', () => {
    const s = withState(defaultState(), { network: { src: 'graph' }, filters: { tier: ['sme'], district: ['Saha-gu'], minValue: 10 } });
    const [g] = loadSpecs(networkContent(s.network), [], s.filters, 20000);
    expect(g).toMatchObject({ kind: 'graph', params: { limit: '20000', tier: 'sme', district: 'Saha-gu', minValue: '10' } });
  });

  it('marks collapsed focal firms as self-only', () => {
    const s = withState(defaultState(), { network: { src: 'ego', focus: ['a'], collapsed: ['a'] } });
    expect(loadSpecs(networkContent(s.network), [], s.filters, 10)[0]).toMatchObject({ selfOnly: true });
  });
});

describe('mergeLoads and visibleGraph', () => {
  it('unions firms and links, keeps the roots, and drops links to folded-away firms', () => {
    const g = mergeLoads([
      { spec: spec('a'), data: net(['a', 'b', 'c'], [['b', 'a', 5], ['a', 'c', 7]]) },
      { spec: spec('d', true), data: net(['d', 'a'], [['a', 'd', 1]]) },
    ]);
    expect([...g.nodes.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...g.links.keys()].sort()).toEqual(['a>c', 'b>a']);
    expect([...g.roots].sort()).toEqual(['a', 'd']);
  });

  it('records the path for highlighting', () => {
    const g = mergeLoads([{ spec: { kind: 'path', key: 'p', from: 'a', to: 'c' }, data: net(['a', 'b', 'c'], [['a', 'b', 1], ['c', 'b', 1]]) }]);
    expect(g.pathNodes).toEqual(['a', 'b', 'c']);
    expect([...g.pathLinks].sort()).toEqual(['a>b', 'c>b']);
  });

  it('filters firms but never the roots, sorts by id, and applies the minimum link value', () => {
    const data = net(['z', 'a', 'm'], [['m', 'z', 5], ['a', 'z', 50]]);
    data.nodes[2].tier = 'large';
    const g = mergeLoads([{ spec: spec('z'), data }]);
    const f = { ...defaultState().filters, tier: ['large' as const], minValue: 10 };
    const v = visibleGraph(g, f);
    expect(v.nodes.map((n) => n.id)).toEqual(['m', 'z']);
    expect(v.links).toEqual([]);
    expect(v.hidden).toBe(1);
    const all = visibleGraph(g, { ...defaultState().filters, minValue: 10 });
    expect(all.nodes.map((n) => n.id)).toEqual(['a', 'm', 'z']);
    expect(all.links.map((l) => l.source)).toEqual(['a']);
  });

  it('matches filters on size band, sector prefix, metric range and cluster', () => {
    const f = defaultState().filters;
    const n = firm('a', { sector: '2611', revenue: 500, metrics: { pagerank: 0.2, community: 4 } });
    expect(matchesFilters(n, { ...f, sector: ['26'] })).toBe(true);
    expect(matchesFilters(n, { ...f, sector: ['28'] })).toBe(false);
    expect(matchesFilters(n, { ...f, minRevenue: 600 })).toBe(false);
    expect(matchesFilters(n, { ...f, maxRevenue: 600 })).toBe(true);
    expect(matchesFilters(n, { ...f, metric: 'pagerank', metricMin: 0.1, metricMax: 0.3 })).toBe(true);
    expect(matchesFilters(n, { ...f, metric: 'pagerank', metricMin: 0.3 })).toBe(false);
    expect(matchesFilters(n, { ...f, metric: 'betweenness', metricMin: 0 })).toBe(false);
    expect(matchesFilters(n, { ...f, community: 4 })).toBe(true);
    expect(matchesFilters(n, { ...f, community: 5 })).toBe(false);
  });
});
