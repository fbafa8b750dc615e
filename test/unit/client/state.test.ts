import { describe, expect, it } from 'vitest';
import { collapse, defaultState, expand, formatState, networkContent, parseState, withState, type AppState } from '../../../client/src/state.ts';

function roundTrip(s: AppState): AppState {
  return parseState(formatState(s));
}

describe('URL state', () => {
  it('the default state is an empty network link and parses back to itself', () => {
    expect(formatState(defaultState())).toBe('#/network');
    expect(parseState('')).toEqual(defaultState());
    expect(parseState('#/network')).toEqual(defaultState());
  });

  it('round-trips every view with non-default values', () => {
    const s = withState(defaultState(), {
      view: 'ripple',
      lang: 'ko',
      network: {
        src: 'ego',
        focus: ['daeyang-electric', 'bmt'],
        dir: 'upstream',
        depth: 3,
        expand: [
          { id: 'halla-ims', dir: 'up', depth: 2 },
          { id: 'jmj', dir: 'down', depth: 1 },
        ],
        collapsed: ['bmt'],
        selected: 'jmj',
        path: ['jmj', 'bmt'],
        size: 'pagerank',
        color: 'sector',
        renderer: 'canvas',
        camera: { x: 12.5, y: -40, k: 1.25 },
        limit: 20000,
        year: 2024,
        cmp: 2021,
      },
      filters: { tier: ['sme', 'anchor'], sector: ['26'], region: ['Busan'], district: ['Saha-gu'], minRevenue: 100, maxRevenue: 5000, minValue: 50, metric: 'betweenness', metricMin: 0.1, metricMax: 0.9, community: 3 },
      tiers: { focus: 'bmt', depth: 2, aggregate: 'district' },
      ripple: {
        a: { model: 'demand', shocks: [{ firmId: 'daeyang-electric', amount: 10000 }, { firmId: 'bmt', amount: -500.5 }], capacityLoss: 1, scope: 'network', households: false },
        b: { model: 'disruption', shocks: [{ firmId: 'jmj', amount: 0 }], capacityLoss: 0.5, scope: 'region', households: true },
      },
      candidates: { weights: { technology: 2, globalScalability: 0, cooperativeNetwork: 1.5, jobCreation: 1, growth: 3 }, minRevenue: 1000, maxRevenue: 50000, region: 'Busan', limit: 100 },
      firm: { id: 'halla-ims' },
    });
    expect(roundTrip(s)).toEqual(s);
  });

  it('keeps links short and readable: commas and colons unescaped, defaults left out', () => {
    const s = withState(defaultState(), { view: 'network', network: { src: 'ego', focus: ['bmt', 'jmj'], expand: [{ id: 'bmt', dir: 'up', depth: 1 }] } });
    expect(formatState(s)).toBe('#/network?focus=bmt,jmj&exp=bmt:up');
  });

  it('opens the programme outcomes view from its link, keeping the rest of the state', () => {
    expect(parseState('#/programme').view).toBe('programme');
    const s = withState(defaultState(), { view: 'programme', lang: 'ko', candidates: { ...defaultState().candidates, limit: 100 } });
    expect(formatState(s)).toBe('#/programme?lang=ko&climit=100');
    expect(roundTrip(s)).toEqual(s);
  });

  it('a focus list implies an ego view and no focus a cohort view', () => {
    expect(parseState('#/network?focus=bmt').network.src).toBe('ego');
    expect(parseState('#/network').network.src).toBe('cohort');
    expect(parseState('#/network?src=graph').network.src).toBe('graph');
  });

  it('ignores what it does not understand instead of failing', () => {
    const s = parseState('#/nowhere?focus=ok,bad id,%3Cscript%3E&depth=99&dir=sideways&size=evil&cam=1,2&w=1,2&tier=sme,boss&shocks=bmt:abc,:5,jmj:10&lang=fr&sector=2a,26');
    expect(s.view).toBe('network');
    expect(s.network.focus).toEqual(['ok']);
    expect(s.network.depth).toBe(4);
    expect(s.network.dir).toBe('both');
    expect(s.network.size).toBe('revenue');
    expect(s.network.camera).toBeNull();
    expect(s.candidates.weights.technology).toBe(1);
    expect(s.filters.tier).toEqual(['sme']);
    expect(s.filters.sector).toEqual(['26']);
    expect(s.ripple.a.shocks).toEqual([
      { firmId: 'bmt', amount: 0 },
      { firmId: 'jmj', amount: 10 },
    ]);
    expect(s.lang).toBe('en');
    expect(parseState('#/network?year=99999&since=2024.5').network).toMatchObject({ year: null, cmp: null });
  });

  it('withState replaces parts without touching the original', () => {
    const a = defaultState();
    const b = withState(a, { network: { depth: 2 } });
    expect(a.network.depth).toBe(1);
    expect(b.network.depth).toBe(2);
    expect(b.filters).toEqual(a.filters);
  });
});

describe('expand and collapse', () => {
  const base = networkContent(withState(defaultState(), { network: { src: 'ego', focus: ['a'], depth: 1, dir: 'both' } }).network);

  it('expanding a focal firm shows the tier beyond what its own neighbourhood shows', () => {
    const once = expand(base, 'a', 'up');
    expect(once.expand).toEqual([{ id: 'a', dir: 'up', depth: 2 }]);
    const twice = expand(once, 'a', 'up');
    expect(twice.expand).toEqual([{ id: 'a', dir: 'up', depth: 3 }]);
  });

  it('expanding another firm starts at one tier and stops at the maximum depth', () => {
    let c = expand(base, 'b', 'down');
    expect(c.expand).toEqual([{ id: 'b', dir: 'down', depth: 1 }]);
    for (let i = 0; i < 6; i++) c = expand(c, 'b', 'down');
    expect(c.expand[0].depth).toBe(4);
  });

  it('a focal firm seen only downstream gets tier-1 suppliers on expansion', () => {
    const down = { ...base, dir: 'downstream' as const };
    expect(expand(down, 'a', 'up').expand).toEqual([{ id: 'a', dir: 'up', depth: 1 }]);
  });

  it('collapse drops expansions and folds a focal firm to itself; expanding unfolds it', () => {
    const c = collapse(expand(expand(base, 'a', 'up'), 'b', 'down'), 'a');
    expect(c.expand).toEqual([{ id: 'b', dir: 'down', depth: 1 }]);
    expect(c.collapsed).toEqual(['a']);
    const back = expand(c, 'a', 'down');
    expect(back.collapsed).toEqual([]);
    expect(back.expand).toContainEqual({ id: 'a', dir: 'down', depth: 1 });
  });
});
