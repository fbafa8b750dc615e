/**
 * Firm attributes for the synthetic network, drawn to look like Korean manufacturers':
 * revenue in KRW million by tier, employees from revenue per employee (≈ ₩300–600m for manufacturing SMEs,
 * more for capital-intensive and large firms), a valid business registration number, founding year,
 * export share, R&D intensity, patents, certifications, AX readiness and a 2022–2025 history whose last
 * point equals the firm's current revenue and employees.
 */
import { brnCheckDigit } from '../server/domain/brn.ts';
import { Firm, type HistoryPoint, type Tier } from '../server/domain/firm.ts';
import { defaultValueAddedRatio } from '../server/domain/sectors.ts';
import type { FirmName, NameMaker } from './names.ts';
import type { Prng } from './prng.ts';

/** The year the network describes (revenue, employees and supplies are 2025 values). */
export const DATA_YEAR = 2025;
export const HISTORY_START = 2022;

/** A firm to draw: what the generator decides; everything else is drawn. */
export interface FirmSpec {
  id: string;
  tier: Tier;
  sector: string;
  region: string;
  district?: string;
  cohort?: number;
  name?: FirmName;
  revenue?: number;
  /** A fast-growing, exporting, patenting SME: the kind of firm the pre-anchor search should surface. */
  strong?: boolean;
}

/** Draw ranges of revenue (KRW million) by tier: [low, median, high] of a truncated lognormal. */
const REVENUE_RANGE: Readonly<Record<Tier, readonly [number, number, number]>> = {
  sme: [500, 3_500, 50_000],
  'pre-anchor': [30_000, 45_000, 70_000],
  anchor: [60_000, 100_000, 160_000],
  'top-anchor': [150_000, 210_000, 300_000],
  large: [300_000, 1_500_000, 30_000_000],
  external: [1_000, 40_000, 5_000_000],
};
const REVENUE_SIGMA: Readonly<Record<Tier, number>> = {
  sme: 1.0, 'pre-anchor': 0.3, anchor: 0.35, 'top-anchor': 0.3, large: 0.9, external: 1.5,
};

/** Median revenue per employee (KRW million) by tier, before the sector's capital intensity. */
const REVENUE_PER_EMPLOYEE: Readonly<Record<Tier, number>> = {
  sme: 340, 'pre-anchor': 420, anchor: 450, 'top-anchor': 480, large: 900, external: 550,
};
const CAPITAL_INTENSITY: Readonly<Record<string, number>> = {
  '10': 0.85, '13': 0.8, '15': 0.75, '20': 1.6, '24': 1.6, '26': 1.2, '46': 2, '72': 0.6,
};

/** Typical export share and R&D intensity (R&D / revenue) of a firm of the sector. */
const EXPORT_BASE: Readonly<Record<string, number>> = {
  '10': 0.1, '13': 0.2, '15': 0.3, '20': 0.15, '22': 0.1, '24': 0.1, '25': 0.08, '26': 0.3, '27': 0.25,
  '28': 0.25, '29': 0.2, '30': 0.15, '31': 0.35, '33': 0.1, '46': 0.15, '72': 0.05,
};
const RD_BASE: Readonly<Record<string, number>> = {
  '20': 0.02, '26': 0.045, '27': 0.05, '28': 0.03, '29': 0.025, '30': 0.02, '31': 0.015, '72': 0.06,
};
const MARINE_SECTORS = new Set(['27', '28', '29', '31']);

const isAnchorTier = (t: Tier) => t === 'top-anchor' || t === 'anchor' || t === 'pre-anchor';

export function drawRevenue(rng: Prng, tier: Tier): number {
  const [low, median, high] = REVENUE_RANGE[tier];
  const sigma = REVENUE_SIGMA[tier];
  for (;;) {
    const r = Math.round(rng.lognormal(Math.log(median), sigma));
    if (r >= low && r <= high) return r;
  }
}

export function drawEmployees(rng: Prng, revenue: number, tier: Tier, sector: string): number {
  const perEmployee = REVENUE_PER_EMPLOYEE[tier] * (CAPITAL_INTENSITY[sector] ?? 1) * rng.lognormal(0, 0.22);
  return Math.max(1, Math.round(revenue / perEmployee));
}

function drawFounded(rng: Prng, tier: Tier, strong: boolean): number {
  const medianAge = strong ? 9 : tier === 'large' ? 45 : isAnchorTier(tier) ? 28 : 18;
  const age = Math.min(70, Math.max(2, Math.round(rng.lognormal(Math.log(medianAge), 0.55))));
  return DATA_YEAR - age;
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

interface Capabilities {
  exportShare: number;
  rdIntensity: number;
  patents: number;
  certifications: number;
  axLevel: number;
}

function drawCapabilities(rng: Prng, spec: FirmSpec, employees: number): Capabilities {
  const { tier, sector } = spec;
  if (spec.strong) {
    return {
      exportShare: round(rng.uniform(0.3, 0.75), 3),
      rdIntensity: round(rng.uniform(0.04, 0.12), 4),
      patents: rng.int(8, 45),
      certifications: rng.int(3, 8),
      axLevel: rng.int(3, 5),
    };
  }
  const anchor = isAnchorTier(tier);
  const exportsAtAll = tier === 'sme' ? rng.bool(0.45) : rng.bool(0.92);
  const tierExport = anchor ? 1.6 : tier === 'sme' ? 0.7 : 1.1;
  const exportShare = exportsAtAll ? clamp((EXPORT_BASE[sector] ?? 0.1) * tierExport * rng.lognormal(0, 0.6), 0.005, 0.95) : 0;
  const doesRd = tier === 'sme' ? rng.bool(0.7) : true;
  const rdIntensity = doesRd ? clamp((RD_BASE[sector] ?? 0.01) * (anchor ? 1.4 : 1) * rng.lognormal(0, 0.7), 0.0005, 0.3) : 0;
  const patents = rng.poisson(Math.pow(employees, 0.7) * rdIntensity * 8 * (anchor ? 1.5 : 1));
  const certifications = Math.min(
    15,
    rng.poisson(0.6 + Math.log10(employees + 1) * 0.9 + (anchor ? 2 : 0) + (MARINE_SECTORS.has(sector) ? 1 : 0)),
  );
  const axLevel = clamp(Math.round(rng.normal(0.4 + 0.45 * Math.log10(employees + 1) + rdIntensity * 12 + (anchor ? 0.6 : 0), 0.9)), 0, 5);
  return { exportShare: round(exportShare, 3), rdIntensity: round(rdIntensity, 4), patents, certifications, axLevel };
}

/** Mean annual revenue growth of a firm, and its year-to-year noise. */
export function drawGrowth(rng: Prng, spec: FirmSpec): { mean: number; noise: number } {
  if (spec.strong) return { mean: rng.uniform(0.15, 0.35), noise: 0.05 };
  if (isAnchorTier(spec.tier)) return { mean: rng.normal(0.06, 0.025), noise: 0.04 };
  return { mean: rng.normal(0.035, 0.03), noise: 0.06 };
}

/**
 * Yearly points from max(HISTORY_START, founded) to DATA_YEAR, drawn backwards from the latest one so that it
 * equals the firm's figures. `previous`, when given, fixes the DATA_YEAR − 1 point.
 */
export function drawHistory(
  rng: Prng,
  latest: { revenue: number; employees: number; exportShare: number },
  founded: number,
  growth: { mean: number; noise: number },
  previous?: { revenue: number; employees: number },
): HistoryPoint[] {
  const first = Math.max(HISTORY_START, founded);
  const points: HistoryPoint[] = [{ year: DATA_YEAR, ...latest }];
  let { revenue, employees, exportShare } = latest;
  for (let year = DATA_YEAR - 1; year >= first; year--) {
    if (previous && year === DATA_YEAR - 1) {
      revenue = previous.revenue;
      employees = previous.employees;
    } else {
      const g = Math.max(-0.35, rng.normal(growth.mean, growth.noise));
      const ge = Math.max(-0.3, 0.55 * g + rng.normal(0, growth.noise / 2));
      revenue = Math.max(1, Math.round(revenue / (1 + g)));
      employees = Math.max(1, Math.round(employees / (1 + ge)));
    }
    exportShare = round(clamp(exportShare - (exportShare > 0 ? rng.normal(0.01, 0.02) : 0), 0, 0.95), 3);
    points.push({ year, revenue, employees, exportShare });
  }
  return points.reverse();
}

/** Tax-office prefixes (first three BRN digits) by region; corporate type codes for the middle two. */
const BRN_OFFICES: Readonly<Record<string, readonly string[]>> = {
  Busan: ['602', '603', '605', '606', '607', '617', '621', '623'],
  Gyeongnam: ['608', '609', '612', '613', '615'],
  Ulsan: ['610', '620'],
  Daegu: ['502', '503', '504', '513', '514', '515'],
  Capital: ['101', '104', '105', '106', '107', '113', '114', '120', '124', '128', '129', '134', '135', '138', '141', '206', '211', '214', '220'],
};
const BRN_KINDS = ['81', '81', '81', '86', '87', '88'];

/** Unique, checksum-valid business registration numbers; none for overseas firms. */
export class BrnMaker {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Prng) {}

  /** A fresh BRN for a firm of the region, or undefined (overseas, or the region's number space crowded). */
  make(region: string): string | undefined {
    const offices = BRN_OFFICES[region];
    if (!offices) return undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      const nine = `${this.rng.pick(offices)}${this.rng.pick(BRN_KINDS)}${String(this.rng.int(1, 9999)).padStart(4, '0')}`;
      const brn = `${nine}${brnCheckDigit(nine)}`;
      if (!this.used.has(brn)) {
        this.used.add(brn);
        return brn;
      }
    }
    return undefined;
  }
}

/**
 * Draws a whole firm (fields in the schema's order, absent ones left out). Busan firms get a Korean name, a
 * BRN and a firm-specific value-added ratio; domestic partners a Korean name and BRN; overseas ones neither.
 */
export function drawFirm(rng: Prng, names: NameMaker, brns: BrnMaker, spec: FirmSpec): Firm {
  const name = spec.name ?? (spec.region === 'Overseas' ? names.foreign(spec.sector) : names.korean(spec.sector));
  const revenue = spec.revenue ?? drawRevenue(rng, spec.tier);
  const employees = drawEmployees(rng, revenue, spec.tier, spec.sector);
  const founded = drawFounded(rng, spec.tier, spec.strong ?? false);
  const caps = drawCapabilities(rng, spec, employees);
  const history = drawHistory(rng, { revenue, employees, exportShare: caps.exportShare }, founded, drawGrowth(rng, spec));
  const brn = brns.make(spec.region);
  const valueAddedRatio =
    spec.region === 'Busan' ? round(clamp(defaultValueAddedRatio(spec.sector) + rng.normal(0, 0.04), 0.08, 0.7), 3) : undefined;
  // Keys in the schema's order (FIRM_FIELDS), absent ones left out, so that the JSON reads the same every time.
  const firm: Record<string, unknown> = { id: spec.id, name: name.name };
  if (name.nameKo !== undefined) firm.nameKo = name.nameKo;
  if (brn !== undefined) firm.brn = brn;
  firm.tier = spec.tier;
  firm.sector = spec.sector;
  firm.region = spec.region;
  if (spec.district !== undefined) firm.district = spec.district;
  firm.revenue = revenue;
  firm.employees = employees;
  if (valueAddedRatio !== undefined) firm.valueAddedRatio = valueAddedRatio;
  firm.founded = founded;
  firm.exportShare = caps.exportShare;
  firm.rdIntensity = caps.rdIntensity;
  firm.patents = caps.patents;
  firm.certifications = caps.certifications;
  firm.axLevel = caps.axLevel;
  if (spec.cohort !== undefined) firm.cohort = spec.cohort;
  firm.history = history;
  return firm as Firm;
}

/** The Firm schema's fields, in its order: also the CSV columns. */
export const FIRM_FIELDS = Object.keys(Firm.shape) as (keyof Firm)[];
