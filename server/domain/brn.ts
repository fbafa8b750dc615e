/**
 * Korean business registration number (사업자등록번호) checksum.
 * Ten digits d1..d10; with weights w = [1,3,7,1,3,7,1,3,5],
 * s = Σ d_i·w_i (i ≤ 9) + ⌊d9·5 / 10⌋ and d10 = (10 − s mod 10) mod 10.
 */
const WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

/** Accepts "1234567890" or "123-45-67890". */
export function normaliseBrn(raw: string): string {
  return raw.replace(/-/g, '');
}

export function brnCheckDigit(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * WEIGHTS[i];
  sum += Math.floor((Number(firstNine[8]) * 5) / 10);
  return (10 - (sum % 10)) % 10;
}

export function isValidBrn(raw: string): boolean {
  const digits = normaliseBrn(raw);
  if (!/^\d{10}$/.test(digits)) return false;
  return brnCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}
