/**
 * A seeded random supply network with heavy-tailed degrees, for benchmarks and size-dependent tests.
 *
 * Each link picks its supplier as ⌊n·u²⌋ and its buyer as π(⌊n·u²⌋) for uniform u and a fixed random
 * permutation π, so expected degrees fall as rank^−½ (a degree tail P(k) ∝ k^−3) and the big suppliers
 * are not the big buyers. Values are log-normal (median 20, σ = 1.5). Pairs are distinct, no self-supply.
 */
import { mulberry32, shuffleInPlace } from '../server/analytics/seeded-random.ts';
import type { SnapshotFirm, SnapshotLink } from '../server/analytics/snapshot.ts';

export interface RandomNetwork {
  firms: SnapshotFirm[];
  links: SnapshotLink[];
}

export function randomSupplyNetwork(firmCount: number, linkCount: number, seed = 1): RandomNetwork {
  if (linkCount > firmCount * (firmCount - 1) * 0.5) {
    throw new Error(`randomSupplyNetwork: ${linkCount} links are too dense for ${firmCount} firms`);
  }
  const random = mulberry32(seed);
  const buyerOrder = new Int32Array(firmCount);
  for (let i = 0; i < firmCount; i++) buyerOrder[i] = i;
  shuffleInPlace(buyerOrder, random);

  const firms: SnapshotFirm[] = [];
  for (let i = 0; i < firmCount; i++) {
    firms.push({
      id: `F${i}`,
      name: `Firm ${i}`,
      tier: 'sme',
      sector: '29',
      region: 'Busan',
      revenue: 1_000_000,
      employees: 50,
    });
  }
  const seen = new Set<number>();
  const links: SnapshotLink[] = [];
  while (links.length < linkCount) {
    const u = random();
    const supplier = Math.floor(firmCount * u * u);
    const v = random();
    const buyer = buyerOrder[Math.floor(firmCount * v * v)];
    if (supplier === buyer) continue;
    const key = supplier * firmCount + buyer;
    if (seen.has(key)) continue;
    seen.add(key);
    // Box–Muller normal for a log-normal value.
    const g = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    links.push({ supplier: `F${supplier}`, buyer: `F${buyer}`, value: Math.round(20 * Math.exp(1.5 * g) * 100) / 100 + 0.01 });
  }
  return { firms, links };
}
