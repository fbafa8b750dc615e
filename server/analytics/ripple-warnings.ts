/**
 * Plausibility warnings for a ripple scenario: the model is linear and answers any shock, so what it would
 * silently present as a forecast is flagged instead.
 *   shock-exceeds-revenue   |Σ shocks on a firm| > its revenue: the firm would more than double (or vanish);
 *                           fixed input coefficients do not hold that far from the observed year
 *   contraction             a negative shock: the results are losses (a contraction), not gains
 *   ghosh-quantity          the supply (Ghosh) model read as quantities: it assumes buyers take any change
 *                           of inputs with fixed output coefficients, whatever their own demand (Oosterhaven
 *                           1988, "On the plausibility of the supply-driven input-output model"); read it as
 *                           exposure, not as output that will happen
 *   outside-shock           region scope, a shock on a firm outside the region: its own output is not counted;
 *                           it reaches the region only as export demand (inputs, in the supply model)
 * Each warning names its firm where it has one and carries the figures its message quotes.
 */
import type { Snapshot } from './snapshot.ts';
import type { RippleModel, Shock } from './ripple.ts';
import type { Scope } from './regional.ts';

export type RippleWarningCode = 'shock-exceeds-revenue' | 'contraction' | 'ghosh-quantity' | 'outside-shock';

export interface RippleWarning {
  code: RippleWarningCode;
  firmId?: string;
  /** The firm's total shock and revenue (KRW million), where the warning concerns them. */
  amount?: number;
  revenue?: number;
  message: string;
}

export function rippleWarnings(
  snapshot: Snapshot,
  shocks: readonly Shock[],
  context: { model: RippleModel; scope: Scope },
): RippleWarning[] {
  const warnings: RippleWarning[] = [];
  if (context.model === 'supply') {
    warnings.push({
      code: 'ghosh-quantity',
      message:
        'The supply (Ghosh) model assumes buyers absorb any change in inputs in fixed proportions, whatever their own demand; read it as exposure along supply chains, not as a forecast of output.',
    });
  }
  const byFirm = new Map<number, number>();
  for (const s of shocks) {
    const i = snapshot.index.get(s.firmId);
    if (i !== undefined) byFirm.set(i, (byFirm.get(i) ?? 0) + s.amount);
  }
  if (shocks.some((s) => s.amount < 0)) {
    warnings.push({
      code: 'contraction',
      message: 'A negative shock is a contraction: the effects below are losses of output, value added and jobs.',
    });
  }
  for (const [i, amount] of byFirm) {
    const id = snapshot.ids[i];
    const revenue = snapshot.revenue[i];
    if (Math.abs(amount) > revenue) {
      warnings.push({
        code: 'shock-exceeds-revenue',
        firmId: id,
        amount,
        revenue,
        message: `The shock on "${id}" (${amount} KRW million) exceeds its revenue (${revenue} KRW million); fixed input coefficients are implausible that far from the observed year.`,
      });
    }
    if (context.scope === 'region' && !snapshot.inHomeRegion[i]) {
      warnings.push({
        code: 'outside-shock',
        firmId: id,
        amount,
        message: `"${id}" is outside the region: its own output is not counted; the shock reaches the region through its purchases from (supply model: sales to) home firms.`,
      });
    }
  }
  return warnings;
}
