/**
 * Who may be ranked as a pre-anchor candidate (DESIGN §4): not already in the programme (top-anchor,
 * anchor, pre-anchor), of an allowed tier (default: sme), revenue within a band (inclusive; default
 * ₩5bn–₩150bn, the upper end being the SME revenue ceiling of domain/size.ts), in an allowed region
 * (default: the home region). Every failed rule is reported, so a refusal can be explained.
 */
import { ANCHOR_TIERS, type Tier } from '../domain/firm.ts';
import { HOME_REGION } from '../domain/regions.ts';
import { MEDIUM_REVENUE_MAX } from '../domain/size.ts';
import { AnalyticsInputError } from './errors.ts';

export interface EligibilityOptions {
  tiers: readonly Tier[];
  /** KRW million, inclusive. */
  revenueMin: number;
  /** KRW million, inclusive. */
  revenueMax: number;
  regions: readonly string[];
}

export const ELIGIBILITY_DEFAULTS: Readonly<EligibilityOptions> = {
  tiers: ['sme'],
  revenueMin: 5_000,
  revenueMax: MEDIUM_REVENUE_MAX,
  regions: [HOME_REGION],
};

export type IneligibilityReason = 'already-anchor' | 'tier' | 'revenue-below-band' | 'revenue-above-band' | 'region';

export interface EligibilityFirm {
  tier: Tier;
  revenue: number;
  region: string;
}

export interface Eligibility {
  eligible: boolean;
  reasons: IneligibilityReason[];
}

export function eligibility(firm: EligibilityFirm, options: Partial<EligibilityOptions> = {}): Eligibility {
  const o = checkOptions({ ...ELIGIBILITY_DEFAULTS, ...options });
  const reasons: IneligibilityReason[] = [];
  if (ANCHOR_TIERS.includes(firm.tier)) reasons.push('already-anchor');
  else if (!o.tiers.includes(firm.tier)) reasons.push('tier');
  if (firm.revenue < o.revenueMin) reasons.push('revenue-below-band');
  if (firm.revenue > o.revenueMax) reasons.push('revenue-above-band');
  if (!o.regions.includes(firm.region)) reasons.push('region');
  return { eligible: reasons.length === 0, reasons };
}

/** The firms that pass every rule, in their given order. */
export function eligibleFirms<F extends EligibilityFirm>(
  firms: readonly F[],
  options: Partial<EligibilityOptions> = {},
): F[] {
  const o = checkOptions({ ...ELIGIBILITY_DEFAULTS, ...options });
  return firms.filter((f) => eligibility(f, o).eligible);
}

function checkOptions(o: EligibilityOptions): EligibilityOptions {
  if (!(o.revenueMin >= 0 && o.revenueMax >= o.revenueMin)) {
    throw new AnalyticsInputError(
      'revenueMin',
      `eligibility: the revenue band must satisfy 0 ≤ revenueMin ≤ revenueMax, got ${o.revenueMin}–${o.revenueMax}`,
    );
  }
  if (!Array.isArray(o.tiers) || !Array.isArray(o.regions)) {
    throw new AnalyticsInputError('tiers', 'eligibility: tiers and regions must be arrays');
  }
  return o;
}
