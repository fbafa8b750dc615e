/**
 * How a Firm is stored on a (:Firm) node. Neo4j properties cannot hold maps, so `history` is kept as JSON;
 * `nameLower` and `searchText` serve sorting and the case-insensitive English/Korean search.
 * Every optional field is present (null when absent), so a merge replaces the whole record.
 */
import type { Firm, HistoryPoint } from '../../domain/firm.ts';

const OPTIONAL = [
  'nameKo', 'brn', 'district', 'valueAddedRatio', 'wageShare', 'founded', 'exportShare', 'rdIntensity', 'patents',
  'certifications', 'axLevel', 'cohort',
] as const;

export function firmToNode(firm: Firm): Record<string, unknown> {
  const node: Record<string, unknown> = {
    id: firm.id,
    name: firm.name,
    tier: firm.tier,
    sector: firm.sector,
    region: firm.region,
    revenue: firm.revenue,
    employees: firm.employees,
    nameLower: firm.name.toLowerCase(),
    searchText: [firm.id, firm.name, firm.nameKo ?? ''].join(' ').toLowerCase(),
    historyJson: firm.history ? JSON.stringify(firm.history) : null,
  };
  for (const key of OPTIONAL) node[key] = firm[key] ?? null;
  return node;
}

/** The inverse: a node's properties as a Firm (nulls dropped, history parsed). */
export function nodeToFirm(props: Record<string, unknown>): Firm {
  const firm: Record<string, unknown> = {};
  for (const key of ['id', 'name', 'tier', 'sector', 'region', 'revenue', 'employees', ...OPTIONAL]) {
    const v = props[key];
    if (v !== null && v !== undefined) firm[key] = v;
  }
  if (typeof props.historyJson === 'string') firm.history = JSON.parse(props.historyJson) as HistoryPoint[];
  return firm as Firm;
}
