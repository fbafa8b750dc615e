/**
 * A set of (supplier, buyer) index pairs: open addressing with linear probing over two Int32Arrays, so a
 * million links cost two 16 MB arrays and no per-pair objects.
 */
export class PairSet {
  private suppliers: Int32Array;
  private buyers: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.suppliers = new Int32Array(capacity).fill(-1);
    this.buyers = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  has(supplier: number, buyer: number): boolean {
    for (let slot = this.slot(supplier, buyer); ; slot = (slot + 1) & this.mask) {
      const s = this.suppliers[slot];
      if (s === -1) return false;
      if (s === supplier && this.buyers[slot] === buyer) return true;
    }
  }

  /** Adds the pair; false if it was already there. */
  add(supplier: number, buyer: number): boolean {
    if ((this.count + 1) * 2 > this.suppliers.length) this.grow();
    for (let slot = this.slot(supplier, buyer); ; slot = (slot + 1) & this.mask) {
      const s = this.suppliers[slot];
      if (s === -1) {
        this.suppliers[slot] = supplier;
        this.buyers[slot] = buyer;
        this.count++;
        return true;
      }
      if (s === supplier && this.buyers[slot] === buyer) return false;
    }
  }

  private slot(supplier: number, buyer: number): number {
    let h = Math.imul(supplier, 0x9e3779b1) ^ Math.imul(buyer + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return h & this.mask;
  }

  private grow(): void {
    const oldSuppliers = this.suppliers;
    const oldBuyers = this.buyers;
    this.suppliers = new Int32Array(oldSuppliers.length * 2).fill(-1);
    this.buyers = new Int32Array(oldSuppliers.length * 2);
    this.mask = this.suppliers.length - 1;
    this.count = 0;
    for (let k = 0; k < oldSuppliers.length; k++) if (oldSuppliers[k] !== -1) this.add(oldSuppliers[k], oldBuyers[k]);
  }
}
