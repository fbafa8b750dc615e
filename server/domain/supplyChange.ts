/**
 * How a supply (or a firm's total with a partner) changed between two years: `compareYear` (then) and
 * `year` (now), values in KRW million, 0 when there was no supply that year.
 *   added      then = 0 < now        removed   then > 0 = now
 *   grown      0 < then < now        shrunk    0 < now < then        unchanged  now = then
 */
export const SUPPLY_CHANGES = ['added', 'removed', 'grown', 'shrunk', 'unchanged'] as const;
export type SupplyChange = (typeof SUPPLY_CHANGES)[number];

export interface Compared {
  /** In `year`; 0 when absent. */
  value: number;
  /** In `compareYear`; 0 when absent. */
  compareValue: number;
  /** value − compareValue. */
  delta: number;
  change: SupplyChange;
}

export function classifyChange(value: number, compareValue: number): SupplyChange {
  if (!(value >= 0 && compareValue >= 0)) throw new RangeError(`classifyChange: values must be ≥ 0, got ${value} and ${compareValue}`);
  if (compareValue === 0) return value > 0 ? 'added' : 'unchanged';
  if (value === 0) return 'removed';
  return value > compareValue ? 'grown' : value < compareValue ? 'shrunk' : 'unchanged';
}

/**
 * Joins two keyed value lists (now, then) into one entry per key present in either, in the order of `now`
 * then the keys only `then` has. Differences are rounded to 1e-6 KRW million so
 * that 12.3 − 12.2 does not read 0.10000000000000142.
 */
export function compareByKey<T>(now: readonly T[], then: readonly T[], key: (x: T) => string, value: (x: T) => number): { item: T; compared: Compared }[] {
  const before = new Map(then.map((x) => [key(x), x]));
  const out = now.map((item) => {
    const old = before.get(key(item));
    before.delete(key(item));
    return { item, compared: compare(value(item), old === undefined ? 0 : value(old)) };
  });
  for (const item of before.values()) out.push({ item, compared: compare(0, value(item)) });
  return out;
}

function compare(value: number, compareValue: number): Compared {
  return { value, compareValue, delta: Math.round((value - compareValue) * 1e6) / 1e6, change: classifyChange(value, compareValue) };
}
