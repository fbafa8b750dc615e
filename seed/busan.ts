/**
 * The seed: a synthetic Busan manufacturing supply network of about 4,000 firms and 14,000 supplies (2025),
 * deterministic in its seed (same seed → byte-identical JSON).
 *
 * SYNTHETIC DATA (see SEED_LABEL). The network is built as anchor-centred tiered chains — each programme
 * anchor gets tier-1 suppliers, their tier-2 and tier-3 suppliers, and downstream buyers (shipyards,
 * automakers, out-of-region and overseas customers) — over a background of SME-to-SME trade drawn with
 * sector affinity, locality affinity and heavy-tailed popularity (seed/sampler.ts). Values are fitted to
 * honour the accounting rules of DESIGN §3 with margin (seed/accounting.ts).
 */
import type { Dataset, Firm, Supply, Tier } from '../server/domain/firm.ts';
import { BUSAN_DISTRICT_IDS } from '../server/domain/regions.ts';
import { BrnMaker, DATA_YEAR, drawFirm, drawHistory, drawRevenue, type FirmSpec } from './attributes.ts';
import { assertAccounting, balanceFlows, closeCostStructures, networkSums } from './accounting.ts';
import { NameMaker } from './names.ts';
import { PairSet } from './pairSet.ts';
import { AliasTable, Prng } from './prng.ts';
import {
  BUSAN_SECTOR_WEIGHTS, districtWeightsFor, OUTSIDE_REGION_WEIGHTS, OUTSIDE_REGIONS, OUTSIDE_SECTOR_WEIGHTS,
  outputAffinity, placeOf, PRODUCTS, SECTOR_CODES, SECTOR_COUNT, sectorIndex,
} from './profile.ts';
import { PartnerSampler } from './sampler.ts';
import { ANCHOR_LINK_WEIGHT, flowTargets, isAnchorTier, type LargeRole, linkWeight, tradePopularity } from './trade.ts';

export const SEED_LABEL =
  'Anchorage seed network: SYNTHETIC DATA. All firm figures, all supply links, all names except the four ' +
  '2026-cohort firms, and the districts and sectors given to those four, are invented. The only public facts ' +
  "encoded are the structure of Busan's anchor-company programme (top-anchor / anchor / pre-anchor grades, " +
  'yearly cohorts), the 2026 cohort (Daeyang Electric top-anchor; BMT and Halla IMS anchor; JMJ pre-anchor), ' +
  "the first- and second-cohort anchors' aggregate 2025 growth (revenue +15.6%, employment +13.7% on 2024), " +
  "and the broad district and sector makeup of Busan's manufacturing.";

/** The public figure encoded: cohorts 2024 and 2025 together, 2025 over 2024. */
export const EARLY_COHORT_GROWTH = { cohorts: [2024, 2025], revenue: 0.156, employees: 0.137 } as const;

interface NamedAnchor {
  id: string;
  name: string;
  nameKo: string;
  tier: Tier;
  sector: string;
  /** Synthetic: the seed does not claim where the firm is. */
  district: string;
  product: string;
  /** Sectors of the large firms it sells to: the marine suppliers sell to shipyards (and plant makers). */
  downstream: readonly string[];
}

/** The 2026 cohort: real names and grades; sector, district, figures and links are synthetic. */
export const COHORT_2026: readonly NamedAnchor[] = [
  { id: 'daeyang-electric', name: 'Daeyang Electric', nameKo: '대양전기공업', tier: 'top-anchor', sector: '28', district: 'Gangseo-gu', product: 'marine lighting and electrical systems', downstream: ['31'] },
  { id: 'bmt', name: 'BMT', nameKo: '비엠티', tier: 'anchor', sector: '29', district: 'Gijang-gun', product: 'fittings and valves', downstream: ['31', '20'] },
  { id: 'halla-ims', name: 'Halla IMS', nameKo: '한라IMS', tier: 'anchor', sector: '27', district: 'Gangseo-gu', product: 'level measurement and control systems', downstream: ['31'] },
  { id: 'jmj', name: 'JMJ', nameKo: '제이엠제이', tier: 'pre-anchor', sector: '29', district: 'Saha-gu', product: 'marine machinery parts', downstream: ['31', '29'] },
];

/**
 * First and second cohorts: entirely synthetic firms, named "Synthetic Anchor <cohort>-<nn>" so that nobody
 * mistakes them for the programme's real selections. [tier, sector] per firm.
 */
const EARLY_COHORTS: Readonly<Record<number, readonly (readonly [Tier, string])[]>> = {
  2024: [['top-anchor', '31'], ['top-anchor', '30'], ['anchor', '29'], ['anchor', '24'], ['anchor', '28'], ['pre-anchor', '22'], ['pre-anchor', '15'], ['pre-anchor', '27']],
  2025: [['top-anchor', '29'], ['anchor', '30'], ['anchor', '31'], ['anchor', '25'], ['pre-anchor', '10'], ['pre-anchor', '28'], ['pre-anchor', '26'], ['pre-anchor', '20']],
};

interface LargeFirm {
  id: string;
  name: string;
  nameKo?: string;
  sector: string;
  region: string;
  district?: string;
  revenue: number;
  /** Assemblers buy from many suppliers; material makers sell to many buyers. */
  role: LargeRole;
}

/** Big buyers and material makers; all synthetic, and named so. */
const LARGE_FIRMS: readonly LargeFirm[] = [
  { id: 'lg-busan-auto', name: 'Synthetic Auto Assembly Plant (Busan)', nameKo: '가상 완성차 부산공장', sector: '30', region: 'Busan', district: 'Gangseo-gu', revenue: 4_200_000, role: 'assembler' },
  { id: 'lg-busan-autoparts', name: 'Synthetic Auto Systems (Busan)', nameKo: '가상 오토시스템 부산', sector: '30', region: 'Busan', district: 'Gijang-gun', revenue: 1_400_000, role: 'assembler' },
  { id: 'lg-yeongdo-shipyard', name: 'Synthetic Shipyard (Yeongdo)', nameKo: '가상 영도조선소', sector: '31', region: 'Busan', district: 'Yeongdo-gu', revenue: 900_000, role: 'assembler' },
  { id: 'lg-busan-engine', name: 'Synthetic Marine Engine Works (Busan)', nameKo: '가상 선박엔진 부산', sector: '29', region: 'Busan', district: 'Gangseo-gu', revenue: 700_000, role: 'assembler' },
  { id: 'lg-busan-steel', name: 'Synthetic Steel Works (Busan)', nameKo: '가상 부산제강', sector: '24', region: 'Busan', district: 'Saha-gu', revenue: 1_200_000, role: 'material' },
  { id: 'lg-busan-footwear', name: 'Synthetic Footwear Group (Busan)', nameKo: '가상 신발그룹 부산', sector: '15', region: 'Busan', district: 'Gangseo-gu', revenue: 420_000, role: 'assembler' },
  { id: 'lg-busan-seafood', name: 'Synthetic Seafood Group (Busan)', nameKo: '가상 수산식품 부산', sector: '10', region: 'Busan', district: 'Seo-gu', revenue: 600_000, role: 'assembler' },
  { id: 'lg-geoje-shipyard-a', name: 'Synthetic Shipyard A (Geoje)', nameKo: '가상 거제조선 A', sector: '31', region: 'Gyeongnam', revenue: 9_000_000, role: 'assembler' },
  { id: 'lg-geoje-shipyard-b', name: 'Synthetic Shipyard B (Geoje)', nameKo: '가상 거제조선 B', sector: '31', region: 'Gyeongnam', revenue: 8_000_000, role: 'assembler' },
  { id: 'lg-ulsan-shipyard', name: 'Synthetic Shipyard (Ulsan)', nameKo: '가상 울산조선', sector: '31', region: 'Ulsan', revenue: 12_000_000, role: 'assembler' },
  { id: 'lg-ulsan-auto', name: 'Synthetic Auto Assembly Plant (Ulsan)', nameKo: '가상 완성차 울산공장', sector: '30', region: 'Ulsan', revenue: 20_000_000, role: 'assembler' },
  { id: 'lg-changwon-machinery', name: 'Synthetic Heavy Machinery (Changwon)', nameKo: '가상 창원중기계', sector: '29', region: 'Gyeongnam', revenue: 3_000_000, role: 'assembler' },
  { id: 'lg-daegu-autoparts', name: 'Synthetic Auto Parts Tier-1 (Daegu)', nameKo: '가상 대구오토파츠', sector: '30', region: 'Daegu', revenue: 2_000_000, role: 'assembler' },
  { id: 'lg-ulsan-petrochem', name: 'Synthetic Petrochemicals (Ulsan)', nameKo: '가상 울산석유화학', sector: '20', region: 'Ulsan', revenue: 6_000_000, role: 'material' },
  { id: 'lg-ulsan-steel', name: 'Synthetic Steel Mill (Ulsan)', nameKo: '가상 울산제철', sector: '24', region: 'Ulsan', revenue: 5_000_000, role: 'material' },
  { id: 'lg-capital-electronics', name: 'Synthetic Electronics (Capital)', nameKo: '가상 전자 수도권', sector: '26', region: 'Capital', revenue: 10_000_000, role: 'material' },
];

const FIRM_COUNT = 4_000;
const EXTERNAL_COUNT = 420;
const LINK_COUNT = 14_000;
/** Share of Busan SMEs (among those with revenue ≥ ₩3bn) drawn as fast-growing pre-anchor material. */
const STRONG_SHARE = 0.05;
/** Raw-weight multiplier of a tier-1 supplier's own supply chain. */
const TIER2_LINK_WEIGHT = 1.5;

interface Population {
  firms: Firm[];
  product: string[];
  role: (LargeRole | undefined)[];
}

function drawPopulation(rng: Prng, names: NameMaker): Population {
  const brns = new BrnMaker(rng);
  const firms: Firm[] = [];
  const product: string[] = [];
  const role: (LargeRole | undefined)[] = [];
  const add = (spec: FirmSpec, main: string, largeRole?: LargeRole) => {
    firms.push(drawFirm(rng, names, brns, spec));
    product.push(main);
    role.push(largeRole);
  };
  const districtBySector = new Map(SECTOR_CODES.map((c) => [c, districtWeightsFor(c)]));
  const drawDistrict = (sector: string) => BUSAN_DISTRICT_IDS[rng.weightedIndex(districtBySector.get(sector)!)];

  for (const a of COHORT_2026) {
    names.reserve(a);
    add({ id: a.id, tier: a.tier, sector: a.sector, region: 'Busan', district: a.district, cohort: 2026, name: { name: a.name, nameKo: a.nameKo } }, a.product);
  }
  for (const [cohort, plan] of Object.entries(EARLY_COHORTS)) {
    plan.forEach(([tier, sector], k) => {
      const nn = String(k + 1).padStart(2, '0');
      const name = { name: `Synthetic Anchor ${cohort}-${nn}`, nameKo: `가상 앵커 ${cohort}-${nn}` };
      names.reserve(name);
      add({ id: `anchor-${cohort}-${nn}`, tier, sector, region: 'Busan', district: drawDistrict(sector), cohort: Number(cohort), name }, rng.pick(PRODUCTS[sector]));
    });
  }
  for (const l of LARGE_FIRMS) {
    const name = { name: l.name, ...(l.nameKo !== undefined && { nameKo: l.nameKo }) };
    names.reserve(name);
    add({ id: l.id, tier: 'large', sector: l.sector, region: l.region, district: l.district, revenue: l.revenue, name }, rng.pick(PRODUCTS[l.sector]), l.role);
  }
  const regionWeights = OUTSIDE_REGIONS.map((r) => OUTSIDE_REGION_WEIGHTS[r]);
  for (let k = 1; k <= EXTERNAL_COUNT; k++) {
    const region = OUTSIDE_REGIONS[rng.weightedIndex(regionWeights)];
    const sectors = Object.keys(OUTSIDE_SECTOR_WEIGHTS[region]);
    const sector = rng.weightedPick(sectors, Object.values(OUTSIDE_SECTOR_WEIGHTS[region]));
    add({ id: `ext-${String(k).padStart(4, '0')}`, tier: 'external', sector, region }, rng.pick(PRODUCTS[sector]));
  }
  const smeSectors = Object.keys(BUSAN_SECTOR_WEIGHTS);
  const smeSectorWeights = Object.values(BUSAN_SECTOR_WEIGHTS);
  const smeCount = FIRM_COUNT - firms.length;
  for (let k = 1; k <= smeCount; k++) {
    const sector = rng.weightedPick(smeSectors, smeSectorWeights);
    const revenue = drawRevenue(rng, 'sme');
    const strong = revenue >= 3_000 && rng.bool(STRONG_SHARE);
    add({ id: `sme-${String(k).padStart(4, '0')}`, tier: 'sme', sector, region: 'Busan', district: drawDistrict(sector), revenue, strong }, rng.pick(PRODUCTS[sector]));
  }
  return { firms, product, role };
}

/** Links as parallel lists, with a raw weight multiplier per link; at most one link per ordered pair. */
class LinkList {
  readonly src: number[] = [];
  readonly dst: number[] = [];
  readonly boost: number[] = [];
  readonly degree: Int32Array;
  private readonly pairs = new PairSet(LINK_COUNT);

  constructor(n: number) {
    this.degree = new Int32Array(n);
  }

  get size(): number {
    return this.src.length;
  }

  add(supplier: number, buyer: number, boost = 1): boolean {
    if (supplier < 0 || buyer < 0 || supplier === buyer || !this.pairs.add(supplier, buyer)) return false;
    this.src.push(supplier);
    this.dst.push(buyer);
    this.boost.push(boost);
    this.degree[supplier]++;
    this.degree[buyer]++;
    return true;
  }
}

/** Picks `count` distinct members of `candidates` by weight (fewer if there are not enough). */
function pickDistinct(rng: Prng, candidates: readonly number[], weight: (i: number) => number, count: number): number[] {
  const pool = [...candidates];
  const w = pool.map(weight);
  const chosen: number[] = [];
  while (chosen.length < count && w.some((x) => x > 0)) {
    const k = rng.weightedIndex(w);
    chosen.push(pool[k]);
    w[k] = 0;
  }
  return chosen;
}

function drawLinks(rng: Prng, pop: Population, sampler: PartnerSampler, buyerWeight: Float64Array): LinkList {
  const { firms } = pop;
  const n = firms.length;
  const links = new LinkList(n);
  const sectorOf = firms.map((f) => sectorIndex(f.sector));
  const expanded = new Set<number>();

  // Tiered chains upstream of every anchor, and its downstream buyers.
  const anchors = firms.flatMap((f, i) => (isAnchorTier(f.tier) ? [i] : []));
  const large = firms.flatMap((f, i) => (f.tier === 'large' ? [i] : []));
  const outside = firms.flatMap((f, i) => (f.tier === 'external' ? [i] : []));
  const busanSmes = firms.flatMap((f, i) => (f.region === 'Busan' && f.tier === 'sme' ? [i] : []));
  const sells = (s: number, b: number) => outputAffinity[sectorOf[s] * SECTOR_COUNT + sectorOf[b]];
  const downstreamOf = new Map(COHORT_2026.map((a) => [a.id, a.downstream]));
  /** Large buyers an anchor sells to: its named downstream sectors, else assemblers that buy its sector. */
  const largeBuyerWeight = (a: number, b: number) => {
    const named = downstreamOf.get(firms[a].id);
    const fits = named ? named.includes(firms[b].sector) : pop.role[b] === 'assembler' && sells(a, b) > 0;
    return fits ? Math.sqrt(firms[b].revenue) : 0;
  };
  const supply = (buyer: number, count: number, boost: number): number[] => {
    const got: number[] = [];
    for (let attempt = 0; got.length < count && attempt < count * 6; attempt++) {
      const s = sampler.supplierFor(rng, buyer);
      if (links.add(s, buyer, boost)) got.push(s);
    }
    return got;
  };
  for (const a of anchors) {
    const tier1Count = firms[a].tier === 'top-anchor' ? rng.int(45, 60) : firms[a].tier === 'anchor' ? rng.int(28, 40) : rng.int(14, 22);
    const tier1 = supply(a, tier1Count, ANCHOR_LINK_WEIGHT);
    const tier2: number[] = [];
    for (const s of tier1) {
      if (expanded.has(s)) continue;
      expanded.add(s);
      tier2.push(...supply(s, rng.int(2, 5), TIER2_LINK_WEIGHT));
    }
    for (const t of tier2) {
      if (expanded.has(t)) continue;
      expanded.add(t);
      supply(t, rng.int(1, 3), 1);
    }
    for (const b of pickDistinct(rng, large, (b) => largeBuyerWeight(a, b), rng.int(2, 4))) links.add(a, b, ANCHOR_LINK_WEIGHT);
    for (const b of pickDistinct(rng, outside, (b) => sells(a, b) * buyerWeight[b], rng.int(2, 5))) links.add(a, b, ANCHOR_LINK_WEIGHT);
    for (const b of pickDistinct(rng, busanSmes, (b) => sells(a, b) * buyerWeight[b], rng.int(0, 3))) links.add(a, b, 1);
  }

  // Every firm trades with someone: assemblers buy, everyone else sells.
  for (let i = 0; i < n; i++) {
    if (links.degree[i] > 0) continue;
    if (firms[i].tier === 'large' && pop.role[i] === 'assembler') supply(i, rng.int(2, 4), 1);
    else {
      const want = firms[i].tier === 'external' ? 1 : rng.int(1, 2);
      for (let attempt = 0, got = 0; got < want && attempt < want * 6; attempt++) if (links.add(i, sampler.buyerFor(rng, i))) got++;
    }
  }

  // A few reciprocal trades between Busan firms (one machines parts for the other and buys its tooling back).
  const reciprocalTarget = Math.round(links.size * 0.01);
  for (let added = 0, attempt = 0; added < reciprocalTarget && attempt < reciprocalTarget * 20; attempt++) {
    const e = rng.int(0, links.size - 1);
    const s = links.src[e];
    const b = links.dst[e];
    if (firms[s].region === 'Busan' && firms[b].region === 'Busan' && links.add(b, s, 0.5)) added++;
  }

  // Background trade up to the link target.
  const buyers = new AliasTable(buyerWeight);
  while (links.size < LINK_COUNT) {
    const b = buyers.sample(rng);
    links.add(sampler.supplierFor(rng, b), b);
  }
  return links;
}

/**
 * Sets the early cohorts' 2024 history points so that, summed over those firms, 2025 revenue is exactly
 * +15.6% and employment +13.7% on 2024 (up to rounding to whole KRW million and whole employees).
 */
function tuneEarlyCohortHistory(rng: Prng, firms: Firm[]): void {
  const cohort = firms.filter((f) => f.cohort !== undefined && (EARLY_COHORT_GROWTH.cohorts as readonly number[]).includes(f.cohort));
  const revenue2025 = cohort.reduce((s, f) => s + f.revenue, 0);
  const employees2025 = cohort.reduce((s, f) => s + f.employees, 0);
  const rawRevenue = cohort.map((f) => f.revenue / (1 + rng.normal(EARLY_COHORT_GROWTH.revenue, 0.05)));
  const rawEmployees = cohort.map((f) => f.employees / (1 + rng.normal(EARLY_COHORT_GROWTH.employees, 0.04)));
  const revenueScale = revenue2025 / (1 + EARLY_COHORT_GROWTH.revenue) / rawRevenue.reduce((s, x) => s + x, 0);
  const employeeScale = employees2025 / (1 + EARLY_COHORT_GROWTH.employees) / rawEmployees.reduce((s, x) => s + x, 0);
  const revenue2024 = rawRevenue.map((x) => Math.round(x * revenueScale));
  const employees2024 = rawEmployees.map((x) => Math.max(1, Math.round(x * employeeScale)));
  // Whole employees: hand the rounding remainder out one by one, largest firms first.
  const targetEmployees = Math.round(employees2025 / (1 + EARLY_COHORT_GROWTH.employees));
  const order = cohort.map((_, k) => k).sort((p, q) => employees2024[q] - employees2024[p]);
  let remainder = targetEmployees - employees2024.reduce((s, x) => s + x, 0);
  for (let k = 0; remainder !== 0; k = (k + 1) % order.length) {
    const step = Math.sign(remainder);
    employees2024[order[k]] += step;
    remainder -= step;
  }
  cohort.forEach((f, k) => {
    const latest = { revenue: f.revenue, employees: f.employees, exportShare: f.exportShare ?? 0 };
    f.history = drawHistory(rng, latest, f.founded ?? 2000, { mean: 0.07, noise: 0.03 }, { revenue: revenue2024[k], employees: employees2024[k] });
  });
}

/** The seed network (≈4,000 firms, 14,000 supplies of 2025); the same seed gives byte-identical JSON. */
export function generateBusanNetwork(seed = 2026): Dataset {
  const root = new Prng(seed);
  const populationRng = root.fork(1);
  const linkRng = root.fork(2);
  const valueRng = root.fork(3);
  const historyRng = root.fork(4);

  const pop = drawPopulation(populationRng, new NameMaker(root.fork(5)));
  const { firms } = pop;
  const n = firms.length;
  const { supplierWeight, buyerWeight } = tradePopularity(populationRng, firms, (i) => pop.role[i]);
  const sampler = new PartnerSampler({
    sector: Uint8Array.from(firms, (f) => sectorIndex(f.sector)),
    place: Uint8Array.from(firms, (f) => placeOf(f.region, f.district)),
    supplierWeight,
    buyerWeight,
  });
  const links = drawLinks(linkRng, pop, sampler, buyerWeight);

  const m = links.size;
  const src = Int32Array.from(links.src);
  const dst = Int32Array.from(links.dst);
  const revenue = Float64Array.from(firms, (f) => f.revenue);
  const weight = new Float64Array(m);
  for (let e = 0; e < m; e++) weight[e] = linkWeight(valueRng, revenue[src[e]], revenue[dst[e]], links.boost[e]);
  const value = balanceFlows(revenue, src, dst, weight, flowTargets(valueRng, firms));
  const sums = networkSums(n, src, dst, value);
  assertAccounting(firms.map((f) => f.id), revenue, sums, 'generateBusanNetwork');
  closeCostStructures(firms, sums.purchases);

  tuneEarlyCohortHistory(historyRng, firms);

  const order = Array.from({ length: m }, (_, e) => e).sort((p, q) => src[p] - src[q] || dst[p] - dst[q]);
  const supplies: Supply[] = order.map((e) => ({
    supplier: firms[src[e]].id,
    buyer: firms[dst[e]].id,
    value: value[e],
    year: DATA_YEAR,
    product: pop.product[src[e]],
  }));
  return { firms, supplies };
}
