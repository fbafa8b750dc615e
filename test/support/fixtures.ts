/**
 * Small, valid datasets for tests: a chain-and-fan network whose purchases and sales stay well below
 * revenue, so every firm honours the accounting rules.
 */
import type { Firm, Supply } from '../../server/domain/firm.ts';
import { BUSAN_DISTRICT_IDS } from '../../server/domain/regions.ts';

export function smallDataset(firmCount: number, prefix = 'f'): { firms: Firm[]; supplies: Supply[] } {
  const firms: Firm[] = [];
  for (let i = 0; i < firmCount; i++) {
    firms.push({
      id: `${prefix}${i}`,
      name: `Test Firm ${i}`,
      nameKo: `시험기업${i}`,
      tier: i === 0 ? 'anchor' : 'sme',
      sector: ['25', '29', '30', '31'][i % 4],
      region: i % 10 === 9 ? 'Gyeongnam' : 'Busan',
      district: i % 10 === 9 ? undefined : BUSAN_DISTRICT_IDS[i % 16],
      revenue: 10_000 + 100 * i,
      employees: 20 + (i % 50),
    });
  }
  const supplies: Supply[] = [];
  // Each firm i > 0 supplies firm ⌊(i−1)/3⌋: a ternary tree rooted at the anchor, all links year 2025.
  for (let i = 1; i < firmCount; i++) {
    supplies.push({ supplier: `${prefix}${i}`, buyer: `${prefix}${Math.floor((i - 1) / 3)}`, value: 500 + (i % 7) * 10, year: 2025 });
  }
  return { firms, supplies };
}

export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  const cell = (v: unknown) => {
    if (v === undefined || v === null) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
