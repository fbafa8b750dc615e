/**
 * Picks trading partners with sector affinity, locality affinity and heavy-tailed popularity:
 *   P(partner = k | focal f) ∝ affinity(sector f, sector k) · P(scope | place f) · w_k / W(sector k, scope),
 * where the scope is f's own district (or region), Busan, or outside Busan, and w_k is k's popularity as a
 * supplier (or buyer). Heavy-tailed w gives the hub suppliers; shared pools give anchors shared suppliers.
 * Firms are grouped once into pools with cumulative weights, so a pick costs O(sectors + log pool size).
 */
import type { Prng } from './prng.ts';
import { inputAffinity, isBusanPlace, outputAffinity, PLACE_COUNT, SECTOR_COUNT } from './profile.ts';

/** Where a firm's partners are: its own place, elsewhere in Busan, outside Busan (the rest). */
export interface Locality {
  samePlace: number;
  busan: number;
}

/** Busan firms trade within their district and city first; out-of-region firms are here for Busan's sake. */
export const DEFAULT_LOCALITY: { busan: Locality; outside: Locality } = {
  busan: { samePlace: 0.3, busan: 0.5 },
  outside: { samePlace: 0.05, busan: 0.88 },
};

const SCOPES = PLACE_COUNT + 2;
const SCOPE_BUSAN = PLACE_COUNT;
const SCOPE_OUTSIDE = PLACE_COUNT + 1;

/** Firms grouped by pool, each pool with cumulative weights for O(log n) weighted picks. */
class WeightedPools {
  private readonly offsets: Int32Array;
  private readonly members: Int32Array;
  private readonly cumulative: Float64Array;

  /** `poolsOf(i)` lists the pools firm i belongs to; a zero-weight firm is never picked. */
  constructor(poolCount: number, n: number, poolsOf: (i: number) => readonly number[], weight: Float64Array) {
    this.offsets = new Int32Array(poolCount + 1);
    for (let i = 0; i < n; i++) for (const p of poolsOf(i)) this.offsets[p + 1]++;
    for (let p = 0; p < poolCount; p++) this.offsets[p + 1] += this.offsets[p];
    this.members = new Int32Array(this.offsets[poolCount]);
    this.cumulative = new Float64Array(this.offsets[poolCount]);
    const cursor = this.offsets.slice(0, poolCount);
    for (let i = 0; i < n; i++) for (const p of poolsOf(i)) this.members[cursor[p]++] = i;
    for (let p = 0; p < poolCount; p++) {
      let sum = 0;
      for (let k = this.offsets[p]; k < this.offsets[p + 1]; k++) {
        sum += weight[this.members[k]];
        this.cumulative[k] = sum;
      }
    }
  }

  total(pool: number): number {
    const end = this.offsets[pool + 1];
    return end > this.offsets[pool] ? this.cumulative[end - 1] : 0;
  }

  /** A member drawn by weight, or −1 if the pool has no weight. */
  pick(rng: Prng, pool: number): number {
    const lo0 = this.offsets[pool];
    const hi0 = this.offsets[pool + 1];
    const total = this.total(pool);
    if (!(total > 0)) return -1;
    const r = rng.next() * total;
    let lo = lo0;
    let hi = hi0 - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return this.members[lo];
  }
}

export interface PartnerFirms {
  /** Sector index (profile.SECTOR_CODES) per firm. */
  sector: Uint8Array;
  /** Place index (profile.placeOf) per firm. */
  place: Uint8Array;
  /** Popularity as a supplier and as a buyer; heavy-tailed. */
  supplierWeight: Float64Array;
  buyerWeight: Float64Array;
}

export class PartnerSampler {
  private readonly suppliers: WeightedPools;
  private readonly buyers: WeightedPools;
  /** Cumulative sector rows: for a focal sector, the chance of each partner sector (only sectors with firms). */
  private readonly supplierSectorRows: Float64Array;
  private readonly buyerSectorRows: Float64Array;

  constructor(
    private readonly firms: PartnerFirms,
    private readonly locality = DEFAULT_LOCALITY,
  ) {
    const n = firms.sector.length;
    const poolsOf = (i: number) => {
      const base = firms.sector[i] * SCOPES;
      return [base + firms.place[i], base + (isBusanPlace(firms.place[i]) ? SCOPE_BUSAN : SCOPE_OUTSIDE)];
    };
    this.suppliers = new WeightedPools(SECTOR_COUNT * SCOPES, n, poolsOf, firms.supplierWeight);
    this.buyers = new WeightedPools(SECTOR_COUNT * SCOPES, n, poolsOf, firms.buyerWeight);
    this.supplierSectorRows = sectorRows(inputAffinity, this.suppliers);
    this.buyerSectorRows = sectorRows(outputAffinity, this.buyers);
  }

  /** A supplier for `buyer`, never the buyer itself; −1 if none can be found. */
  supplierFor(rng: Prng, buyer: number): number {
    return this.partner(rng, buyer, this.supplierSectorRows, this.suppliers);
  }

  /** A buyer for `supplier`, never the supplier itself; −1 if none can be found. */
  buyerFor(rng: Prng, supplier: number): number {
    return this.partner(rng, supplier, this.buyerSectorRows, this.buyers);
  }

  private partner(rng: Prng, focal: number, rows: Float64Array, pools: WeightedPools): number {
    const rowStart = this.firms.sector[focal] * SECTOR_COUNT;
    const rowTotal = rows[rowStart + SECTOR_COUNT - 1];
    if (!(rowTotal > 0)) return -1;
    const place = this.firms.place[focal];
    const loc = isBusanPlace(place) ? this.locality.busan : this.locality.outside;
    for (let attempt = 0; attempt < 8; attempt++) {
      const r = rng.next() * rowTotal;
      let s = 0;
      while (rows[rowStart + s] <= r) s++;
      const u = rng.next();
      const base = s * SCOPES;
      let pool = u < loc.samePlace ? base + place : u < loc.samePlace + loc.busan ? base + SCOPE_BUSAN : base + SCOPE_OUTSIDE;
      if (!(pools.total(pool) > 0)) pool = pools.total(base + SCOPE_BUSAN) > 0 ? base + SCOPE_BUSAN : base + SCOPE_OUTSIDE;
      const k = pools.pick(rng, pool);
      if (k >= 0 && k !== focal) return k;
    }
    return -1;
  }
}

function sectorRows(affinity: Float64Array, pools: WeightedPools): Float64Array {
  const rows = new Float64Array(SECTOR_COUNT * SECTOR_COUNT);
  for (let f = 0; f < SECTOR_COUNT; f++) {
    let sum = 0;
    for (let s = 0; s < SECTOR_COUNT; s++) {
      const present = pools.total(s * SCOPES + SCOPE_BUSAN) + pools.total(s * SCOPES + SCOPE_OUTSIDE) > 0;
      if (present) sum += affinity[f * SECTOR_COUNT + s];
      rows[f * SECTOR_COUNT + s] = sum;
    }
  }
  return rows;
}
