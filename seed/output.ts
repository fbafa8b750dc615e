/**
 * Datasets as columns, and their files in the import formats of DESIGN §3: one JSON file `{firms, supplies}`,
 * or `firms.csv` and `supplies.csv` whose columns are exactly the Firm and Supply field names (RFC 4180
 * quoting; `history` as a JSON string; an empty cell means the optional field is absent).
 * Output goes through a buffered writer in 64 K-character chunks; no giant string or object is ever built, and each
 * supply line is assembled from per-firm strings prepared once.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Supply, type Firm } from '../server/domain/firm.ts';
import { FIRM_FIELDS } from './attributes.ts';

/** Supplies as typed-array columns over the firm list's indices. */
export interface SupplyColumns {
  readonly supplier: Int32Array;
  readonly buyer: Int32Array;
  /** KRW million. */
  readonly value: Float64Array;
  /** Calendar year per link; 0 when absent. */
  readonly year: Int32Array;
  /** Index into `products` per link; −1 when absent. */
  readonly product: Int32Array;
  readonly products: readonly string[];
}

export function toSupplyColumns(firms: readonly Firm[], supplies: readonly Supply[]): SupplyColumns {
  const index = new Map(firms.map((f, i) => [f.id, i]));
  const productIndex = new Map<string, number>();
  const m = supplies.length;
  const cols = {
    supplier: new Int32Array(m),
    buyer: new Int32Array(m),
    value: new Float64Array(m),
    year: new Int32Array(m),
    product: new Int32Array(m),
    products: [] as string[],
  };
  supplies.forEach((s, e) => {
    const i = index.get(s.supplier);
    const j = index.get(s.buyer);
    if (i === undefined || j === undefined) throw new Error(`toSupplyColumns: supply ${e} (${s.supplier}→${s.buyer}) names an unknown firm`);
    cols.supplier[e] = i;
    cols.buyer[e] = j;
    cols.value[e] = s.value;
    cols.year[e] = s.year ?? 0;
    if (s.product === undefined) cols.product[e] = -1;
    else {
      let p = productIndex.get(s.product);
      if (p === undefined) {
        p = cols.products.length;
        cols.products.push(s.product);
        productIndex.set(s.product, p);
      }
      cols.product[e] = p;
    }
  });
  return cols;
}

export function fromSupplyColumns(firms: readonly Firm[], cols: SupplyColumns): Supply[] {
  const supplies: Supply[] = new Array(cols.supplier.length);
  for (let e = 0; e < supplies.length; e++) {
    const s: Supply = { supplier: firms[cols.supplier[e]].id, buyer: firms[cols.buyer[e]].id, value: cols.value[e] };
    if (cols.year[e] !== 0) s.year = cols.year[e];
    if (cols.product[e] >= 0) s.product = cols.products[cols.product[e]];
    supplies[e] = s;
  }
  return supplies;
}

const CHUNK_CHARS = 1 << 16;

/** Appends strings to a pending chunk and writes it out whenever it passes 64 K characters. */
export class ChunkWriter {
  private readonly fd: number;
  private pending = '';
  private written = 0;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) this.flush();
  }

  /** Closes the file; returns the bytes written. */
  close(): number {
    this.flush();
    closeSync(this.fd);
    return this.written;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    for (let off = 0; off < bytes.length; ) off += writeSync(this.fd, bytes, off, bytes.length - off);
    this.written += bytes.length;
  }
}

/** Writes `{"firms":[…],"supplies":[…]}` with one record a line; returns the bytes written. */
export function writeJson(path: string, firms: readonly Firm[], supplies: SupplyColumns): number {
  const out = new ChunkWriter(path);
  out.write('{"firms":[\n');
  firms.forEach((f, i) => out.write((i > 0 ? ',\n' : '') + JSON.stringify(f)));
  out.write('\n],"supplies":[\n');
  const id = firms.map((f) => JSON.stringify(f.id));
  const product = supplies.products.map((p) => `,"product":${JSON.stringify(p)}`);
  const { supplier, buyer, value, year } = supplies;
  for (let e = 0; e < supplier.length; e++) {
    const p = supplies.product[e];
    out.write(
      `${e > 0 ? ',\n' : ''}{"supplier":${id[supplier[e]]},"buyer":${id[buyer[e]]},"value":${value[e]}` +
        `${year[e] !== 0 ? `,"year":${year[e]}` : ''}${p >= 0 ? product[p] : ''}}`,
    );
  }
  out.write('\n]}\n');
  return out.close();
}

/** One CSV cell: absent → empty; objects as JSON; quoted when it holds a comma, quote or line break. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The supplies.csv columns: the Supply schema's fields, which the row builder below follows. */
export const SUPPLY_FIELDS = ['supplier', 'buyer', 'value', 'year', 'product'] as const satisfies readonly (keyof Supply)[];

/** Writes `<dir>/firms.csv` and `<dir>/supplies.csv`; returns the bytes written to each. */
export function writeCsv(dir: string, firms: readonly Firm[], supplies: SupplyColumns): { firms: number; supplies: number } {
  const schemaFields = Object.keys(Supply.shape).join(',');
  if (schemaFields !== SUPPLY_FIELDS.join(',')) throw new Error(`writeCsv: Supply fields are now ${schemaFields}; update SUPPLY_FIELDS`);
  const firmsOut = new ChunkWriter(join(dir, 'firms.csv'));
  firmsOut.write(FIRM_FIELDS.join(',') + '\n');
  for (const f of firms) firmsOut.write(FIRM_FIELDS.map((k) => csvCell(f[k])).join(',') + '\n');
  const suppliesOut = new ChunkWriter(join(dir, 'supplies.csv'));
  suppliesOut.write(SUPPLY_FIELDS.join(',') + '\n');
  const id = firms.map((f) => csvCell(f.id));
  const product = supplies.products.map(csvCell);
  const { supplier, buyer, value, year } = supplies;
  for (let e = 0; e < supplier.length; e++) {
    const p = supplies.product[e];
    suppliesOut.write(`${id[supplier[e]]},${id[buyer[e]]},${value[e]},${year[e] !== 0 ? year[e] : ''},${p >= 0 ? product[p] : ''}\n`);
  }
  return { firms: firmsOut.close(), supplies: suppliesOut.close() };
}
