import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../../server/services/import/validate.ts';
import { checkAccounting } from '../../../server/domain/accounting.ts';
import { smallDataset } from '../../support/fixtures.ts';

describe('import validation', () => {
  it('accepts a consistent dataset and drops identical duplicate firms', () => {
    const d = smallDataset(30);
    const r = validateDataset({ firms: [...d.firms, d.firms[3]], supplies: d.supplies });
    expect(r.ok).toBe(true);
    expect(r.firms).toHaveLength(30);
  });
  it('reports every bad row, not just the first', () => {
    const d = smallDataset(30);
    const r = validateDataset({
      firms: [...d.firms, { id: 'bad id', name: '', tier: 'sme', sector: '9', region: 'Busan', revenue: -1, employees: 1.5 }],
      supplies: [...d.supplies, { supplier: 'f1', buyer: 'zz', value: 1 }, { supplier: 'f2', buyer: 'f2', value: 1 }],
    });
    expect(r.ok).toBe(false);
    const fields = r.issues.map((i) => `${i.section}.${i.field}`);
    expect(fields).toEqual(expect.arrayContaining(['firms.id', 'firms.name', 'firms.sector', 'firms.revenue', 'firms.employees', 'supplies.buyer']));
    expect(r.issues.filter((i) => i.section === 'supplies').map((i) => i.index)).toEqual([29, 30]);
  });
  it('checks the accounting rules on the latest year of each pair, after a merge', () => {
    const d = smallDataset(10);
    // f1 (revenue 10,100) sells 10,000 in 2024 but only 100 in 2025 to f0: the 2025 value is the one used.
    const existing = { revenue: new Map(d.firms.map((f) => [f.id, f.revenue])), flows: [{ supplier: 'f1', buyer: 'f0', value: 10_000, year: 2024 }] };
    expect(validateDataset({ firms: [], supplies: [{ supplier: 'f1', buyer: 'f0', value: 100, year: 2025 }] }, existing).ok).toBe(true);
    const bad = validateDataset({ firms: [], supplies: [{ supplier: 'f1', buyer: 'f0', value: 10_200, year: 2026 }] }, existing);
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.reason).join()).toMatch(/f0.*purchases|f1.*sales/);
  });
  it('names the firm and the sums of an accounting violation', () => {
    const v = checkAccounting((id) => ({ a: 100, b: 50 })[id], [{ supplier: 'a', buyer: 'b', value: 60 }]);
    expect(v).toEqual([{ firm: 'b', rule: 'purchases', sum: 60, revenue: 50 }]);
  });
});
