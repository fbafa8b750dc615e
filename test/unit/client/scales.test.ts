import { describe, expect, it } from 'vitest';
import { categoryScale, heatScale, linkWidthScale, MISSING_COLOUR, OKABE_ITO, OTHER_COLOUR, quantileScale, radiusScale, TIER_COLOURS } from '../../../client/src/render/scales.ts';

describe('categoryScale', () => {
  it('gives the Okabe–Ito colours by frequency and lumps the rest into "other"', () => {
    const values = ['a', 'a', 'a', 'b', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', null];
    const s = categoryScale(values);
    expect(s.colour('a')).toBe(OKABE_ITO[0]);
    expect(s.colour('b')).toBe(OKABE_ITO[1]);
    expect(s.colour('i')).toBe(OTHER_COLOUR);
    expect(s.colour(null)).toBe(MISSING_COLOUR);
    const legend = s.legend.kind === 'category' ? s.legend.items : [];
    expect(legend[0]).toEqual({ key: 'a', colour: OKABE_ITO[0], count: 3 });
    expect(legend.at(-1)).toEqual({ key: 'other', colour: OTHER_COLOUR, count: 2 });
  });

  it('keeps fixed colours for known keys such as tiers', () => {
    const s = categoryScale(['sme', 'sme', 'anchor'], TIER_COLOURS);
    expect(s.colour('anchor')).toBe(TIER_COLOURS.anchor);
    expect(s.colour('sme')).toBe(TIER_COLOURS.sme);
  });

  it('lists fixed keys in their own order, not by count, so the tiers always read anchors first', () => {
    const s = categoryScale(['sme', 'sme', 'sme', 'external', 'external', 'anchor', 'top-anchor'], TIER_COLOURS);
    const keys = s.legend.kind === 'category' ? s.legend.items.map((i) => i.key) : [];
    expect(keys).toEqual(['top-anchor', 'anchor', 'sme', 'external']);
  });
});

describe('quantileScale', () => {
  it('spreads heavy-tailed values across the ramp by rank', () => {
    const s = quantileScale([1, 2, 3, 1000]);
    expect(s.colour(1)).not.toBe(s.colour(2));
    expect(s.colour(3)).not.toBe(s.colour(1000));
    expect(s.colour(undefined)).toBe(MISSING_COLOUR);
    if (s.legend.kind !== 'ramp') throw new Error('ramp expected');
    expect(s.legend.ticks.map((t) => t.value)).toEqual([1, 2.5, 1000]);
  });

  it('gives ties the same colour', () => {
    const s = quantileScale([5, 5, 5, 9]);
    expect(s.colour(5)).toBe(s.colour(5));
  });
});

describe('size scales', () => {
  it('maps area to value: radius grows with the square root', () => {
    const r = radiusScale([0, 25, 100], [0, 10]);
    expect(r(100)).toBeCloseTo(10);
    expect(r(25)).toBeCloseTo(5);
    expect(r(null)).toBe(0);
  });

  it('falls back to one size when there is nothing to scale', () => {
    const r = radiusScale([null, 0], [2, 10]);
    expect(r(5)).toBe(r(null));
  });

  it('link widths are monotone and bounded', () => {
    const w = linkWidthScale([1, 4, 100], [0.5, 6]);
    expect(w(100)).toBeCloseTo(6);
    expect(w(1)).toBeLessThan(w(4));
    expect(w(1e9)).toBeCloseTo(6);
  });

  it('heat is grey for no effect and darker for more', () => {
    const s = heatScale([0, 10, 100]);
    expect(s.colour(0)).toBe(MISSING_COLOUR);
    expect(s.colour(10)).not.toBe(s.colour(100));
  });
});
