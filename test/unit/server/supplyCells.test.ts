import { describe, expect, it } from 'vitest';
import { Supply } from '../../../server/domain/firm.ts';
import { rowValues } from '../../../server/services/import/csv.ts';
import { SupplyCellReader } from '../../../server/services/import/supplyCells.ts';

// The reference is the row path itself: csv.ts's typed cells checked by the Supply schema (zod).
const HEADER = ['supplier', 'buyer', 'value', 'year', 'product'];
const suppliers = ['a1', '', 'bad id', 'x'.repeat(64), 'x'.repeat(65), '123', 'f.0_1-2'];
const amounts = ['1', '0', '-1', '-0', 'abc', ' 5 ', '1e3', 'Infinity', '', '0x10', '1.5', '   '];
const years = ['', '2025', '1899', '1900', '2100', '2101', '2025.5', ' 2024', 'abc', '2.025e3'];
const products = ['', 'bolts', '  nuts ', '   ', 'p'.repeat(200), 'p'.repeat(201), ` ${'p'.repeat(200)} `, 'a, "b"'];

describe('SupplyCellReader (the CSV fast path of the offline replace)', () => {
  it('accepts exactly the records the Supply schema accepts, with the same values', () => {
    const reader = SupplyCellReader.forHeader(HEADER)!;
    let accepted = 0;
    for (const supplier of suppliers) for (const value of amounts) for (const year of years) for (const product of products) {
      const cells = [supplier, 'b2', value, year, product];
      const parsed = Supply.safeParse(rowValues(HEADER, cells));
      const read = reader.read(cells);
      expect(read, JSON.stringify(cells)).toBe(parsed.success);
      if (!parsed.success) continue;
      accepted++;
      expect({ supplier: reader.supplier, buyer: reader.buyer, value: reader.value, year: reader.year, product: reader.product }).toEqual({ year: undefined, product: undefined, ...parsed.data });
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('follows the header: any column order, extra columns ignored, year and product columns optional', () => {
    const reader = SupplyCellReader.forHeader(['note', 'value', 'buyer', 'supplier'])!;
    expect(reader.read(['anything', '7.5', 'b', 'a'])).toBe(true);
    expect({ supplier: reader.supplier, buyer: reader.buyer, value: reader.value, year: reader.year, product: reader.product }).toEqual({ supplier: 'a', buyer: 'b', value: 7.5, year: undefined, product: undefined });
  });

  it('leaves a header that names a field twice, or lacks one the schema needs, to the row path', () => {
    expect(SupplyCellReader.forHeader(['supplier', 'buyer', 'value', 'value'])).toBeNull();
    expect(SupplyCellReader.forHeader(['supplier', 'buyer', 'year'])).toBeNull();
  });
});
