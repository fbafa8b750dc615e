/** Everything a snapshot says, by firm id (independent of numbering and of the order within a row). */
import type { Snapshot } from '../../server/analytics/snapshot.ts';

export function snapshotContent(s: Snapshot) {
  const firms = s.ids.map((id, i) => ({
    id,
    name: s.names[i],
    nameKo: s.namesKo[i],
    revenue: s.revenue[i],
    employees: s.employees[i],
    valueAddedRatio: s.valueAddedRatio[i],
    wageShare: s.wageShare[i],
    home: s.inHomeRegion[i],
    ...Object.fromEntries((['region', 'district', 'sector', 'tier', 'size'] as const).map((c) => [c, s[c].labels[s[c].codes[i]]])),
  }));
  const out: string[] = [];
  const inn: string[] = [];
  for (let i = 0; i < s.n; i++) {
    for (let q = s.outOffsets[i]; q < s.outOffsets[i + 1]; q++) out.push(`${s.ids[i]}>${s.ids[s.outTargets[q]]}:${s.outValues[q]}`);
    for (let q = s.inOffsets[i]; q < s.inOffsets[i + 1]; q++) inn.push(`${s.ids[s.inSources[q]]}>${s.ids[i]}:${s.inValues[q]}`);
  }
  return { n: s.n, m: s.m, ids: s.ids, firms, out: out.sort(), in: inn.sort() };
}
