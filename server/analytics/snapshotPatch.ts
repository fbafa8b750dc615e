/**
 * A snapshot updated after a merge import without reading the whole network again. A merge upserts firms
 * and supplies and deletes nothing, so the new network is the old one with some firms' attributes replaced
 * (or firms added) and some suppliers' out-links replaced by what they are now. The caller reads just those
 * from the database; this module puts them together with the untouched rest.
 *
 * The result equals a fresh build of the merged data: firms numbered in id order as a load numbers them
 * (new firms are merged into place), the same pairs and values in both CSRs (within a firm's row, pairs may
 * come in another order than a fresh load's, which follows the database's storage order).
 */
import { CATEGORIES, firmAttributes, type Category, type Snapshot, type SnapshotFirm } from './snapshot.ts';

/** A supply as read for a changed supplier: buyer id, value, year (0 when none). */
export interface PatchLink {
  buyer: string;
  value: number;
  year: number;
}

export interface SnapshotChanges {
  /** Every firm the merge upserted, as stored now (new ones included). */
  firms: readonly SnapshotFirm[];
  /** Every supplier with upserted supplies: all its out-links as stored now. */
  outLinks: ReadonlyMap<string, readonly PatchLink[]>;
}

export function patchSnapshot(old: Snapshot, changes: SnapshotChanges): Snapshot {
  // Firm numbering: the old ids (in id order) with the new ones merged into place.
  const added = [...new Set(changes.firms.map((f) => f.id).filter((id) => !old.index.has(id)))].sort(byCodeUnits);
  const n = old.n + added.length;
  const ids: string[] = new Array(n);
  const position = new Int32Array(old.n);
  for (let i = 0, a = 0, k = 0; k < n; k++) {
    if (a < added.length && (i >= old.n || added[a] < old.ids[i])) ids[k] = added[a++];
    else {
      position[i] = k;
      ids[k] = old.ids[i++];
    }
  }
  const index = added.length === 0 ? old.index : new Map(ids.map((id, k) => [id, k]));

  const names: string[] = new Array(n);
  const namesKo: (string | null)[] = new Array(n);
  const revenue = new Float64Array(n);
  const employees = new Float64Array(n);
  const valueAddedRatio = new Float64Array(n);
  const wageShare = new Float64Array(n);
  const inHomeRegion = new Uint8Array(n);
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, { codes: new Uint16Array(n), labels: [...old[c].labels] }])) as Record<(typeof CATEGORIES)[number], Category>;
  for (let i = 0; i < old.n; i++) {
    const k = position[i];
    names[k] = old.names[i];
    namesKo[k] = old.namesKo[i];
    revenue[k] = old.revenue[i];
    employees[k] = old.employees[i];
    valueAddedRatio[k] = old.valueAddedRatio[i];
    wageShare[k] = old.wageShare[i];
    inHomeRegion[k] = old.inHomeRegion[i];
    for (const c of CATEGORIES) categories[c].codes[k] = old[c].codes[i];
  }
  for (const f of changes.firms) {
    const k = index.get(f.id)!;
    const a = firmAttributes(f);
    names[k] = f.name;
    namesKo[k] = f.nameKo ?? null;
    revenue[k] = a.revenue;
    employees[k] = a.employees;
    valueAddedRatio[k] = a.valueAddedRatio;
    wageShare[k] = a.wageShare;
    inHomeRegion[k] = a.inHomeRegion;
    for (const c of CATEGORIES) categories[c].codes[k] = codeOf(categories[c], a[c] ?? '');
  }

  const out = patchOut(old, n, index, position, added.length > 0, changes.outLinks);
  return {
    n,
    m: out.offsets[n],
    ids,
    names,
    namesKo,
    index,
    revenue,
    employees,
    valueAddedRatio,
    wageShare,
    inHomeRegion,
    ...categories,
    outOffsets: out.offsets,
    outTargets: out.targets,
    outValues: out.values,
    ...transpose(n, out),
  };
}

interface Csr {
  offsets: Int32Array;
  targets: Int32Array;
  values: Float64Array;
}

/**
 * The out-CSR: unchanged suppliers' rows copied (renumbered when firms were added), changed suppliers'
 * rows made from their links as a build makes them (self-supplies dropped; a pair's value is the sum of
 * its links in the pair's latest year).
 */
function patchOut(old: Snapshot, n: number, index: ReadonlyMap<string, number>, position: Int32Array, renumbered: boolean, outLinks: SnapshotChanges['outLinks']): Csr {
  const rows = new Map<number, { targets: number[]; values: number[] }>();
  for (const [supplierId, links] of outLinks) {
    const s = index.get(supplierId);
    if (s === undefined) throw new Error(`patchSnapshot: supplier ${supplierId} is not among the firms`);
    const pairOf = new Map<number, number>();
    const row = { targets: [] as number[], values: [] as number[], years: [] as number[] };
    for (const l of links) {
      const b = index.get(l.buyer);
      if (b === undefined) throw new Error(`patchSnapshot: buyer ${l.buyer} is not among the firms`);
      if (b === s) continue;
      const p = pairOf.get(b);
      if (p === undefined) {
        pairOf.set(b, row.targets.length);
        row.targets.push(b);
        row.values.push(l.value);
        row.years.push(l.year);
      } else if (l.year > row.years[p]) {
        row.years[p] = l.year;
        row.values[p] = l.value;
      } else if (l.year === row.years[p]) row.values[p] += l.value;
    }
    rows.set(s, row);
  }
  const oldOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < old.n; i++) oldOf[position[i]] = i;
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) {
    const i = oldOf[k];
    const degree = rows.get(k)?.targets.length ?? (i >= 0 ? old.outOffsets[i + 1] - old.outOffsets[i] : 0);
    offsets[k + 1] = offsets[k] + degree;
  }
  const targets = new Int32Array(offsets[n]);
  const values = new Float64Array(offsets[n]);
  for (let k = 0; k < n; k++) {
    const row = rows.get(k);
    if (row) {
      targets.set(row.targets, offsets[k]);
      values.set(row.values, offsets[k]);
      continue;
    }
    const i = oldOf[k];
    if (i < 0) continue;
    const from = old.outOffsets[i];
    const to = old.outOffsets[i + 1];
    values.set(old.outValues.subarray(from, to), offsets[k]);
    if (!renumbered) targets.set(old.outTargets.subarray(from, to), offsets[k]);
    else for (let q = from; q < to; q++) targets[offsets[k] + q - from] = position[old.outTargets[q]];
  }
  return { offsets, targets, values };
}

/** The in-CSR of an out-CSR (a counting sort by buyer). */
function transpose(n: number, out: Csr) {
  const m = out.offsets[n];
  const inOffsets = new Int32Array(n + 1);
  for (let q = 0; q < m; q++) inOffsets[out.targets[q] + 1]++;
  for (let j = 0; j < n; j++) inOffsets[j + 1] += inOffsets[j];
  const cursor = inOffsets.slice(0, n);
  const inSources = new Int32Array(m);
  const inValues = new Float64Array(m);
  for (let s = 0; s < n; s++) {
    for (let q = out.offsets[s]; q < out.offsets[s + 1]; q++) {
      const at = cursor[out.targets[q]]++;
      inSources[at] = s;
      inValues[at] = out.values[q];
    }
  }
  return { inOffsets, inSources, inValues };
}

function codeOf(category: Category, label: string): number {
  const code = category.labels.indexOf(label);
  if (code >= 0) return code;
  category.labels.push(label);
  return category.labels.length - 1;
}

/** Ids in the order a load's ORDER BY gives them (firm ids are ASCII, where every string order agrees). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
