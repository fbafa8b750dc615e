import { describe, expect, it } from 'vitest';
import { Prng } from '../../../seed/prng.ts';
import { DISTRICT_COUNT, inputAffinity, placeOf, SECTOR_CODES, SECTOR_COUNT, sectorIndex } from '../../../seed/profile.ts';
import { PartnerSampler } from '../../../seed/sampler.ts';

// One firm per sector in every Busan district, plus one per sector in Gyeongnam.
const sectors: number[] = [];
const places: number[] = [];
for (let s = 0; s < SECTOR_COUNT; s++) {
  for (let d = 0; d < DISTRICT_COUNT; d++) {
    sectors.push(s);
    places.push(d);
  }
  sectors.push(s);
  places.push(placeOf('Gyeongnam', undefined));
}
const n = sectors.length;
const sampler = new PartnerSampler({
  sector: Uint8Array.from(sectors),
  place: Uint8Array.from(places),
  supplierWeight: new Float64Array(n).fill(1),
  buyerWeight: new Float64Array(n).fill(1),
});

describe('PartnerSampler', () => {
  it('draws suppliers only from sectors the buyer’s sector buys from, and never the buyer itself', () => {
    const rng = new Prng(1);
    const food = sectors.indexOf(sectorIndex('10'));
    const drawn = Array.from({ length: 2_000 }, () => sampler.supplierFor(rng, food));
    expect(drawn.includes(food)).toBe(false);
    const allowed = new Set(SECTOR_CODES.flatMap((_, s) => (inputAffinity[sectorIndex('10') * SECTOR_COUNT + s] > 0 ? [s] : [])));
    expect(drawn.every((k) => k >= 0 && allowed.has(sectors[k]))).toBe(true);
  });

  it('prefers partners in the same district and in Busan', () => {
    const rng = new Prng(2);
    const focal = sectors.findIndex((s, i) => s === sectorIndex('25') && places[i] === 0);
    const drawn = Array.from({ length: 4_000 }, () => sampler.supplierFor(rng, focal));
    const sameDistrict = drawn.filter((k) => places[k] === places[focal]).length / drawn.length;
    const inBusan = drawn.filter((k) => places[k] < DISTRICT_COUNT).length / drawn.length;
    // Uniform choice would give 1/17 and 16/17.
    expect(sameDistrict).toBeGreaterThan(0.25);
    expect(inBusan).toBeGreaterThan(0.75);
    expect(inBusan).toBeLessThan(0.9);
  });

  it('draws buyers whose sector buys the supplier’s sector', () => {
    const rng = new Prng(3);
    const steel = sectors.indexOf(sectorIndex('24'));
    const drawn = Array.from({ length: 1_000 }, () => sampler.buyerFor(rng, steel));
    expect(drawn.every((k) => inputAffinity[sectors[k] * SECTOR_COUNT + sectorIndex('24')] > 0)).toBe(true);
  });
});
