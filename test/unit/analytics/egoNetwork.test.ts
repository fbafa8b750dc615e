import { describe, expect, it } from 'vitest';
import { egoWalk, type EgoOptions } from '../../../server/analytics/egoNetwork.ts';
import { buildSnapshot, type Snapshot, type SnapshotLink } from '../../../server/analytics/snapshot.ts';
import { modelFlows } from '../../../server/domain/accounting.ts';
import { randomNetwork } from './random-network.ts';

/** A snapshot of the named firms (in the order given) and links [supplier, buyer, value, year?]. */
function network(ids: string[], links: [string, string, number, number?][]): Snapshot {
  const firms = ids.map((id) => ({ id, name: id, tier: 'sme' as const, sector: '29', region: 'Busan', revenue: 100_000, employees: 50 }));
  return buildSnapshot(
    firms,
    links.map(([supplier, buyer, value, year]) => ({ supplier, buyer, value, year })),
  );
}

const ALL: EgoOptions = { direction: 'both', depth: 4, minValue: 0, limit: 10_000 };

/** The walk with firm ids: order, hops per firm [id, up, down] (null when not reached) and links "s>b:value". */
function walkOf(s: Snapshot, focal: string, options: Partial<EgoOptions>) {
  const walk = egoWalk(s, s.index.get(focal)!, { ...ALL, ...options });
  const hop = (d: number) => (d < 0 ? null : d);
  return {
    order: walk.order.map((i) => s.ids[i]),
    hops: walk.order.map((i, k) => [s.ids[i], hop(walk.up[k]), hop(walk.down[k])]),
    links: walk.links.map(([a, b, v]) => `${s.ids[a]}>${s.ids[b]}:${v}`).sort(),
    truncated: walk.truncated,
  };
}

describe('egoWalk', () => {
  // s2 → s1 → F → b1 → b2, and t1 → F.
  const chain = network(['F', 's1', 's2', 't1', 'b1', 'b2'], [
    ['s2', 's1', 10],
    ['s1', 'F', 20],
    ['t1', 'F', 30],
    ['F', 'b1', 40],
    ['b1', 'b2', 50],
  ]);

  it('walks upstream, downstream or both to the given depth, counting hops each way', () => {
    expect(walkOf(chain, 'F', { direction: 'upstream', depth: 1 }).hops).toEqual([['F', 0, 0], ['t1', 1, null], ['s1', 1, null]]);
    expect(walkOf(chain, 'F', { direction: 'downstream', depth: 4 }).hops).toEqual([['F', 0, 0], ['b1', null, 1], ['b2', null, 2]]);
    const both = walkOf(chain, 'F', { direction: 'both', depth: 2 });
    expect(both.order).toEqual(['F', 't1', 's1', 'b1', 's2', 'b2']);
    expect(both.links).toEqual(['F>b1:40', 'b1>b2:50', 's1>F:20', 's2>s1:10', 't1>F:30']);
    expect(both.truncated).toBe(false);
  });

  it('interleaves the directions, so a limit reached upstream still leaves the nearest buyers', () => {
    // F has two suppliers with three suppliers each, and one buyer.
    const s = network(['F', 'sa', 'sb', 'a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'buyer'], [
      ['sa', 'F', 5],
      ['sb', 'F', 5],
      ...(['a1', 'a2', 'a3'] as const).map((x): [string, string, number] => [x, 'sa', 9]),
      ...(['b1', 'b2', 'b3'] as const).map((x): [string, string, number] => [x, 'sb', 9]),
      ['F', 'buyer', 1],
    ]);
    const walk = walkOf(s, 'F', { direction: 'both', depth: 2, limit: 4 });
    expect(walk.hops).toEqual([['F', 0, 0], ['sa', 1, null], ['sb', 1, null], ['buyer', null, 1]]);
    expect(walk.truncated).toBe(true);
  });

  it('keeps walking kept firms the other way after the limit is reached', () => {
    // S → F → B → S: S is a supplier of F and, two hops down, a buyer of B; T → S is left out by the limit.
    const s = network(['F', 'S', 'B', 'T'], [
      ['S', 'F', 10],
      ['F', 'B', 10],
      ['B', 'S', 10],
      ['T', 'S', 10],
    ]);
    const walk = walkOf(s, 'F', { direction: 'both', depth: 2, limit: 3 });
    expect(walk.hops).toEqual([['F', 0, 0], ['S', 1, 2], ['B', 2, 1]]);
    expect(walk.truncated).toBe(true);
    expect(walk.links).toEqual(['B>S:10', 'F>B:10', 'S>F:10']);
  });

  it("keeps a step's new firms strongest link first, ties by id, whatever the storage order", () => {
    const links: [string, string, number][] = [
      ['c', 'F', 300],
      ['a', 'F', 100],
      ['b', 'F', 300],
      ['d', 'F', 200],
      ['d', 'x', 1],
      ['a', 'x', 250], // x is not in F's walk: a's other link does not count
    ];
    for (const ids of [['F', 'a', 'b', 'c', 'd', 'x'], ['x', 'd', 'c', 'b', 'a', 'F']]) {
      const walk = walkOf(network(ids, links), 'F', { direction: 'upstream', depth: 1, limit: 3 });
      expect(walk.order).toEqual(['F', 'b', 'c']);
      expect(walk.truncated).toBe(true);
    }
    // Reached from two frontier firms, a firm ranks by its stronger link.
    const two = network(['F', 'p', 'q', 'm', 'n'], [
      ['p', 'F', 10],
      ['q', 'F', 10],
      ['m', 'p', 5],
      ['m', 'q', 50],
      ['n', 'p', 40],
    ]);
    expect(walkOf(two, 'F', { direction: 'upstream', depth: 2, limit: 4 }).order).toEqual(['F', 'p', 'q', 'm']);
  });

  it("applies minValue to each pair's latest-year total, and reports that value", () => {
    const s = network(['F', 'old', 'split', 'b'], [
      ['old', 'F', 5_000, 2024],
      ['old', 'F', 1, 2025],
      ['split', 'F', 60, 2025],
      ['split', 'F', 50, 2025],
      ['split', 'F', 9_000, 2023],
      ['F', 'b', 100],
    ]);
    expect(walkOf(s, 'F', { minValue: 100 })).toMatchObject({ order: ['F', 'split', 'b'], links: ['F>b:100', 'split>F:110'] });
    expect(walkOf(s, 'F', { minValue: 0 }).links).toEqual(['F>b:100', 'old>F:1', 'split>F:110']);
  });

  it('returns every link among the kept firms, also those the walk did not traverse', () => {
    // u1, u2 supply F; F supplies d1; u1 → u2 joins two last-hop firms, u1 → d1 an upstream and a downstream firm.
    const s = network(['F', 'u1', 'u2', 'd1', 'far'], [
      ['u1', 'F', 10],
      ['u2', 'F', 10],
      ['F', 'd1', 10],
      ['u1', 'u2', 7],
      ['u1', 'd1', 8],
      ['u2', 'd1', 2],
      ['far', 'u1', 10],
    ]);
    expect(walkOf(s, 'F', { depth: 1 }).links).toEqual(['F>d1:10', 'u1>F:10', 'u1>d1:8', 'u1>u2:7', 'u2>F:10', 'u2>d1:2']);
    expect(walkOf(s, 'F', { depth: 1, minValue: 5 }).links).toEqual(['F>d1:10', 'u1>F:10', 'u1>d1:8', 'u1>u2:7', 'u2>F:10']);
  });

  it('agrees with plain breadth-first distances and the induced subgraph on random networks', () => {
    for (const seed of [1, 2, 3]) {
      const { firms, links } = randomNetwork({ firms: 60, links: 150, seed });
      const withYears: SnapshotLink[] = links.map((l, e) => ({ ...l, year: 2023 + (e % 3) }));
      const s = buildSnapshot(firms, withYears);
      const pairs = [...modelFlows(withYears).values()].filter((p) => p.supplier !== p.buyer);
      for (const [focal, minValue, depth] of [['F0', 0, 2], ['F7', 0, 3], ['F20', median(pairs.map((p) => p.value)), 4]] as const) {
        const distances = (from: 'supplier' | 'buyer', to: 'supplier' | 'buyer') => {
          const dist = new Map([[focal as string, 0]]);
          for (let hop = 1, frontier = [focal as string]; hop <= depth; hop++) {
            const next = pairs.filter((p) => p.value >= minValue && frontier.includes(p[from]) && !dist.has(p[to])).map((p) => p[to]);
            for (const f of next) dist.set(f, hop);
            frontier = [...new Set(next)];
          }
          return dist;
        };
        const up = distances('buyer', 'supplier');
        const down = distances('supplier', 'buyer');
        const walk = walkOf(s, focal, { direction: 'both', depth, minValue });
        const expected = [...new Set([...up.keys(), ...down.keys()])].map((f) => [f, up.get(f) ?? null, down.get(f) ?? null]);
        expect(sortById(walk.hops)).toEqual(sortById(expected));
        const kept = new Set(walk.order);
        const induced = pairs.filter((p) => kept.has(p.supplier) && kept.has(p.buyer) && p.value >= minValue);
        expect(walk.links).toEqual(induced.map((p) => `${p.supplier}>${p.buyer}:${p.value}`).sort());
        expect(walk.truncated).toBe(false);

        // A limit keeps a prefix of the unlimited order and says so when it leaves firms out.
        for (const limit of [1, 2, Math.ceil(walk.order.length / 2), walk.order.length]) {
          const capped = walkOf(s, focal, { direction: 'both', depth, minValue, limit });
          expect(capped.order).toEqual(walk.order.slice(0, limit));
          expect(capped.truncated).toBe(limit < walk.order.length);
        }
      }
    }
  });

  it('leaves nothing behind for the next walk on the same snapshot (its working arrays are reused)', () => {
    const { firms, links } = randomNetwork({ firms: 80, links: 240, seed: 9 });
    const s = buildSnapshot(firms, links);
    const first = walkOf(s, 'F3', { depth: 3 });
    walkOf(s, 'F3', { depth: 3, limit: 5 });
    walkOf(s, 'F11', { direction: 'upstream', depth: 2 });
    walkOf(s, 'F40', { direction: 'downstream', depth: 4, minValue: 1 });
    expect(walkOf(s, 'F3', { depth: 3 })).toEqual(first);
    expect(walkOf(buildSnapshot(firms, links), 'F3', { depth: 3 })).toEqual(first);
  });

  it('refuses options it cannot walk, naming itself', () => {
    expect(() => egoWalk(chain, 6, ALL)).toThrow(/egoWalk: focal firm 6/);
    expect(() => egoWalk(chain, 0, { ...ALL, depth: 1.5 })).toThrow(/egoWalk: depth/);
    expect(() => egoWalk(chain, 0, { ...ALL, limit: 0 })).toThrow(/egoWalk: limit/);
    expect(() => egoWalk(chain, 0, { ...ALL, minValue: Number.NaN })).toThrow(/egoWalk: minValue/);
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function sortById<T extends unknown[]>(rows: T[]): T[] {
  return [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}
