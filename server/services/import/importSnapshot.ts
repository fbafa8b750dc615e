/**
 * The analytics snapshot of an offline replace, built from the rows its validation pass writes for the
 * importer, and saved into the staged store's home before the swap (snapshotFile.ts, saveStoreSnapshot):
 * the server's first load after the swap then reads a file instead of streaming every link over Bolt.
 *
 * Fed the same rows, in the same order, as the importer's input files: firms numbered by input order,
 * supplies between those numbers. Links go into typed-array columns (24 B a link, no object per link).
 */
import { snapshotOfRows, saveStoreSnapshot } from '../../db/snapshotFile.ts';
import type { LinkColumns, SnapshotFirm } from '../../analytics/snapshot.ts';

export class ImportSnapshotBuilder {
  private readonly firms: SnapshotFirm[] = [];
  private count = 0;
  private supplier = new Int32Array(1 << 16);
  private buyer = new Int32Array(1 << 16);
  private value = new Float64Array(1 << 16);
  private year = new Float64Array(1 << 16);

  /** The next firm of the importer's input (its number is its position). */
  addFirm(firm: SnapshotFirm): void {
    this.firms.push(firm);
  }

  /** The next supply of the importer's input, between the numbers of its firms. */
  addSupply(supplier: number, buyer: number, value: number, year: number | undefined): void {
    if (this.count === this.supplier.length) this.grow();
    this.supplier[this.count] = supplier;
    this.buyer[this.count] = buyer;
    this.value[this.count] = value;
    // As the store keeps it (yearKey) and a load reads it: 0 for a supply without a year.
    this.year[this.count] = year ?? 0;
    this.count++;
  }

  /** Builds the snapshot and saves it into the staged store's `home` for `generation`. */
  async save(home: string, generation: number): Promise<void> {
    const links: LinkColumns = {
      count: this.count,
      supplier: this.supplier.subarray(0, this.count),
      buyer: this.buyer.subarray(0, this.count),
      value: this.value.subarray(0, this.count),
      year: this.year.subarray(0, this.count),
    };
    await saveStoreSnapshot(home, generation, snapshotOfRows(this.firms, links));
  }

  private grow(): void {
    const size = this.supplier.length * 2;
    const grown = <T extends Int32Array | Float64Array>(a: T, Type: new (n: number) => T) => {
      const b = new Type(size);
      b.set(a);
      return b;
    };
    this.supplier = grown(this.supplier, Int32Array);
    this.buyer = grown(this.buyer, Int32Array);
    this.value = grown(this.value, Float64Array);
    this.year = grown(this.year, Float64Array);
  }
}
