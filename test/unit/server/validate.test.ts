import { describe, expect, it } from 'vitest';
import { validateDataset } from '../../../server/services/import/validate.ts';
import { checkAccounting, costStructureViolation } from '../../../server/domain/accounting.ts';
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
  it('refuses a firm whose value added and network purchases exceed its revenue, naming the firm and both figures', () => {
    const d = smallDataset(10);
    // f0 (revenue 10,000) buys 3 × ~500 from f1–f3: 0.153 of revenue; a value-added ratio of 0.9 leaves no room.
    const firms = d.firms.map((f) => (f.id === 'f0' ? { ...f, valueAddedRatio: 0.9 } : f));
    const r = validateDataset({ firms, supplies: d.supplies });
    expect(r.ok).toBe(false);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ section: 'firms', index: 0, id: 'f0', field: 'valueAddedRatio' });
    const purchases = d.supplies.filter((s) => s.buyer === 'f0').reduce((a, s) => a + s.value, 0) / 10_000;
    expect(r.issues[0].reason).toContain('valueAddedRatio 0.9');
    expect(r.issues[0].reason).toContain(`network purchases / revenue ${purchases.toFixed(4)}`);
    // 0.84 + 0.153 closes (0.007 left for other inputs).
    expect(validateDataset({ firms: d.firms.map((f) => (f.id === 'f0' ? { ...f, valueAddedRatio: 0.84 } : f)), supplies: d.supplies }).ok).toBe(true);
  });
  it('refuses a wage share above the value-added ratio, and checks stored firms whose purchases a merge raises', () => {
    const d = smallDataset(10);
    const r = validateDataset({ firms: d.firms.map((f) => (f.id === 'f4' ? { ...f, valueAddedRatio: 0.3, wageShare: 0.35 } : f)), supplies: d.supplies });
    expect(r.issues.map((i) => [i.id, i.field])).toEqual([['f4', 'wageShare']]);
    expect(r.issues[0].reason).toMatch(/wageShare 0\.35.*valueAddedRatio 0\.3/);
    // A stored firm (sector 30, default value-added ratio 0.23) that a merge makes buy 80% of its revenue.
    const stored = { id: 's', sector: '30', revenue: 1_000 };
    const existing = { revenue: new Map([...d.firms.map((f) => [f.id, f.revenue] as const), ['s', 1_000]]), flows: [], costs: new Map([['s', stored]]) };
    const merged = validateDataset({ firms: [], supplies: [{ supplier: 'f1', buyer: 's', value: 800 }] }, existing);
    expect(merged.issues.map((i) => [i.id, i.field])).toEqual([['s', 'valueAddedRatio']]);
    expect(merged.issues[0].reason).toContain('(the sector default)');
  });
  it('costStructureViolation: v + P/x ≤ 1 closes (exactly 1 included), more does not', () => {
    const firm = { id: 'x', sector: '25', revenue: 1_000, valueAddedRatio: 0.4 };
    expect(costStructureViolation(firm, 600)).toBeUndefined();
    expect(costStructureViolation(firm, 601)).toMatchObject({ firm: 'x', rule: 'value-added-and-purchases', valueAddedRatio: 0.4, other: 0.601 });
    expect(costStructureViolation({ ...firm, wageShare: 0.4 }, 0)).toBeUndefined();
  });
});

describe('streaming validation at volume', () => {
  // An independent reference: per pair the latest year's value, summed per firm with plain maps.
  function referenceTotals(flows: { supplier: string; buyer: string; value: number; year?: number }[]) {
    const latest = new Map<string, { year: number; value: number }>();
    for (const f of flows) {
      const key = `${f.supplier}>${f.buyer}`;
      const seen = latest.get(key);
      if (!seen || (f.year ?? 0) > seen.year) latest.set(key, { year: f.year ?? 0, value: f.value });
    }
    const purchases = new Map<string, number>();
    for (const [key, { value }] of latest) {
      const buyer = key.split('>')[1];
      purchases.set(buyer, (purchases.get(buyer) ?? 0) + value);
    }
    return purchases;
  }

  it('sums the latest year of every pair over 60,000 supplies (past a table growth), as a plain reference does', { timeout: 60_000 }, () => {
    const firms = Array.from({ length: 400 }, (_, i) => ({ id: `v${i}`, name: `V ${i}`, tier: 'sme', sector: '25', region: 'Busan', revenue: 1_000_000, employees: 10 }));
    const supplies: { supplier: string; buyer: string; value: number; year?: number }[] = [];
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    while (supplies.length < 60_000) {
      const s = Math.floor(random() * 400);
      const b = Math.floor(random() * 400);
      // v0 only buys, so that the one violation set up below is its purchases.
      if (s === b || s === 0) continue;
      const year = random() < 0.2 ? undefined : 2015 + Math.floor(random() * 10);
      supplies.push({ supplier: `v${s}`, buyer: `v${b}`, value: 1 + Math.floor(random() * 100), year });
    }
    // Keep one row per pair and year (the validator refuses a repeat with different data).
    const unique = [...new Map(supplies.map((s) => [`${s.supplier}>${s.buyer}>${s.year ?? 0}`, s])).values()];
    const purchases = referenceTotals(unique);
    // Set v0's revenue just at its reference purchases: the rule (purchases < revenue) must fire there only.
    // A value-added ratio of 0 keeps its cost structure closed (0 + purchases / revenue = 1 ≤ 1).
    const victim = 'v0';
    const total = purchases.get(victim)!;
    const r = validateDataset({ firms: firms.map((f) => (f.id === victim ? { ...f, revenue: total, valueAddedRatio: 0 } : f)), supplies: unique });
    expect(r.supplies).toHaveLength(unique.length);
    expect(r.issues.map((i) => [i.id, i.reason.includes(`purchases from the network total ${total}`)])).toEqual([[victim, true]]);
    const ok = validateDataset({ firms: firms.map((f) => (f.id === victim ? { ...f, revenue: total + 1, valueAddedRatio: 0 } : f)), supplies: unique });
    expect(ok.ok).toBe(true);
  });

  it('refuses a repeated supply with different data after the table has grown, naming the first row', { timeout: 60_000 }, () => {
    const d = smallDataset(20_001, 'g');
    const repeat = { ...d.supplies[5], value: d.supplies[5].value + 1 };
    const r = validateDataset({ firms: d.firms, supplies: [...d.supplies, d.supplies[7], repeat] });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ section: 'supplies', index: 20_001, field: 'value' });
    expect(r.issues[0].reason).toContain('first at index 5');
  });
});
