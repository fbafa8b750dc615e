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
import { CATEGORIES, firmAttributes, supplyCsr, type Category, type LinkColumns, type Snapshot, type SnapshotFirm } from './snapshot.ts';

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

  // Supplies: the old pairs of unchanged suppliers (one link each), then the changed suppliers' links.
  let count = 0;
  for (const links of changes.outLinks.values()) count += links.length;
  const changedSupplier = new Uint8Array(old.n);
  for (const id of changes.outLinks.keys()) {
    const i = old.index.get(id);
    if (i !== undefined) changedSupplier[i] = 1;
  }
  for (let i = 0; i < old.n; i++) if (!changedSupplier[i]) count += old.outOffsets[i + 1] - old.outOffsets[i];
  const links: LinkColumns = { count, supplier: new Int32Array(count), buyer: new Int32Array(count), value: new Float64Array(count), year: new Float64Array(count) };
  let e = 0;
  for (let i = 0; i < old.n; i++) {
    if (changedSupplier[i]) continue;
    for (let q = old.outOffsets[i]; q < old.outOffsets[i + 1]; q++, e++) {
      links.supplier[e] = position[i];
      links.buyer[e] = position[old.outTargets[q]];
      links.value[e] = old.outValues[q];
    }
  }
  for (const [supplierId, out] of changes.outLinks) {
    const s = index.get(supplierId);
    if (s === undefined) throw new Error(`patchSnapshot: supplier ${supplierId} is not among the firms`);
    for (const l of out) {
      const b = index.get(l.buyer);
      if (b === undefined) throw new Error(`patchSnapshot: buyer ${l.buyer} is not among the firms`);
      links.supplier[e] = s;
      links.buyer[e] = b;
      links.value[e] = l.value;
      links.year[e] = l.year;
      e++;
    }
  }

  return {
    n,
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
    ...supplyCsr(n, links),
  };
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
