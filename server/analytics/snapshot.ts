/**
 * The analytics snapshot: the firm network as compact typed arrays, in both directions (CSR).
 * Built once per data version and shared by every analysis; never mutated after build.
 *
 * Firms are numbered 0..n−1 in the order given. Parallel supplies between the same pair (other years,
 * other products) are summed within the latest year present for that pair.
 */
import { defaultValueAddedRatio, defaultWageShare, sectorDivision } from '../domain/sectors.ts';
import { HOME_REGION } from '../domain/regions.ts';
import { sizeClass, SIZE_CLASSES, type SizeClass } from '../domain/size.ts';
import { TIERS, type Firm } from '../domain/firm.ts';

/** The attributes of a firm that analytics use. */
export type SnapshotFirm = Pick<Firm, 'id' | 'name' | 'nameKo' | 'tier' | 'sector' | 'region' | 'district' | 'revenue' | 'employees' | 'valueAddedRatio' | 'wageShare'>;

export interface SnapshotLink {
  supplier: string;
  buyer: string;
  value: number;
  year?: number;
}

/** A categorical attribute stored as a code per firm plus its labels. */
export interface Category {
  codes: Uint16Array;
  labels: string[];
}

export interface Snapshot {
  readonly n: number;
  /** Number of distinct supplier→buyer pairs. */
  readonly m: number;
  readonly ids: string[];
  readonly names: string[];
  /** Korean names; null where a firm has none. */
  readonly namesKo: (string | null)[];
  readonly index: ReadonlyMap<string, number>;
  readonly revenue: Float64Array;
  readonly employees: Float64Array;
  readonly valueAddedRatio: Float64Array;
  /** Compensation of employees / output: the firm's own, else its value-added ratio × the sector's labour share. */
  readonly wageShare: Float64Array;
  /** 1 for firms in the home region (Busan), else 0. */
  readonly inHomeRegion: Uint8Array;
  readonly region: Category;
  readonly district: Category;
  readonly sector: Category;
  readonly tier: Category;
  readonly size: Category;
  /** Supplier → buyers: for supplier i, buyers outTargets[outOffsets[i]..outOffsets[i+1]) with values z_ij. */
  readonly outOffsets: Int32Array;
  readonly outTargets: Int32Array;
  readonly outValues: Float64Array;
  /** Buyer ← suppliers: for buyer j, suppliers inSources[inOffsets[j]..inOffsets[j+1]) with values z_ij. */
  readonly inOffsets: Int32Array;
  readonly inSources: Int32Array;
  readonly inValues: Float64Array;
}

function categorise(values: (string | undefined)[], fixedLabels?: readonly string[]): Category {
  const labels: string[] = fixedLabels ? [...fixedLabels] : [];
  const lookup = new Map(labels.map((l, i) => [l, i]));
  const codes = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? '';
    let code = lookup.get(v);
    if (code === undefined) {
      code = labels.length;
      labels.push(v);
      lookup.set(v, code);
    }
    codes[i] = code;
  }
  return { codes, labels };
}

/**
 * Builds both CSR directions with counting sorts: O(n + m) time, typed arrays only (no per-pair objects).
 * Pairs are merged per supplier with a buyer-stamp array; both directions list the pairs in the order of
 * their first link, as a stable sort of the pairs by first appearance would.
 */
/** Links as columns of firm numbers (positions in `firms`), the compact form a streamed load fills. */
export interface LinkColumns {
  count: number;
  supplier: Int32Array;
  buyer: Int32Array;
  value: Float64Array;
  /** 0 where the link has no year. */
  year: Float64Array;
}

export function buildSnapshot(firms: readonly SnapshotFirm[], links: readonly SnapshotLink[]): Snapshot {
  const index = firmIndex(firms);
  const columns: LinkColumns = {
    count: links.length,
    supplier: new Int32Array(links.length),
    buyer: new Int32Array(links.length),
    value: new Float64Array(links.length),
    year: new Float64Array(links.length),
  };
  links.forEach((l, e) => {
    const s = index.get(l.supplier);
    const b = index.get(l.buyer);
    if (s === undefined || b === undefined) {
      throw new Error(`buildSnapshot: link ${l.supplier}→${l.buyer} names an unknown firm`);
    }
    columns.supplier[e] = s;
    columns.buyer[e] = b;
    columns.value[e] = l.value;
    columns.year[e] = l.year ?? 0;
  });
  return buildSnapshotFromColumns(firms, columns, index);
}

export function firmIndex(firms: readonly SnapshotFirm[]): Map<string, number> {
  const index = new Map<string, number>();
  firms.forEach((f, i) => {
    if (index.has(f.id)) throw new Error(`buildSnapshot: duplicate firm id "${f.id}"`);
    index.set(f.id, i);
  });
  return index;
}

/** The snapshot from firms and link columns; `index` is firmIndex(firms), when the caller has it already. */
export function buildSnapshotFromColumns(firms: readonly SnapshotFirm[], links: LinkColumns, index = firmIndex(firms)): Snapshot {
  const n = firms.length;
  const supplies = supplyCsr(n, links);

  const revenue = new Float64Array(n);
  const employees = new Float64Array(n);
  const valueAddedRatio = new Float64Array(n);
  const wageShare = new Float64Array(n);
  const inHomeRegion = new Uint8Array(n);
  const labels = firms.map(firmAttributes);
  labels.forEach((a, i) => {
    revenue[i] = a.revenue;
    employees[i] = a.employees;
    valueAddedRatio[i] = a.valueAddedRatio;
    wageShare[i] = a.wageShare;
    inHomeRegion[i] = a.inHomeRegion;
  });

  return {
    n,
    ids: firms.map((f) => f.id),
    names: firms.map((f) => f.name),
    namesKo: firms.map((f) => f.nameKo ?? null),
    index,
    revenue,
    employees,
    valueAddedRatio,
    wageShare,
    inHomeRegion,
    region: categorise(labels.map((a) => a.region)),
    district: categorise(labels.map((a) => a.district)),
    sector: categorise(labels.map((a) => a.sector)),
    tier: categorise(labels.map((a) => a.tier), TIERS),
    size: categorise(labels.map((a) => a.size), SIZE_CLASSES),
    ...supplies,
  };
}

/** The categorical attributes of a snapshot, by field. */
export const CATEGORIES = ['region', 'district', 'sector', 'tier', 'size'] as const;

/** A firm's values in the snapshot's per-firm columns (categories as labels). */
export function firmAttributes(f: SnapshotFirm) {
  const valueAddedRatio = f.valueAddedRatio ?? defaultValueAddedRatio(f.sector);
  return {
    revenue: f.revenue,
    employees: f.employees,
    valueAddedRatio,
    wageShare: f.wageShare ?? defaultWageShare(f.sector, valueAddedRatio),
    inHomeRegion: f.region === HOME_REGION ? 1 : 0,
    region: f.region as string | undefined,
    district: f.district,
    sector: sectorDivision(f.sector) as string | undefined,
    tier: f.tier as string | undefined,
    size: sizeClass(f.revenue, f.employees) as string | undefined,
  } satisfies Record<(typeof CATEGORIES)[number], string | undefined> & Record<string, unknown>;
}

/**
 * Both CSR directions of the supplies among n firms: self-supplies dropped, parallel links of a pair
 * summed within the pair's latest year.
 */
function supplyCsr(n: number, links: LinkColumns) {
  // Self-supplies dropped.
  const linkSupplier = new Int32Array(links.count);
  const linkBuyer = new Int32Array(links.count);
  const linkYear = new Float64Array(links.count);
  const linkValue = new Float64Array(links.count);
  let kept = 0;
  for (let e = 0; e < links.count; e++) {
    const s = links.supplier[e];
    const b = links.buyer[e];
    if (s === b) continue;
    linkSupplier[kept] = s;
    linkBuyer[kept] = b;
    linkYear[kept] = links.year[e];
    linkValue[kept] = links.value[e];
    kept++;
  }

  // Keep, per pair, the latest year's total: visit the links supplier by supplier (stable), stamping buyers.
  const bySupplier = bucket(n, linkSupplier, kept);
  const pairOfBuyer = new Int32Array(n);
  const stamp = new Int32Array(n).fill(-1);
  const pairOfLink = new Int32Array(kept).fill(-1);
  const pairYear = new Float64Array(kept);
  const pairValue = new Float64Array(kept);
  let m = 0;
  for (let s = 0; s < n; s++) {
    for (let q = bySupplier.offsets[s]; q < bySupplier.offsets[s + 1]; q++) {
      const link = bySupplier.order[q];
      const b = linkBuyer[link];
      if (stamp[b] !== s) {
        stamp[b] = s;
        pairOfBuyer[b] = m;
        pairOfLink[link] = m;
        pairYear[m] = linkYear[link];
        pairValue[m] = linkValue[link];
        m++;
      } else {
        const p = pairOfBuyer[b];
        if (linkYear[link] > pairYear[p]) {
          pairYear[p] = linkYear[link];
          pairValue[p] = linkValue[link];
        } else if (linkYear[link] === pairYear[p]) {
          pairValue[p] += linkValue[link];
        }
      }
    }
  }
  // The pairs in order of first appearance.
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const val = new Float64Array(m);
  let e = 0;
  for (let link = 0; link < kept; link++) {
    const p = pairOfLink[link];
    if (p < 0) continue;
    src[e] = linkSupplier[link];
    dst[e] = linkBuyer[link];
    val[e] = pairValue[p];
    e++;
  }
  const out = csr(n, src, dst, val);
  const inn = csr(n, dst, src, val);
  return {
    m,
    outOffsets: out.offsets,
    outTargets: out.targets,
    outValues: out.values,
    inOffsets: inn.offsets,
    inSources: inn.targets,
    inValues: inn.values,
  };
}

/** Indices 0..count−1 grouped by key (stable): group k is order[offsets[k]..offsets[k+1]). */
function bucket(n: number, keys: Int32Array, count: number) {
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < count; e++) offsets[keys[e] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const cursor = offsets.slice(0, n);
  const order = new Int32Array(count);
  for (let e = 0; e < count; e++) order[cursor[keys[e]]++] = e;
  return { offsets, order };
}

function csr(n: number, from: Int32Array, to: Int32Array, values: Float64Array) {
  const { offsets, order } = bucket(n, from, from.length);
  const targets = new Int32Array(from.length);
  const vals = new Float64Array(from.length);
  for (let p = 0; p < order.length; p++) {
    targets[p] = to[order[p]];
    vals[p] = values[order[p]];
  }
  return { offsets, targets, values: vals };
}
