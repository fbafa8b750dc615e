/**
 * Validates an import completely before anything is written: every row against the zod schemas, then
 * references, duplicates and the accounting rules over the data as it would stand after the import.
 * Returns every problem found (up to MAX_ISSUES), each naming the row, the field and the reason.
 */
import { Firm, Supply } from '../../domain/firm.ts';
import {
  checkAccounting,
  costStructureViolation,
  describeCostStructureViolation,
  describeViolation,
  modelFlows,
  type CostStructureFirm,
  type Flow,
} from '../../domain/accounting.ts';

export const MAX_ISSUES = 10_000;

export interface ImportIssue {
  section: 'firms' | 'supplies';
  /** Zero-based position in the submitted array. */
  index: number;
  /** Line in the CSV file, when the input was CSV. */
  line?: number;
  id?: string;
  field: string;
  reason: string;
}

export interface RawDataset {
  firms: unknown[];
  supplies: unknown[];
  firmLines?: number[];
  supplyLines?: number[];
}

/** What the database already holds, for a merge. */
export interface ExistingData {
  revenue: ReadonlyMap<string, number>;
  flows: Iterable<Flow>;
  /** The stored firms' cost fields, for the cost-structure rule of firms whose purchases a merge changes. */
  costs?: ReadonlyMap<string, CostStructureFirm>;
}

export interface ValidationResult {
  ok: boolean;
  firms: Firm[];
  supplies: Supply[];
  issues: ImportIssue[];
  issueCount: number;
}

class IssueList {
  readonly items: ImportIssue[] = [];
  count = 0;
  add(issue: ImportIssue) {
    this.count++;
    if (this.items.length < MAX_ISSUES) this.items.push(issue);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function validateDataset(input: RawDataset, existing?: ExistingData): ValidationResult {
  const issues = new IssueList();
  const firms: Firm[] = [];
  const firmRow = new Map<string, number>();
  const byId = new Map<string, Firm>();

  input.firms.forEach((raw, index) => {
    const line = input.firmLines?.[index];
    const parsed = Firm.safeParse(raw);
    const rawId = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : undefined;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.add({ section: 'firms', index, line, id: rawId, field: issue.path.join('.') || '(row)', reason: issue.message });
      }
      return;
    }
    const firm = parsed.data;
    const seen = byId.get(firm.id);
    if (seen) {
      if (!sameJson(seen, firm)) {
        issues.add({ section: 'firms', index, line, id: firm.id, field: 'id', reason: `duplicate id "${firm.id}" with different data (first at index ${firmRow.get(firm.id)})` });
      }
      return;
    }
    byId.set(firm.id, firm);
    firmRow.set(firm.id, index);
    firms.push(firm);
  });

  const known = (id: string) => byId.has(id) || (existing?.revenue.has(id) ?? false);
  const supplies: Supply[] = [];
  const pairKey = new Map<string, { index: number; value: number; product?: string }>();

  input.supplies.forEach((raw, index) => {
    const line = input.supplyLines?.[index];
    const parsed = Supply.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.add({ section: 'supplies', index, line, field: issue.path.join('.') || '(row)', reason: issue.message });
      }
      return;
    }
    const s = parsed.data;
    const id = `${s.supplier}→${s.buyer}`;
    let bad = false;
    if (s.supplier === s.buyer) {
      issues.add({ section: 'supplies', index, line, id, field: 'buyer', reason: `self-supply: a firm cannot supply itself ("${s.supplier}")` });
      bad = true;
    }
    if (!known(s.supplier)) {
      issues.add({ section: 'supplies', index, line, id, field: 'supplier', reason: `unknown firm "${s.supplier}"` });
      bad = true;
    }
    if (!known(s.buyer)) {
      issues.add({ section: 'supplies', index, line, id, field: 'buyer', reason: `unknown firm "${s.buyer}"` });
      bad = true;
    }
    const key = `${s.supplier}\u0000${s.buyer}\u0000${s.year ?? ''}`;
    const first = pairKey.get(key);
    if (first) {
      if (first.value !== s.value || first.product !== s.product) {
        issues.add({ section: 'supplies', index, line, id, field: 'value', reason: `duplicate supply ${id}${s.year ? ` in ${s.year}` : ''} with different data (first at index ${first.index})` });
      }
      return;
    }
    pairKey.set(key, { index, value: s.value, product: s.product });
    if (!bad) supplies.push(s);
  });

  if (issues.count === 0) {
    for (const v of accountingViolations(byId, supplies, existing)) {
      const index = firmRow.get(v.firm);
      issues.add({ section: 'firms', index: index ?? -1, line: index === undefined ? undefined : input.firmLines?.[index], id: v.firm, field: 'revenue', reason: describeViolation(v) });
    }
    for (const v of costStructureViolations(byId, supplies, existing)) {
      const index = firmRow.get(v.firm);
      const field = v.rule === 'wage-share' ? 'wageShare' : 'valueAddedRatio';
      issues.add({ section: 'firms', index: index ?? -1, line: index === undefined ? undefined : input.firmLines?.[index], id: v.firm, field, reason: describeCostStructureViolation(v) });
    }
  }
  return { ok: issues.count === 0, firms, supplies, issues: issues.items, issueCount: issues.count };
}

/** Checks the rules on the data as it would be after a merge (new values win) or a replace. */
function accountingViolations(byId: Map<string, Firm>, supplies: Supply[], existing?: ExistingData) {
  const revenueOf = (id: string) => byId.get(id)?.revenue ?? existing?.revenue.get(id);
  return checkAccounting(revenueOf, flowsAfter(supplies, existing));
}

/**
 * The cost-structure rule for every imported firm and every stored firm whose purchases the import changes
 * (a stored firm merged without its cost fields, or a replace, leaves only the imported firms to check).
 */
function costStructureViolations(byId: Map<string, Firm>, supplies: Supply[], existing?: ExistingData) {
  const purchases = new Map<string, number>();
  for (const f of modelFlows(flowsAfter(supplies, existing)).values()) purchases.set(f.buyer, (purchases.get(f.buyer) ?? 0) + f.value);
  const checked = new Map<string, CostStructureFirm>(byId);
  for (const s of supplies) {
    const stored = existing?.costs?.get(s.buyer);
    if (stored && !checked.has(s.buyer)) checked.set(s.buyer, stored);
  }
  return [...checked.values()].flatMap((firm) => costStructureViolation(firm, purchases.get(firm.id) ?? 0) ?? []);
}

/** The flows after the import: the incoming ones, and on a merge the stored ones they do not replace. */
function flowsAfter(supplies: Supply[], existing?: ExistingData): Iterable<Flow> {
  if (!existing) return supplies;
  const incoming = new Set(supplies.map((s) => `${s.supplier}\u0000${s.buyer}\u0000${s.year ?? 0}`));
  function* merged(): Iterable<Flow> {
    for (const f of existing!.flows) {
      if (!incoming.has(`${f.supplier}\u0000${f.buyer}\u0000${f.year ?? 0}`)) yield f;
    }
    yield* supplies;
  }
  return merged();
}
