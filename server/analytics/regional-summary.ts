/**
 * The API view of a scoped ripple (POST /api/ripple): the headline type (Type II when households are
 * closed, else Type I) summarised like any ripple (ripple-summary.ts), Type I and Type II side by side,
 * household income apart from the firms' totals, leakage by the outside suppliers' region, export demand,
 * and the plausibility warnings.
 *
 *   typeI.totals              직접·간접효과: Σ over endogenous firms of the Type I effects
 *   typeII.consumption        소비 유발효과: typeII.totals − typeI.totals (what household spending adds)
 *   *.householdIncome         wages of the home region's households, hᵀΔx (not in totals)
 *   *.multiplier              Σ Δx / Σ d, d the direct demand on endogenous firms (export demand included)
 *   leakage                   region scope: purchases from outside firms, Σ_j Σ_{i∉E} a_ij Δx_j, by region
 *   retention.homeRegion      network scope as in ripple-summary.ts; null in the region scope, where every
 *                             counted firm is in the region and what leaves it is `leakage`
 */
import type { Snapshot } from './snapshot.ts';
import type { Shock } from './ripple.ts';
import { summariseRipple, type EffectTotals, type RippleGroup, type RippleSummary, type RippleSummaryOptions } from './ripple-summary.ts';
import { asRippleSolution, type IoEffects, type ScopedRipple } from './regional-ripple.ts';
import { rippleWarnings, type RippleWarning } from './ripple-warnings.ts';

export interface TypeSummary {
  totals: EffectTotals;
  multiplier: number | null;
  householdIncome: number;
  /** Region scope: purchases from outside firms; null in the network scope. */
  leakage: number | null;
}

export interface ScopedRippleSummary extends Omit<RippleSummary, 'retention'> {
  scope: ScopedRipple['scope'];
  households: boolean;
  householdSpendingShare: number | null;
  /** The type that totals, firms and breakdowns describe. */
  type: 'I' | 'II';
  typeI: TypeSummary;
  typeII: (TypeSummary & { consumption: EffectTotals }) | null;
  retention: { homeRegion: number | null; sme: number | null };
  leakage: { total: number; byRegion: { region: string; amount: number; share: number | null }[] } | null;
  exportDemand: { total: number; firms: { id: string; name: string; nameKo: string | null; amount: number }[] } | null;
  warnings: RippleWarning[];
}

export function summariseScopedRipple(
  snapshot: Snapshot,
  ripple: ScopedRipple,
  shocks: readonly Shock[],
  options: Partial<RippleSummaryOptions> = {},
): ScopedRippleSummary {
  const type = ripple.typeII ? 'II' : 'I';
  const summary = summariseRipple(snapshot, asRippleSolution(ripple, type), options);
  const region = ripple.scope === 'region';
  const direct = summary.direct.output;

  const typeSummary = (effects: IoEffects): TypeSummary => {
    const totals = effectTotals(effects);
    return {
      totals,
      multiplier: direct === 0 ? null : totals.output / direct,
      householdIncome: effects.householdIncome,
      leakage: region ? effects.leakageTotal : null,
    };
  };
  const typeI = typeSummary(ripple.typeI);
  const typeII = ripple.typeII ? typeSummary(ripple.typeII) : null;
  const headline = ripple.typeII ?? ripple.typeI;

  return {
    ...summary,
    scope: ripple.scope,
    households: ripple.households,
    householdSpendingShare: ripple.householdSpendingShare,
    type,
    typeI,
    typeII: typeII && {
      ...typeII,
      consumption: {
        output: typeII.totals.output - typeI.totals.output,
        valueAdded: typeII.totals.valueAdded - typeI.totals.valueAdded,
        employment: typeII.totals.employment - typeI.totals.employment,
      },
    },
    retention: { homeRegion: region ? null : summary.retention.homeRegion, sme: summary.retention.sme },
    leakage: region ? { total: headline.leakageTotal, byRegion: leakageByRegion(snapshot, headline) } : null,
    exportDemand: region ? exportDemand(snapshot, ripple.exportDemand, options.limit ?? 1000) : null,
    warnings: rippleWarnings(snapshot, shocks, { model: ripple.model, scope: ripple.scope }),
  };
}

function effectTotals(effects: IoEffects): EffectTotals {
  const totals = { output: 0, valueAdded: 0, employment: 0 };
  for (let i = 0; i < effects.output.length; i++) {
    totals.output += effects.output[i];
    totals.valueAdded += effects.valueAdded[i];
    totals.employment += effects.employment[i];
  }
  return totals;
}

/** Leakage summed by the outside supplier's region, largest first. */
function leakageByRegion(snapshot: Snapshot, effects: IoEffects) {
  const { codes, labels } = snapshot.region;
  const sums = new Float64Array(labels.length);
  const seen = new Uint8Array(labels.length);
  for (let i = 0; i < snapshot.n; i++) {
    if (effects.leakage[i] === 0) continue;
    sums[codes[i]] += effects.leakage[i];
    seen[codes[i]] = 1;
  }
  const total = effects.leakageTotal;
  return labels
    .flatMap((region, c) => (seen[c] ? [{ region, amount: sums[c], share: total === 0 ? null : sums[c] / total }] : []))
    .sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount) || (a.region < b.region ? -1 : 1));
}

/** The export demand that shocks on outside firms bring to home firms, largest first, at most `limit` firms. */
function exportDemand(snapshot: Snapshot, demand: Float64Array, limit: number) {
  let total = 0;
  const firms: { id: string; name: string; nameKo: string | null; amount: number }[] = [];
  for (let i = 0; i < snapshot.n; i++) {
    if (demand[i] === 0) continue;
    total += demand[i];
    firms.push({ id: snapshot.ids[i], name: snapshot.names[i], nameKo: snapshot.namesKo[i], amount: demand[i] });
  }
  firms.sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount) || (a.id < b.id ? -1 : 1));
  return { total, firms: firms.slice(0, limit) };
}

/**
 * The summary of a single-shock ripple for `amount` from the summary of the same ripple for one unit. Every
 * effect is linear in the shock, so each money, employment and hop sum is the unit's times `amount`; the
 * multiplier, shares, retention, firm counts and iterations are ratios or counts and stay; the order of
 * firms and groups (by |value|) stays, a negative amount flipping every sign alike. The warnings depend
 * on the amount and are left to the caller.
 */
export function scaleScopedSummary(unit: ScopedRippleSummary, amount: number): Omit<ScopedRippleSummary, 'warnings'> {
  const totals = (t: EffectTotals): EffectTotals => ({ output: t.output * amount, valueAdded: t.valueAdded * amount, employment: t.employment * amount });
  const group = (g: RippleGroup): RippleGroup => ({ ...g, output: g.output * amount, induced: g.induced * amount, valueAdded: g.valueAdded * amount, employment: g.employment * amount });
  const typeSummary = (t: TypeSummary): TypeSummary => ({
    ...t,
    totals: totals(t.totals),
    householdIncome: t.householdIncome * amount,
    leakage: t.leakage === null ? null : t.leakage * amount,
  });
  const { warnings: _, ...rest } = unit;
  return {
    ...rest,
    totals: totals(unit.totals),
    direct: totals(unit.direct),
    induced: totals(unit.induced),
    firms: unit.firms.map((f) => ({ ...f, output: f.output * amount, induced: f.induced * amount, valueAdded: f.valueAdded * amount, employment: f.employment * amount })),
    byRegion: unit.byRegion.map(group),
    byDistrict: unit.byDistrict.map(group),
    bySector: unit.bySector.map(group),
    byTier: unit.byTier.map(group),
    bySize: unit.bySize.map(group),
    byHop: unit.byHop.map((h) => ({ ...h, output: h.output * amount })),
    typeI: typeSummary(unit.typeI),
    typeII: unit.typeII && { ...typeSummary(unit.typeII), consumption: totals(unit.typeII.consumption) },
    leakage: unit.leakage && {
      total: unit.leakage.total * amount,
      byRegion: unit.leakage.byRegion.map((r) => ({ ...r, amount: r.amount * amount })),
    },
    exportDemand: unit.exportDemand && {
      total: unit.exportDemand.total * amount,
      firms: unit.exportDemand.firms.map((f) => ({ ...f, amount: f.amount * amount })),
    },
  };
}
