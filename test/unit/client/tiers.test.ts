import { describe, expect, it } from 'vitest';
import { bandOf, tierBands } from '../../../client/src/shape/tiers.ts';
import type { NetworkNode, NetworkResponse } from '../../../client/src/types.ts';

const node = (id: string, up: number | null, down: number | null, extra: Partial<NetworkNode> = {}): NetworkNode => ({ id, name: id, tier: 'sme', sector: '26', region: 'Busan', revenue: 10, employees: 5, up, down, ...extra });

describe('bandOf', () => {
  it('puts suppliers left (negative), buyers right and loop firms in the nearer band', () => {
    expect(bandOf({ up: 0, down: 0 })).toBe(0);
    expect(bandOf({ up: 2, down: null })).toBe(-2);
    expect(bandOf({ up: null, down: 1 })).toBe(1);
    expect(bandOf({ up: 1, down: 3 })).toBe(-1);
    expect(bandOf({ up: 2, down: 1 })).toBe(1);
    expect(bandOf({ up: 1, down: 1 })).toBe(-1);
    expect(bandOf({ up: null, down: null })).toBeNull();
  });
});

describe('tierBands', () => {
  // s2 → s1 → F → b1 → b2, and a loop: b1 also supplies s1 (so s1 is reachable both ways).
  const net: NetworkResponse = {
    nodes: [node('F', 0, 0), node('s1', 1, 2), node('s2', 2, null), node('b1', null, 1), node('b2', null, 2), node('x', null, null)],
    links: [
      { source: 's2', target: 's1', value: 5 },
      { source: 's1', target: 'F', value: 10 },
      { source: 'F', target: 'b1', value: 20 },
      { source: 'b1', target: 'b2', value: 3 },
      { source: 'b1', target: 's1', value: 1 },
    ],
  };

  it('builds bands from upstream left to downstream right, skipping unreached firms', () => {
    const l = tierBands(net, 'F');
    expect(l.bands.map((b) => [b.band, b.items.map((i) => i.key)])).toEqual([
      [-2, ['s2']],
      [-1, ['s1']],
      [0, ['F']],
      [1, ['b1']],
      [2, ['b2']],
    ]);
  });

  it('classes links against the flow as back links and marks loop firms', () => {
    const l = tierBands(net, 'F');
    expect(l.backLinks).toBe(1);
    expect(l.links.find((k) => k.source === 'b1' && k.target === 's1')?.kind).toBe('back');
    expect(l.links.find((k) => k.source === 's1' && k.target === 'F')?.kind).toBe('forward');
    expect(l.bands[1].items[0].onCycle).toBe(true);
    expect(l.bands[0].items[0].onCycle).toBe(false);
  });

  it('groups a large band by sector (auto) and sums the links into the groups', () => {
    const many: NetworkResponse = {
      nodes: [node('F', 0, 0), ...Array.from({ length: 8 }, (_, i) => node(`s${i}`, 1, null, { sector: i < 5 ? '26' : '29', revenue: i }))],
      links: Array.from({ length: 8 }, (_, i) => ({ source: `s${i}`, target: 'F', value: 1 })),
    };
    const l = tierBands(many, 'F', { aggregate: 'auto', threshold: 4 });
    const band = l.bands.find((b) => b.band === -1)!;
    expect(band.aggregated).toBe(true);
    expect(band.firms).toBe(8);
    // Next to the focus, the larger group (by revenue) comes first.
    expect(band.items.map((i) => [i.groupValue, i.ids.length])).toEqual([
      ['29', 3],
      ['26', 5],
    ]);
    expect(l.links.map((k) => [k.source, k.value, k.count])).toEqual([
      ['group:-1:sector:26', 5, 5],
      ['group:-1:sector:29', 3, 3],
    ]);
    expect(tierBands(many, 'F', { aggregate: 'none', threshold: 4 }).bands[0].items).toHaveLength(8);
    const byDistrict = tierBands(many, 'F', { aggregate: 'district', threshold: 100 });
    expect(byDistrict.bands[0].aggregated).toBe(true);
  });

  it('orders the outer bands by where their partners sit, to keep crossings down', () => {
    const n: NetworkResponse = {
      nodes: [node('F', 0, 0), node('a', 1, null, { revenue: 100 }), node('b', 1, null, { revenue: 50 }), node('pa', 2, null), node('pb', 2, null)],
      links: [
        { source: 'a', target: 'F', value: 1 },
        { source: 'b', target: 'F', value: 1 },
        { source: 'pb', target: 'b', value: 1 },
        { source: 'pa', target: 'a', value: 1 },
      ],
    };
    const l = tierBands(n, 'F');
    expect(l.bands.find((b) => b.band === -1)!.items.map((i) => i.key)).toEqual(['a', 'b']);
    expect(l.bands.find((b) => b.band === -2)!.items.map((i) => i.key)).toEqual(['pa', 'pb']);
  });

  it('counts the supplies that close a loop the same way whatever the grouping', () => {
    // Upstream band −1 holds p, q (sector 26) and r (29); q supplies p and r supplies q within the band,
    // and p also buys from the focus: three loop-closing supplies by hand (q→p, r→q, F→p).
    const loops: NetworkResponse = {
      nodes: [node('F', 0, 0), node('p', 1, 1), node('q', 1, null), node('r', 1, null, { sector: '29', district: 'Saha-gu' })],
      links: [
        { source: 'p', target: 'F', value: 1 },
        { source: 'q', target: 'F', value: 1 },
        { source: 'r', target: 'F', value: 1 },
        { source: 'q', target: 'p', value: 1 },
        { source: 'r', target: 'q', value: 1 },
        { source: 'F', target: 'p', value: 1 },
      ],
    };
    for (const aggregate of ['none', 'sector', 'district', 'auto'] as const) expect(tierBands(loops, 'F', { aggregate, threshold: 1 }).backLinks, aggregate).toBe(3);
  });
});
