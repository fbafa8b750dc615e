/**
 * The shape of the synthetic economy both seed generators draw from: where Busan's manufacturers are,
 * which sectors they are in, who buys from whom, and what they ship.
 *
 * These are rounded, hand-set approximations of Busan's published makeup (manufacturing concentrated in
 * Gangseo-gu's Noksan/Hwajeon/Mieum complexes, Sasang-gu, Saha-gu's Sinpyeong-Jangrim and Gijang-gun's
 * Jeonggwan/Dongbusan complexes; fabricated metal, machinery, auto parts and ship equipment leading), not
 * statistics of any year. The input affinities are plausible supplier-sector mixes, not input-output
 * coefficients.
 */
import { BUSAN_DISTRICTS, KNOWN_REGIONS } from '../server/domain/regions.ts';
import { SECTORS } from '../server/domain/sectors.ts';

export const SECTOR_CODES = SECTORS.map((s) => s.code);
export const SECTOR_COUNT = SECTOR_CODES.length;
const SECTOR_INDEX = new Map(SECTOR_CODES.map((c, i) => [c, i]));

export function sectorIndex(code: string): number {
  const i = SECTOR_INDEX.get(code);
  if (i === undefined) throw new Error(`sectorIndex: unknown sector "${code}"`);
  return i;
}

/**
 * Places: Busan's 16 gu/gun first (index = position in BUSAN_DISTRICTS), then the out-of-region regions.
 * A Busan firm's place is its district; any other firm's place is its region.
 */
export const OUTSIDE_REGIONS = KNOWN_REGIONS.filter((r) => r.id !== 'Busan').map((r) => r.id);
export const DISTRICT_COUNT = BUSAN_DISTRICTS.length;
export const PLACE_COUNT = DISTRICT_COUNT + OUTSIDE_REGIONS.length;

export function placeOf(region: string, district: string | undefined): number {
  if (region === 'Busan') {
    const d = BUSAN_DISTRICTS.findIndex((x) => x.id === district);
    if (d < 0) throw new Error(`placeOf: Busan firm without a known district ("${district}")`);
    return d;
  }
  const r = OUTSIDE_REGIONS.indexOf(region as (typeof OUTSIDE_REGIONS)[number]);
  if (r < 0) throw new Error(`placeOf: unknown region "${region}"`);
  return DISTRICT_COUNT + r;
}

export function isBusanPlace(place: number): boolean {
  return place < DISTRICT_COUNT;
}

type ByCode = Readonly<Record<string, number>>;

/** Relative numbers of Busan manufacturing SMEs by KSIC division. */
export const BUSAN_SECTOR_WEIGHTS: ByCode = {
  '25': 19, '29': 16, '30': 9, '31': 9, '10': 7, '22': 7, '24': 6, '28': 6,
  '15': 4, '13': 4, '20': 3, '27': 2.5, '46': 2.5, '26': 2, '33': 2, '72': 1.5,
};

/** Relative numbers of manufacturing firms by gu/gun: the industrial districts dominate, the old centre is tiny. */
export const DISTRICT_WEIGHTS: ByCode = {
  'Gangseo-gu': 24, 'Sasang-gu': 19, 'Saha-gu': 15, 'Gijang-gun': 9, 'Busanjin-gu': 5, 'Buk-gu': 5,
  'Geumjeong-gu': 4, 'Haeundae-gu': 4, 'Yeongdo-gu': 3.5, 'Dongnae-gu': 2.5, 'Nam-gu': 2.5, 'Yeonje-gu': 2,
  'Seo-gu': 2, 'Suyeong-gu': 1, 'Dong-gu': 0.8, 'Jung-gu': 0.7,
};

/** Where a sector clusters: multipliers on DISTRICT_WEIGHTS (1 where not listed). */
const DISTRICT_TILT: Readonly<Record<string, ByCode>> = {
  '31': { 'Yeongdo-gu': 4, 'Gangseo-gu': 1.6, 'Saha-gu': 1.5, 'Seo-gu': 1.5, 'Nam-gu': 1.2, 'Busanjin-gu': 0.3, 'Dongnae-gu': 0.3, 'Suyeong-gu': 0.3 },
  '30': { 'Gangseo-gu': 1.8, 'Gijang-gun': 1.6, 'Busanjin-gu': 0.3, 'Jung-gu': 0.2, 'Dong-gu': 0.2, 'Suyeong-gu': 0.3 },
  '28': { 'Gangseo-gu': 1.3, 'Sasang-gu': 1.2, 'Gijang-gun': 1.2, 'Haeundae-gu': 1.2 },
  '27': { 'Haeundae-gu': 3, 'Gijang-gun': 1.5, 'Busanjin-gu': 1.5, 'Geumjeong-gu': 1.5, 'Sasang-gu': 0.7 },
  '26': { 'Haeundae-gu': 3, 'Gijang-gun': 1.5, 'Busanjin-gu': 1.5, 'Geumjeong-gu': 1.5, 'Sasang-gu': 0.7 },
  '24': { 'Saha-gu': 1.6, 'Sasang-gu': 1.5, 'Gangseo-gu': 1.2, 'Jung-gu': 0.2, 'Dong-gu': 0.2, 'Suyeong-gu': 0.2, 'Haeundae-gu': 0.3 },
  '25': { 'Sasang-gu': 1.4, 'Saha-gu': 1.3, 'Gangseo-gu': 1.1 },
  '15': { 'Sasang-gu': 2, 'Busanjin-gu': 2, 'Buk-gu': 1.5, 'Gangseo-gu': 1.2 },
  '13': { 'Busanjin-gu': 2, 'Buk-gu': 1.5, 'Sasang-gu': 1.3, 'Geumjeong-gu': 1.3 },
  '10': { 'Seo-gu': 3, 'Jung-gu': 2, 'Dong-gu': 2, 'Yeongdo-gu': 2, 'Saha-gu': 1.6, 'Gijang-gun': 1.4, 'Gangseo-gu': 1.3 },
  '46': { 'Jung-gu': 3, 'Dong-gu': 3, 'Busanjin-gu': 2, 'Yeonje-gu': 2, 'Sasang-gu': 1.5 },
  '72': { 'Haeundae-gu': 3, 'Busanjin-gu': 2, 'Yeonje-gu': 2, 'Nam-gu': 2, 'Suyeong-gu': 2 },
};

/** District weights for a sector's firms, in BUSAN_DISTRICTS order. */
export function districtWeightsFor(sector: string): number[] {
  const tilt = DISTRICT_TILT[sector] ?? {};
  return BUSAN_DISTRICTS.map((d) => DISTRICT_WEIGHTS[d.id] * (tilt[d.id] ?? 1));
}

/** Out-of-region partners by region, in OUTSIDE_REGIONS order. */
export const OUTSIDE_REGION_WEIGHTS: ByCode = { Gyeongnam: 32, Ulsan: 14, Daegu: 10, Capital: 26, Overseas: 18 };

/** Sector mix of out-of-region partners, by region. */
export const OUTSIDE_SECTOR_WEIGHTS: Readonly<Record<string, ByCode>> = {
  Gyeongnam: { '29': 5, '31': 4, '25': 4, '24': 3, '30': 3, '28': 2, '22': 1, '46': 1 },
  Ulsan: { '20': 5, '30': 4, '31': 4, '24': 3, '29': 2, '25': 1 },
  Daegu: { '30': 5, '25': 3, '13': 3, '29': 2, '26': 1 },
  Capital: { '26': 5, '46': 4, '20': 3, '28': 3, '27': 3, '72': 2, '29': 1 },
  Overseas: { '26': 3, '27': 3, '46': 4, '20': 2, '31': 2, '15': 2, '29': 2, '24': 1 },
};

/**
 * Input affinity: for a buyer in sector b, the relative weight of buying from sector s.
 * Shipyards buy steel, blocks, machinery and electrics; automakers buy parts, plastics and metal work; etc.
 */
const INPUT_AFFINITY: Readonly<Record<string, ByCode>> = {
  '10': { '10': 5, '22': 1, '46': 2, '29': 0.5, '20': 0.5 },
  '13': { '13': 4, '20': 2, '46': 1 },
  '15': { '15': 4, '13': 3, '22': 3, '20': 1, '46': 1 },
  '20': { '20': 4, '46': 2, '24': 0.5 },
  '22': { '20': 5, '22': 2, '29': 1, '46': 2, '13': 1 },
  '24': { '24': 4, '20': 1, '46': 2, '29': 1 },
  '25': { '24': 6, '25': 3, '29': 1, '20': 1, '46': 2 },
  '26': { '26': 4, '20': 2, '24': 1, '22': 1, '28': 1, '46': 1 },
  '27': { '26': 4, '25': 2, '28': 2, '27': 2, '22': 1, '46': 1, '72': 1 },
  '28': { '24': 3, '25': 3, '26': 3, '22': 2, '28': 3, '27': 1, '20': 1, '46': 1 },
  '29': { '25': 5, '24': 4, '29': 4, '28': 3, '27': 2, '26': 1, '22': 1, '46': 1, '72': 1 },
  '30': { '30': 6, '22': 4, '25': 4, '24': 3, '28': 2, '26': 2, '29': 1, '13': 1, '20': 1, '46': 1 },
  '31': { '31': 3, '25': 5, '24': 4, '29': 5, '28': 3, '27': 2, '26': 1, '22': 1, '20': 1, '46': 1, '72': 1 },
  '33': { '22': 2, '25': 2, '13': 1, '20': 1, '33': 1, '46': 1 },
  '46': { '10': 1, '15': 1, '22': 1, '24': 2, '25': 2, '28': 1, '29': 1, '30': 1, '31': 1, '26': 1 },
  '72': { '72': 2, '26': 1, '27': 1, '46': 1 },
};

/** inputAffinity[b * SECTOR_COUNT + s]: weight of supplier sector s for a buyer in sector b. */
export const inputAffinity = new Float64Array(SECTOR_COUNT * SECTOR_COUNT);
for (const [buyer, row] of Object.entries(INPUT_AFFINITY)) {
  for (const [supplier, w] of Object.entries(row)) inputAffinity[sectorIndex(buyer) * SECTOR_COUNT + sectorIndex(supplier)] = w;
}

/**
 * outputAffinity[s * SECTOR_COUNT + b]: weight of buyer sector b for a supplier in sector s — the input
 * affinity read backwards, weighted by how common buyers of sector b are.
 */
export const outputAffinity = new Float64Array(SECTOR_COUNT * SECTOR_COUNT);
for (let b = 0; b < SECTOR_COUNT; b++) {
  const mass = BUSAN_SECTOR_WEIGHTS[SECTOR_CODES[b]] ?? 1;
  for (let s = 0; s < SECTOR_COUNT; s++) outputAffinity[s * SECTOR_COUNT + b] = inputAffinity[b * SECTOR_COUNT + s] * mass;
}

/** What a firm of a sector ships, in English; a firm keeps one main product. */
export const PRODUCTS: Readonly<Record<string, readonly string[]>> = {
  '10': ['processed seafood', 'food ingredients', 'packaged food', 'fish paste', 'seasonings'],
  '13': ['technical textiles', 'woven fabric', 'yarn', 'nonwovens', 'safety nets'],
  '15': ['shoe soles', 'footwear uppers', 'athletic footwear', 'leather parts', 'shoe lasts'],
  '20': ['marine coatings', 'resins', 'adhesives', 'industrial gases', 'lubricants'],
  '22': ['rubber seals', 'injection-moulded parts', 'hoses', 'rubber compounds', 'plastic films'],
  '24': ['steel plate', 'steel pipe', 'castings', 'forgings', 'copper wire rod', 'aluminium extrusions'],
  '25': ['machined parts', 'bolts and fasteners', 'welded structures', 'sheet-metal enclosures', 'brackets', 'heat-treated parts'],
  '26': ['PCB assemblies', 'sensors', 'control boards', 'displays', 'power modules'],
  '27': ['level gauges', 'measuring instruments', 'control systems', 'flow meters', 'test equipment'],
  '28': ['cables', 'switchboards', 'marine lighting', 'electric motors', 'transformers', 'batteries'],
  '29': ['valves', 'pumps', 'pipe fittings', 'hydraulic cylinders', 'compressors', 'gears', 'deck machinery'],
  '30': ['brake parts', 'seat frames', 'engine parts', 'wire harnesses', 'body panels', 'suspension parts'],
  '31': ['hull blocks', 'ship outfitting', 'ship piping', 'deck equipment', 'ship repair', 'marine engine parts'],
  '33': ['industrial parts', 'sporting goods', 'signage', 'furniture parts'],
  '46': ['distributed steel', 'distributed components', 'trading', 'distributed chemicals'],
  '72': ['engineering design', 'testing and inspection', 'automation integration', 'ship design'],
};
