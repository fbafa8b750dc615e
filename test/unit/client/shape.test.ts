import { describe, expect, it } from 'vitest';
import { rankOrder, scoreSegments, segmentScale, CRITERION_COLOURS } from '../../../client/src/shape/candidates.ts';
import { anchorChains, anchorRelations } from '../../../client/src/shape/chains.ts';
import type { Candidate, NetworkNode } from '../../../client/src/types.ts';

const candidate = (id: string, rank: number, contributions: number[]): Candidate => {
  const keys = ['technology', 'globalScalability', 'cooperativeNetwork', 'jobCreation', 'growth'] as const;
  return {
    rank,
    id,
    name: id,
    score: contributions.reduce((s, x) => s + x, 0),
    breakdown: Object.fromEntries(keys.map((k, i) => [k, { percentile: contributions[i] * 10, weight: 1, contribution: contributions[i] }])) as Candidate['breakdown'],
  };
};

describe('candidate breakdowns', () => {
  it('gives one segment per criterion in a fixed order and colour', () => {
    const segs = scoreSegments(candidate('a', 1, [1, 2, 3, 4, 5]));
    expect(segs.map((s) => s.key)).toEqual(['technology', 'globalScalability', 'cooperativeNetwork', 'jobCreation', 'growth']);
    expect(segs[2]).toMatchObject({ contribution: 3, percentile: 30, colour: CRITERION_COLOURS.cooperativeNetwork });
    expect(new Set(Object.values(CRITERION_COLOURS)).size).toBe(5);
  });

  it('scales all bars to the largest total and reads the rank order', () => {
    const items = [candidate('b', 2, [1, 1, 1, 1, 1]), candidate('a', 1, [10, 0, 0, 0, 2])];
    expect(segmentScale(items)).toBe(12);
    expect(segmentScale([])).toBe(1);
    expect(rankOrder(items)).toEqual(['a', 'b']);
  });
});

describe('anchorChains', () => {
  const n = (id: string, tier: NetworkNode['tier'], up: number | null, down: number | null): NetworkNode => ({ id, name: id, tier, sector: '26', region: 'Busan', revenue: 1, employees: 1, up, down });

  it('reads tier-k supplier (anchor downstream) and tier-k buyer (anchor upstream), nearest first', () => {
    const chains = anchorChains(
      {
        nodes: [n('me', 'sme', 0, 0), n('top', 'top-anchor', null, 2), n('anc', 'anchor', null, 1), n('pre', 'pre-anchor', 3, null), n('other', 'sme', null, 1)],
        links: [],
      },
      'me',
    );
    expect(chains.map((c) => [c.anchor.id, c.side, c.hops])).toEqual([
      ['anc', 'supplier', 1],
      ['top', 'supplier', 2],
      ['pre', 'buyer', 3],
    ]);
  });

  it('gives one line per anchor, its closest supplier and buyer tiers, closest anchors first', () => {
    const relations = anchorRelations(
      anchorChains(
        { nodes: [n('me', 'sme', 0, 0), n('a', 'anchor', 3, 2), n('b', 'top-anchor', null, 4), n('c', 'pre-anchor', 1, null)], links: [] },
        'me',
      ),
    );
    expect(relations.map((r) => [r.anchor.id, r.supplierTier, r.buyerTier])).toEqual([
      ['c', null, 1],
      ['a', 2, 3],
      ['b', 4, null],
    ]);
  });
});
