/**
 * The scale generator: a synthetic network of the seed's shape — tiers, sectors, regions, districts,
 * heavy-tailed degrees, sector and locality affinity, accounting rules honoured — at any size, e.g.
 * 100,000 firms and 1,000,000 links. SYNTHETIC DATA throughout.
 *
 * Links are held as typed-array columns (supplier, buyer, value) with a PairSet for distinctness; exactly
 * `links` distinct supplier→buyer pairs, no self-supply. Every firm gets one link first (when links ≥ firms);
 * the rest go to buyers drawn by popularity (alias method, O(1)) from suppliers drawn by PartnerSampler.
 */
import type { Dataset, Firm, Tier } from '../server/domain/firm.ts';
import { BUSAN_DISTRICT_IDS } from '../server/domain/regions.ts';
import { assertAccounting, balanceFlows, closeCostStructures, networkSums } from './accounting.ts';
import { BrnMaker, DATA_YEAR, drawFirm, drawRevenue, type FirmSpec } from './attributes.ts';
import { NameMaker } from './names.ts';
import { fromSupplyColumns, type SupplyColumns } from './output.ts';
import { PairSet } from './pairSet.ts';
import { AliasTable, Prng } from './prng.ts';
import {
  BUSAN_SECTOR_WEIGHTS, districtWeightsFor, OUTSIDE_REGION_WEIGHTS, OUTSIDE_REGIONS, OUTSIDE_SECTOR_WEIGHTS,
  placeOf, PRODUCTS, SECTOR_CODES, sectorIndex,
} from './profile.ts';
import { PartnerSampler } from './sampler.ts';
import { ANCHOR_LINK_WEIGHT, flowTargets, isAnchorTier, type LargeRole, linkWeight, tradePopularity } from './trade.ts';

export interface ScaleOptions {
  firms: number;
  links: number;
  seed?: number;
  /** Told of progress in words (the CLI prints it to stderr). */
  onProgress?: (message: string) => void;
}

export const SCALE_DEFAULTS = { seed: 7 } as const;

/** Shares of firms by tier; the rest are Busan SMEs. */
const TIER_SHARES: readonly (readonly [Tier, number])[] = [
  ['top-anchor', 0.0006],
  ['anchor', 0.0016],
  ['pre-anchor', 0.002],
  ['large', 0.004],
  ['external', 0.11],
];
const COHORTS = [2024, 2025, 2026];
const LARGE_IN_BUSAN = 0.5;
const MATERIAL_SHARE = 0.3;
const STRONG_SHARE = 0.04;
const RECIPROCAL_SHARE = 0.01;
/** Consecutive failed draws (self-loop or duplicate) after which a uniform random pair is tried instead. */
const MAX_MISSES = 64;

export interface ScaleNetwork {
  firms: Firm[];
  /** Link e: firms[supplier[e]] supplies firms[buyer[e]]; every link carries its supplier's main product. */
  supplies: SupplyColumns;
}

function checkOptions(options: ScaleOptions): Required<Omit<ScaleOptions, 'onProgress'>> {
  const { firms, links, seed = SCALE_DEFAULTS.seed } = options;
  if (!Number.isSafeInteger(firms) || firms < 2) throw new Error(`generateScaleNetwork: firms must be an integer ≥ 2, got ${firms}`);
  const maxLinks = (firms * (firms - 1)) / 2;
  if (!Number.isSafeInteger(links) || links < 0 || links > maxLinks) {
    throw new Error(`generateScaleNetwork: links must be an integer from 0 to firms·(firms−1)/2 = ${maxLinks}, got ${links}`);
  }
  if (!Number.isSafeInteger(seed)) throw new Error(`generateScaleNetwork: seed must be an integer, got ${seed}`);
  return { firms, links, seed };
}

function tierCounts(n: number): Map<Tier, number> {
  const counts = new Map<Tier, number>();
  for (const [tier, share] of TIER_SHARES) counts.set(tier, n >= 50 ? Math.max(1, Math.round(n * share)) : Math.floor(n * share));
  return counts;
}

interface ScaleFirms {
  firms: Firm[];
  /** Each firm's main product, as an index into `products`. */
  mainProduct: Int32Array;
  products: string[];
  role: (LargeRole | undefined)[];
}

function drawScaleFirms(rng: Prng, n: number): ScaleFirms {
  const names = new NameMaker(rng.fork(1), false);
  const brns = new BrnMaker(rng.fork(2));
  const width = Math.max(6, String(n).length);
  const firms: Firm[] = [];
  const products = Object.values(PRODUCTS).flat();
  const productIndex = new Map(products.map((p, k) => [p, k]));
  const mainProduct = new Int32Array(n);
  const role: (LargeRole | undefined)[] = [];
  const districtBySector = new Map(SECTOR_CODES.map((c) => [c, districtWeightsFor(c)]));
  const drawDistrict = (sector: string) => BUSAN_DISTRICT_IDS[rng.weightedIndex(districtBySector.get(sector)!)];
  const busanSectors = Object.keys(BUSAN_SECTOR_WEIGHTS);
  const busanSectorWeights = Object.values(BUSAN_SECTOR_WEIGHTS);
  const regionWeights = OUTSIDE_REGIONS.map((r) => OUTSIDE_REGION_WEIGHTS[r]);
  const drawOutside = () => {
    const region = OUTSIDE_REGIONS[rng.weightedIndex(regionWeights)];
    const sector = rng.weightedPick(Object.keys(OUTSIDE_SECTOR_WEIGHTS[region]), Object.values(OUTSIDE_SECTOR_WEIGHTS[region]));
    return { region, sector };
  };
  const busanPlace = () => {
    const sector = rng.weightedPick(busanSectors, busanSectorWeights);
    return { sector, region: 'Busan', district: drawDistrict(sector) };
  };
  const counts = tierCounts(n);
  const plan: Tier[] = [];
  for (const [tier] of TIER_SHARES) for (let k = 0; k < counts.get(tier)!; k++) plan.push(tier);
  while (plan.length < n) plan.push('sme');

  plan.forEach((tier, i) => {
    const id = `f${String(i + 1).padStart(width, '0')}`;
    const outside = tier === 'external' || (tier === 'large' && !rng.bool(LARGE_IN_BUSAN));
    const place: Pick<FirmSpec, 'sector' | 'region' | 'district'> = outside ? drawOutside() : busanPlace();
    const largeRole: LargeRole | undefined = tier === 'large' ? (rng.bool(MATERIAL_SHARE) ? 'material' : 'assembler') : undefined;
    const cohort = isAnchorTier(tier) ? rng.pick(COHORTS) : undefined;
    const revenue = drawRevenue(rng, tier);
    const strong = tier === 'sme' && revenue >= 3_000 && rng.bool(STRONG_SHARE);
    firms.push(drawFirm(rng, names, brns, { id, tier, ...place, revenue, strong, ...(cohort !== undefined && { cohort }) }));
    mainProduct[i] = productIndex.get(rng.pick(PRODUCTS[place.sector]))!;
    role.push(largeRole);
  });
  return { firms, mainProduct, products, role };
}

/** The network with its supplies as typed-array columns: for big sizes, and for the writers in output.ts. */
export function generateScaleColumns(options: ScaleOptions): ScaleNetwork {
  const { firms: n, links: m, seed } = checkOptions(options);
  const progress = options.onProgress ?? (() => {});
  const root = new Prng(seed);
  const linkRng = root.fork(2);
  const valueRng = root.fork(3);

  progress(`drawing ${n} firms`);
  const { firms, mainProduct, products, role } = drawScaleFirms(root.fork(1), n);
  const { supplierWeight, buyerWeight } = tradePopularity(root.fork(4), firms, (i) => role[i]);
  const sampler = new PartnerSampler({
    sector: Uint8Array.from(firms, (f) => sectorIndex(f.sector)),
    place: Uint8Array.from(firms, (f) => placeOf(f.region, f.district)),
    supplierWeight,
    buyerWeight,
  });

  progress(`drawing ${m} links`);
  const supplier = new Int32Array(m);
  const buyer = new Int32Array(m);
  const pairs = new PairSet(m);
  let count = 0;
  let nextReport = Math.ceil(m / 10);
  const add = (s: number, b: number): boolean => {
    if (s < 0 || b < 0 || s === b || !pairs.add(s, b)) return false;
    supplier[count] = s;
    buyer[count] = b;
    count++;
    if (count >= nextReport) {
      progress(`links ${count}/${m}`);
      nextReport += Math.ceil(m / 10);
    }
    return true;
  };
  // Every firm trades with someone: assemblers buy, everyone else sells.
  for (let i = 0; i < n && count < m; i++) {
    const assembler = role[i] === 'assembler';
    for (let attempt = 0; attempt < 4; attempt++) {
      if (assembler ? add(sampler.supplierFor(linkRng, i), i) : add(i, sampler.buyerFor(linkRng, i))) break;
    }
  }
  // A few reciprocal trades between Busan firms.
  const reciprocal = Math.min(m, count + Math.round(m * RECIPROCAL_SHARE));
  for (let attempt = 0; count > 0 && count < reciprocal && attempt < m; attempt++) {
    const e = linkRng.int(0, count - 1);
    if (firms[supplier[e]].region === 'Busan' && firms[buyer[e]].region === 'Busan') add(buyer[e], supplier[e]);
  }
  // Background trade: popular buyers, suppliers by affinity; uniform pairs if the draws keep colliding.
  const buyers = new AliasTable(buyerWeight);
  for (let misses = 0; count < m; ) {
    const b = buyers.sample(linkRng);
    if (add(sampler.supplierFor(linkRng, b), b)) misses = 0;
    else if (++misses >= MAX_MISSES) {
      if (add(linkRng.int(0, n - 1), linkRng.int(0, n - 1))) misses = 0;
    }
  }

  progress('fitting values');
  const revenue = Float64Array.from(firms, (f) => f.revenue);
  const anchor = Uint8Array.from(firms, (f) => (isAnchorTier(f.tier) ? 1 : 0));
  const weight = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const boost = anchor[supplier[e]] || anchor[buyer[e]] ? ANCHOR_LINK_WEIGHT : 1;
    weight[e] = linkWeight(valueRng, revenue[supplier[e]], revenue[buyer[e]], boost);
  }
  const value = balanceFlows(revenue, supplier, buyer, weight, flowTargets(valueRng, firms));
  const sums = networkSums(n, supplier, buyer, value);
  assertAccounting(firms.map((f) => f.id), revenue, sums, 'generateScaleNetwork');
  closeCostStructures(firms, sums.purchases);
  const product = new Int32Array(m);
  for (let e = 0; e < m; e++) product[e] = mainProduct[supplier[e]];
  return { firms, supplies: { supplier, buyer, value, year: new Int32Array(m).fill(DATA_YEAR), product, products } };
}

/** The network in memory as `{firms, supplies}` (for tests and benchmarks at small and medium sizes). */
export function generateScaleNetwork(options: ScaleOptions): Dataset {
  const net = generateScaleColumns(options);
  return { firms: net.firms, supplies: fromSupplyColumns(net.firms, net.supplies) };
}
