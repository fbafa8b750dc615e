/**
 * Seeded random firm networks that keep the accounting rules (DESIGN §3), for the input-output tests and
 * benchmarks. Buyers are drawn with a skew (index ⌊n·u²⌋, low indices popular and given the larger
 * revenues), suppliers uniformly, self-pairs redrawn; pairs may repeat (the snapshot sums them).
 * Values: raw weights w_e are scaled per link by min(α_j x_j / W_in,j , β_i x_i / W_out,i), so every
 * buyer's purchases stay ≤ α_j x_j and every supplier's sales ≤ β_i x_i, with α, β uniform in
 * [minShare, maxShare] < 1.
 */
import { mulberry32 } from '../../../server/analytics/seeded-random.ts';
import type { SnapshotFirm, SnapshotLink } from '../../../server/analytics/snapshot.ts';
import { SECTORS } from '../../../server/domain/sectors.ts';
import { BUSAN_DISTRICT_IDS, KNOWN_REGIONS } from '../../../server/domain/regions.ts';
import type { Tier } from '../../../server/domain/firm.ts';

export interface RandomNetworkOptions {
  firms: number;
  links: number;
  seed: number;
  minShare: number;
  maxShare: number;
}

const DEFAULTS: RandomNetworkOptions = { firms: 40, links: 120, seed: 1, minShare: 0.2, maxShare: 0.8 };

export function randomNetwork(options: Partial<RandomNetworkOptions> = {}): {
  firms: SnapshotFirm[];
  links: SnapshotLink[];
} {
  const { firms: n, links: m, seed, minShare, maxShare } = { ...DEFAULTS, ...options };
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

  const revenue = new Float64Array(n);
  const firms: SnapshotFirm[] = [];
  for (let i = 0; i < n; i++) {
    // Log-uniform revenue falling with the index: ₩0.5bn … ₩2tn at the top.
    const x = Math.exp(Math.log(500) + (1 - i / n) ** 3 * Math.log(4000) + random() * 2);
    revenue[i] = x;
    const region = random() < 0.7 ? 'Busan' : pick(KNOWN_REGIONS).id;
    const tier: Tier = i < Math.max(1, n / 1000) ? 'anchor' : x > 150_000 ? 'large' : 'sme';
    firms.push({
      id: `F${i}`,
      name: `Firm ${i}`,
      tier,
      sector: pick(SECTORS).code,
      region,
      district: region === 'Busan' ? pick(BUSAN_DISTRICT_IDS) : undefined,
      revenue: x,
      employees: Math.max(1, Math.round(x / (200 + 400 * random()))),
      valueAddedRatio: random() < 0.5 ? undefined : 0.15 + 0.4 * random(),
    });
  }

  const supplier = new Int32Array(m);
  const buyer = new Int32Array(m);
  const weight = new Float64Array(m);
  const inWeight = new Float64Array(n);
  const outWeight = new Float64Array(n);
  for (let e = 0; e < m; e++) {
    let s: number;
    let b: number;
    do {
      b = Math.floor(n * random() ** 2);
      s = Math.floor(n * random());
    } while (s === b);
    supplier[e] = s;
    buyer[e] = b;
    weight[e] = 0.1 + random();
    inWeight[b] += weight[e];
    outWeight[s] += weight[e];
  }
  const alpha = Float64Array.from({ length: n }, () => minShare + (maxShare - minShare) * random());
  const beta = Float64Array.from({ length: n }, () => minShare + (maxShare - minShare) * random());
  const links: SnapshotLink[] = new Array(m);
  for (let e = 0; e < m; e++) {
    const s = supplier[e];
    const b = buyer[e];
    const scale = Math.min((alpha[b] * revenue[b]) / inWeight[b], (beta[s] * revenue[s]) / outWeight[s]);
    links[e] = { supplier: `F${s}`, buyer: `F${b}`, value: weight[e] * scale };
  }
  return { firms, links };
}
