/**
 * Size classes, simplified from the Framework Act on SMEs (중소기업기본법) for manufacturing:
 * micro (소상공인) under 10 employees; small (소기업) revenue ≤ ₩12bn; medium (중기업) revenue ≤ ₩150bn;
 * otherwise large (중견·대기업). Revenue in KRW million.
 */
export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export const SMALL_REVENUE_MAX = 12_000;
export const MEDIUM_REVENUE_MAX = 150_000;

export function sizeClass(revenue: number, employees: number): SizeClass {
  if (revenue > MEDIUM_REVENUE_MAX) return 'large';
  if (employees < 10) return 'micro';
  if (revenue <= SMALL_REVENUE_MAX) return 'small';
  return 'medium';
}

export function isSme(size: SizeClass): boolean {
  return size !== 'large';
}
