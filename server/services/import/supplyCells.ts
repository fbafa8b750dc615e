/**
 * The Supply schema (domain/firm.ts) checked on a CSV record's cells directly, for the offline replace's
 * pass over millions of supplies: no row object, no typed-cell map, no zod run per row. It accepts exactly
 * what csv.ts's typed cells and the schema accept, and gives the same values (numbers as `Number` reads
 * them, the product trimmed). A record it does not accept goes through the schema as before, so every
 * problem keeps its field and reason (test/unit/server/supplyCells.test.ts holds the two paths together).
 */
import { FIRM_ID_PATTERN } from '../../domain/firm.ts';

const PRODUCT_MAX = 200;

/** A cell as csv.ts types a numeric column: the number, or NaN when the schema would get a string. */
function numberCell(raw: string): number {
  const n = Number(raw);
  return Number.isFinite(n) && raw.trim() !== '' ? n : NaN;
}

/** Reads one record at a time into its fields (one reader per file, reused for every record). */
export class SupplyCellReader {
  supplier = '';
  buyer = '';
  value = 0;
  year: number | undefined = undefined;
  product: string | undefined = undefined;

  private constructor(
    private readonly supplierAt: number,
    private readonly buyerAt: number,
    private readonly valueAt: number,
    private readonly yearAt: number,
    private readonly productAt: number,
  ) {}

  /** A reader for this header, or null when the header names a field twice (the row path decides then). */
  static forHeader(header: string[]): SupplyCellReader | null {
    const at = (name: string) => (header.indexOf(name) === header.lastIndexOf(name) ? header.indexOf(name) : -2);
    const columns = ['supplier', 'buyer', 'value', 'year', 'product'].map(at);
    if (columns.includes(-2) || columns[0] < 0 || columns[1] < 0 || columns[2] < 0) return null;
    const [supplier, buyer, value, year, product] = columns;
    return new SupplyCellReader(supplier, buyer, value, year, product);
  }

  /** True when the record meets the Supply schema; its fields are then in this reader. */
  read(cells: string[]): boolean {
    const supplier = cells[this.supplierAt];
    const buyer = cells[this.buyerAt];
    if (!FIRM_ID_PATTERN.test(supplier) || !FIRM_ID_PATTERN.test(buyer)) return false;
    const value = numberCell(cells[this.valueAt]);
    if (!(value > 0)) return false;
    let year: number | undefined;
    const yearCell = this.yearAt < 0 ? '' : cells[this.yearAt];
    if (yearCell !== '') {
      year = numberCell(yearCell);
      if (!Number.isInteger(year) || year < 1900 || year > 2100) return false;
    }
    let product: string | undefined;
    const productCell = this.productAt < 0 ? '' : cells[this.productAt];
    if (productCell !== '') {
      product = productCell.trim();
      if (product.length === 0 || product.length > PRODUCT_MAX) return false;
    }
    this.supplier = supplier;
    this.buyer = buyer;
    this.value = value;
    this.year = year;
    this.product = product;
    return true;
  }
}
