/**
 * Who trades how much, shared by both generators: each firm's popularity as a supplier and as a buyer
 * (heavy-tailed, so a few hubs get many partners), its purchases target and sales ceiling as shares of
 * revenue, and the raw weight of a link before the values are fitted (seed/accounting.ts).
 */
import type { Firm, Tier } from '../server/domain/firm.ts';
import type { FlowTargets } from './accounting.ts';
import type { Prng } from './prng.ts';

/** Large firms either assemble (buy from many) or make materials (sell to many). */
export type LargeRole = 'assembler' | 'material';

export const isAnchorTier = (t: Tier): boolean => t === 'top-anchor' || t === 'anchor' || t === 'pre-anchor';

/** Out-popularity of a sector's SMEs: distributors, mills and chemical makers supply many. */
const SECTOR_HUB: Readonly<Record<string, number>> = { '46': 3, '24': 2, '20': 1.5, '25': 1.3 };

/** Raw-weight multiplier of an anchor's own trade over background trade. */
export const ANCHOR_LINK_WEIGHT = 3;

export interface Popularity {
  supplierWeight: Float64Array;
  buyerWeight: Float64Array;
}

/**
 * Supplier popularity ∝ √revenue × Pareto(α = 1.25) for SMEs (capped at 80×) and buyer popularity
 * ∝ revenue^0.55 × Pareto(α = 1.8); anchors and assemblers attract suppliers, material makers buyers.
 */
export function tradePopularity(rng: Prng, firms: readonly Firm[], role: (i: number) => LargeRole | undefined): Popularity {
  const n = firms.length;
  const supplierWeight = new Float64Array(n);
  const buyerWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = firms[i];
    const size = Math.sqrt(f.revenue);
    const reach = Math.pow(f.revenue, 0.55);
    if (f.tier === 'sme') {
      supplierWeight[i] = size * Math.min(80, rng.pareto(1, 1.25)) * (SECTOR_HUB[f.sector] ?? 1);
      buyerWeight[i] = reach * Math.min(20, rng.pareto(1, 1.8));
    } else if (isAnchorTier(f.tier)) {
      supplierWeight[i] = size * 2;
      buyerWeight[i] = reach * 2;
    } else if (f.tier === 'large') {
      supplierWeight[i] = size * (role(i) === 'material' ? 3 : 0.1);
      buyerWeight[i] = reach * (role(i) === 'material' ? 0.3 : 1.5);
    } else {
      supplierWeight[i] = size * 0.6 * Math.min(30, rng.pareto(1, 1.5));
      buyerWeight[i] = reach * 0.5;
    }
  }
  return { supplierWeight, buyerWeight };
}

/**
 * Purchases targets α and sales ceilings β by tier: SMEs buy and sell much of their output within the network,
 * large and out-of-region firms only a little of theirs (their other trade is outside this network).
 */
export function flowTargets(rng: Prng, firms: readonly Firm[]): FlowTargets {
  const n = firms.length;
  const inputShare = new Float64Array(n);
  const outputShare = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const tier = firms[i].tier;
    const [inLo, inHi, outLo, outHi] =
      tier === 'sme' ? [0.25, 0.5, 0.35, 0.65]
      : isAnchorTier(tier) ? [0.3, 0.45, 0.25, 0.5]
      : tier === 'large' ? [0.15, 0.3, 0.05, 0.25]
      : [0.03, 0.2, 0.03, 0.2];
    inputShare[i] = rng.uniform(inLo, inHi);
    outputShare[i] = rng.uniform(outLo, outHi);
  }
  return { inputShare, outputShare };
}

/** Raw link weight: boost × lognormal noise × √(x_supplier · x_buyer). */
export function linkWeight(rng: Prng, supplierRevenue: number, buyerRevenue: number, boost = 1): number {
  return boost * rng.lognormal(0, 0.6) * Math.sqrt(supplierRevenue * buyerRevenue);
}
