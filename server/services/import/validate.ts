/**
 * Validates an import in one streaming pass with memory bounded by the number of firms, not of links:
 * every row against the zod schemas as it arrives, then references, duplicates and the accounting rules
 * over the data as it would stand after the import. Firms are numbered as they come; each supply is kept
 * only as a numeric key (supplier, buyer, year) in an open-addressing table of typed arrays, and the
 * per-firm sums and cost fields for the accounting and cost-structure rules are typed arrays too. Returns
 * every problem found (up to MAX_ISSUES), each naming the row, the field and the reason.
 */
import { Firm, Supply } from '../../domain/firm.ts';
import {
  costStructureViolation,
  describeCostStructureViolation,
  describeViolation,
  firmViolations,
  type CostStructureFirm,
  type Flow,
} from '../../domain/accounting.ts';

export const MAX_ISSUES = 10_000;

export interface ImportIssue {
  section: 'firms' | 'supplies';
  /** Zero-based position in the submitted array or file. */
  index: number;
  /** Line in the input file, when it has lines. */
  line?: number;
  id?: string;
  field: string;
  reason: string;
}

class IssueList {
  readonly items: ImportIssue[] = [];
  count = 0;
  add(issue: ImportIssue) {
    this.count++;
    if (this.items.length < MAX_ISSUES) this.items.push(issue);
  }
}

/** FNV-1a over a string: duplicate rows are compared by the hash of their JSON, not kept whole. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** What the duplicate rule compares of a valid firm row: the hash of its JSON after the schema. */
export function firmHash(firm: Firm): number {
  return hashOf(JSON.stringify(firm));
}

/** A schema failure as the report's fields and reasons. */
export interface SchemaProblem {
  field: string;
  reason: string;
}

export function schemaProblems(error: { issues: { path: PropertyKey[]; message: string }[] }): SchemaProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || '(row)', reason: issue.message }));
}

/** The id a row names, when it names one as a string (for the problems of a row the schema refused). */
export function firmIdOf(raw: unknown): string | undefined {
  const id = (raw as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

function grown<T extends Float64Array | Int32Array | Uint8Array>(array: T, need: number): T {
  if (need <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(need, array.length * 2));
  next.set(array);
  return next;
}

/** Years 1900–2100 as 1–201, no year as 0: the low byte of a supply's key. */
const YEAR_CODES = 256;
const yearCode = (year: number | undefined) => (year === undefined ? 0 : year - 1899);
const EXISTING = -1;

/** Firms one import can number: keys stay exact integers (below 2^52). */
export const MAX_FIRMS = 1 << 22;

/**
 * Supplies keyed by ((supplier · 2^22) + buyer) · 256 + yearCode. Linear probing; a key of −1 marks an
 * empty slot.
 */
class SupplyTable {
  keys = new Float64Array(1 << 16).fill(-1);
  values = new Float64Array(1 << 16);
  /** The row that first gave this key (EXISTING for stored data), for "first at index" in reports. */
  rows = new Int32Array(1 << 16);
  products = new Int32Array(1 << 16);
  size = 0;

  private slot(keys: Float64Array, key: number): number {
    const mask = keys.length - 1;
    // The key's high and low 32 bits by exact double arithmetic (a `%` on a double is a library call).
    const high = (key / 4294967296) | 0;
    let h = Math.imul((key - high * 4294967296) ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    let i = h & mask;
    while (keys[i] !== -1 && keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  find(key: number): number {
    return this.slot(this.keys, key);
  }

  insert(slot: number, key: number, value: number, row: number, product: number): void {
    this.keys[slot] = key;
    this.values[slot] = value;
    this.rows[slot] = row;
    this.products[slot] = product;
    if (++this.size * 4 > this.keys.length * 3) this.grow();
  }

  private grow(): void {
    const { keys, values, rows, products } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.values = new Float64Array(keys.length * 2);
    this.rows = new Int32Array(keys.length * 2);
    this.products = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === -1) continue;
      const s = this.slot(this.keys, keys[i]);
      this.keys[s] = keys[i];
      this.values[s] = values[i];
      this.rows[s] = rows[i];
      this.products[s] = products[i];
    }
  }
}

/** A stored firm's cost fields (merge), for the cost-structure rule when the merge changes its purchases. */
export type StoredCosts = Pick<CostStructureFirm, 'sector' | 'valueAddedRatio' | 'wageShare'>;

/** What the dataset rules need of a firm row that met the schema. */
export type CheckedFirm = StoredCosts & Pick<Firm, 'id' | 'revenue'>;

/** A valid supply with its firms' numbers in the validator. */
export interface NumberedSupply {
  supply: Supply;
  supplier: number;
  buyer: number;
}

export class DatasetValidator {
  private readonly issues = new IssueList();
  private readonly index = new Map<string, number>();
  readonly ids: string[] = [];
  private revenue = new Float64Array(1024);
  /** Row of the firm in the input (EXISTING for stored firms), its line (−1 if none) and JSON hash. */
  private firmRow = new Int32Array(1024);
  private firmLine = new Int32Array(1024);
  private firmHash = new Int32Array(1024);
  /**
   * Cost fields: the sector (an index into `sectors`; −1 for a stored firm whose costs are unknown), the
   * value-added ratio and wage share (NaN when not given), and whether an incoming supply buys into it.
   */
  private firmSector = new Int32Array(1024);
  private valueAdded = new Float64Array(1024);
  private wageShare = new Float64Array(1024);
  private bought = new Uint8Array(1024);
  private readonly sectors: string[] = [];
  private readonly sectorIndex = new Map<string, number>();
  private table: SupplyTable | null = null;
  private firmCount = 0;
  firmsReceived = 0;
  suppliesReceived = 0;
  firmsValid = 0;
  suppliesValid = 0;

  get ok(): boolean {
    return this.issues.count === 0;
  }

  get issueList(): ImportIssue[] {
    return this.issues.items;
  }

  get issueCount(): number {
    return this.issues.count;
  }

  /** The firm's number, if it is known (in the input or stored). */
  firmNumber(id: string): number | undefined {
    return this.index.get(id);
  }

  private number(id: string, revenue: number, row: number, line: number, hash: number): number {
    if (this.firmCount >= MAX_FIRMS) throw new Error(`import: more than ${MAX_FIRMS} firms in one dataset`);
    const i = this.firmCount++;
    this.revenue = grown(this.revenue, i + 1);
    this.firmRow = grown(this.firmRow, i + 1);
    this.firmLine = grown(this.firmLine, i + 1);
    this.firmHash = grown(this.firmHash, i + 1);
    this.firmSector = grown(this.firmSector, i + 1);
    this.valueAdded = grown(this.valueAdded, i + 1);
    this.wageShare = grown(this.wageShare, i + 1);
    this.bought = grown(this.bought, i + 1);
    this.index.set(id, i);
    this.ids.push(id);
    this.revenue[i] = revenue;
    this.firmRow[i] = row;
    this.firmLine[i] = line;
    this.firmHash[i] = hash;
    return i;
  }

  private setCosts(i: number, costs: StoredCosts | undefined): void {
    if (!costs) {
      this.firmSector[i] = -1;
      return;
    }
    let sector = this.sectorIndex.get(costs.sector);
    if (sector === undefined) {
      sector = this.sectors.push(costs.sector) - 1;
      this.sectorIndex.set(costs.sector, sector);
    }
    this.firmSector[i] = sector;
    this.valueAdded[i] = costs.valueAddedRatio ?? NaN;
    this.wageShare[i] = costs.wageShare ?? NaN;
  }

  /** A firm already stored (merge): the data is validated as it will stand after the import. */
  addExistingFirm(id: string, revenue: number, costs?: StoredCosts): void {
    if (this.index.has(id)) return;
    this.setCosts(this.number(id, revenue, EXISTING, -1, 0), costs);
  }

  /** Checks one firm row; returns the firm when it is valid and new (a repeat of an identical row is not). */
  addFirm(raw: unknown, line?: number): Firm | null {
    const parsed = Firm.safeParse(raw);
    if (!parsed.success) {
      this.addFirmProblems(firmIdOf(raw), schemaProblems(parsed.error), line);
      return null;
    }
    return this.addCheckedFirm(parsed.data, firmHash(parsed.data), line) ? parsed.data : null;
  }

  /** A firm row that failed the Firm schema where it was checked (a worker): its problems. */
  addFirmProblems(rawId: string | undefined, problems: SchemaProblem[], line?: number): void {
    const row = this.firmsReceived++;
    for (const p of problems) this.issues.add({ section: 'firms', index: row, line, id: rawId, field: p.field, reason: p.reason });
  }

  /**
   * A firm row that met the Firm schema where it was checked (here, or a worker), with firmHash of it:
   * the duplicate rule. True when the firm is valid and new.
   */
  addCheckedFirm(firm: CheckedFirm, hash: number, line?: number): boolean {
    const row = this.firmsReceived++;
    const seen = this.index.get(firm.id);
    if (seen !== undefined && this.firmRow[seen] !== EXISTING) {
      if (this.firmHash[seen] !== hash) {
        this.issues.add({ section: 'firms', index: row, line, id: firm.id, field: 'id', reason: `duplicate id "${firm.id}" with different data (first at index ${this.firmRow[seen]})` });
      }
      return false;
    }
    if (seen !== undefined) {
      // A stored firm updated by a merge: the new values win.
      this.revenue[seen] = firm.revenue;
      this.firmRow[seen] = row;
      this.firmLine[seen] = line ?? -1;
      this.firmHash[seen] = hash;
      this.setCosts(seen, firm);
    } else {
      this.setCosts(this.number(firm.id, firm.revenue, row, line ?? -1, hash), firm);
    }
    this.firmsValid++;
    return true;
  }

  private supplies(): SupplyTable {
    this.table ??= new SupplyTable();
    return this.table;
  }

  private key(supplier: number, buyer: number, year: number | undefined): number {
    return (supplier * MAX_FIRMS + buyer) * YEAR_CODES + yearCode(year);
  }

  /** A supply already stored (merge), after the stored firms. */
  addExistingFlow(flow: Flow): void {
    const s = this.index.get(flow.supplier);
    const b = this.index.get(flow.buyer);
    if (s === undefined || b === undefined) return;
    const table = this.supplies();
    const key = this.key(s, b, flow.year);
    const slot = table.find(key);
    if (table.keys[slot] === -1) table.insert(slot, key, flow.value, EXISTING, 0);
  }

  /** Checks one supply row (after every firm of the input); returns it with its firms' numbers when it is valid and new. */
  addSupply(raw: unknown, line?: number): NumberedSupply | null {
    const parsed = Supply.safeParse(raw);
    if (!parsed.success) {
      const row = this.suppliesReceived++;
      for (const { field, reason } of schemaProblems(parsed.error)) this.issues.add({ section: 'supplies', index: row, line, field, reason });
      return null;
    }
    const s = parsed.data;
    const pair = this.addParsedSupply(s.supplier, s.buyer, s.value, s.year, s.product, line);
    return pair < 0 ? null : { supply: s, supplier: Math.floor(pair / MAX_FIRMS), buyer: pair % MAX_FIRMS };
  }

  /**
   * A supply row that meets the Supply schema, given field by field (the CSV fast path checks the schema
   * on the cells and comes here without a row object): the reference and duplicate rules. Returns
   * supplier · MAX_FIRMS + buyer (the firms' numbers) when the supply is valid and new, else −1.
   */
  addParsedSupply(supplierId: string, buyerId: string, value: number, year: number | undefined, product: string | undefined, line?: number): number {
    const row = this.suppliesReceived++;
    const supplier = this.index.get(supplierId);
    const buyer = this.index.get(buyerId);
    let bad = false;
    if (supplierId === buyerId) {
      this.issues.add({ section: 'supplies', index: row, line, id: `${supplierId}→${buyerId}`, field: 'buyer', reason: `self-supply: a firm cannot supply itself ("${supplierId}")` });
      bad = true;
    }
    if (supplier === undefined) {
      this.issues.add({ section: 'supplies', index: row, line, id: `${supplierId}→${buyerId}`, field: 'supplier', reason: `unknown firm "${supplierId}"` });
      bad = true;
    }
    if (buyer === undefined) {
      this.issues.add({ section: 'supplies', index: row, line, id: `${supplierId}→${buyerId}`, field: 'buyer', reason: `unknown firm "${buyerId}"` });
      bad = true;
    }
    if (supplier === undefined || buyer === undefined) return -1;
    const table = this.supplies();
    const key = this.key(supplier, buyer, year);
    const slot = table.find(key);
    const productHash = product === undefined ? 0 : hashOf(product) || 1;
    if (table.keys[slot] !== -1 && table.rows[slot] !== EXISTING) {
      if (table.values[slot] !== value || table.products[slot] !== productHash) {
        const id = `${supplierId}→${buyerId}`;
        this.issues.add({ section: 'supplies', index: row, line, id, field: 'value', reason: `duplicate supply ${id}${year ? ` in ${year}` : ''} with different data (first at index ${table.rows[slot]})` });
      }
      return -1;
    }
    if (table.keys[slot] === -1) table.insert(slot, key, value, row, productHash);
    else {
      // Replaces a stored supply of the same pair and year (merge).
      table.values[slot] = value;
      table.rows[slot] = row;
      table.products[slot] = productHash;
    }
    if (bad) return -1;
    this.bought[buyer] = 1;
    this.suppliesValid++;
    return supplier * MAX_FIRMS + buyer;
  }

  /**
   * The accounting rules over the flows the model uses (per pair, the latest year present), once every
   * row is in: sorting the keys puts each pair's years together, latest last. The cost-structure rule
   * covers every imported firm and every stored firm whose purchases the import changes (when its cost
   * fields are known).
   */
  finish(): void {
    if (this.issues.count > 0) return;
    const n = this.firmCount;
    const purchases = new Float64Array(n);
    const sales = new Float64Array(n);
    const table = this.table;
    if (table) {
      const keys = new Float64Array(table.size);
      let k = 0;
      for (let i = 0; i < table.keys.length; i++) if (table.keys[i] !== -1) keys[k++] = table.keys[i];
      keys.sort();
      for (let i = 0; i < keys.length; i++) {
        const pair = Math.floor(keys[i] / YEAR_CODES);
        if (i + 1 < keys.length && Math.floor(keys[i + 1] / YEAR_CODES) === pair) continue;
        const value = table.values[table.find(keys[i])];
        const supplier = Math.floor(pair / MAX_FIRMS);
        purchases[pair - supplier * MAX_FIRMS] += value;
        sales[supplier] += value;
      }
    }
    for (let i = 0; i < n; i++) {
      for (const v of firmViolations({ firm: this.ids[i], revenue: this.revenue[i], purchases: purchases[i], sales: sales[i] })) {
        const row = this.firmRow[i];
        const line = this.firmLine[i];
        this.issues.add({ section: 'firms', index: row, line: line >= 0 ? line : undefined, id: v.firm, field: 'revenue', reason: describeViolation(v) });
      }
    }
    for (let i = 0; i < n; i++) {
      const v = this.costViolation(i, purchases[i]);
      if (!v) continue;
      const line = this.firmLine[i];
      const field = v.rule === 'wage-share' ? 'wageShare' : 'valueAddedRatio';
      this.issues.add({ section: 'firms', index: this.firmRow[i], line: line >= 0 ? line : undefined, id: v.firm, field, reason: describeCostStructureViolation(v) });
    }
  }

  private costViolation(i: number, purchases: number) {
    const sector = this.firmSector[i];
    if (sector < 0 || (this.firmRow[i] === EXISTING && !this.bought[i])) return undefined;
    const firm: CostStructureFirm = { id: this.ids[i], sector: this.sectors[sector], revenue: this.revenue[i] };
    if (!Number.isNaN(this.valueAdded[i])) firm.valueAddedRatio = this.valueAdded[i];
    if (!Number.isNaN(this.wageShare[i])) firm.wageShare = this.wageShare[i];
    return costStructureViolation(firm, purchases);
  }
}

/** What the database already holds, for a merge, when it is small enough to hold in memory (tests). */
export interface ExistingData {
  revenue: ReadonlyMap<string, number>;
  flows: Iterable<Flow>;
  /** The stored firms' cost fields, for the cost-structure rule of firms whose purchases a merge changes. */
  costs?: ReadonlyMap<string, StoredCosts>;
}

export interface RawDataset {
  firms: unknown[];
  supplies: unknown[];
}

/** Validates a dataset held in memory; the import itself streams through DatasetValidator. */
export function validateDataset(input: RawDataset, existing?: ExistingData) {
  const validator = new DatasetValidator();
  if (existing) {
    for (const [id, revenue] of existing.revenue) validator.addExistingFirm(id, revenue, existing.costs?.get(id));
  }
  const firms = input.firms.map((raw) => validator.addFirm(raw)).filter((f) => f !== null);
  if (existing) for (const flow of existing.flows) validator.addExistingFlow(flow);
  const supplies = input.supplies.map((raw) => validator.addSupply(raw)?.supply ?? null).filter((s) => s !== null);
  validator.finish();
  return { ok: validator.ok, firms, supplies, issues: validator.issueList, issueCount: validator.issueCount };
}
