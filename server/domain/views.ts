/**
 * The shapes the read API returns for firms and networks. The client imports these types (type-only),
 * so server and client cannot drift apart.
 */
import type { Firm } from './firm.ts';
import type { FirmMetrics } from './metrics.ts';
import type { Compared } from './supplyChange.ts';

export type FirmSummary = Pick<Firm, 'id' | 'name' | 'nameKo' | 'tier' | 'sector' | 'region' | 'district' | 'revenue' | 'employees' | 'cohort'> & {
  metrics?: Partial<FirmMetrics>;
};

/** A trading partner of a firm, with the value the model uses (latest year). */
export interface Partner extends Pick<FirmSummary, 'id' | 'name' | 'nameKo' | 'tier' | 'sector' | 'region'> {
  value: number;
  /** Of the focal firm's network purchases (suppliers) or network sales (buyers). */
  share: number;
  /** With `compareYear`: the value then, and how it changed (the partner's `value` is that of `year`). */
  compareValue?: number;
  delta?: number;
  change?: Compared['change'];
}

/** A firm in an ego network, with its hop distance upstream (suppliers' side) and downstream. */
export interface NetworkNode extends FirmSummary {
  up: number | null;
  down: number | null;
  /** With `compareYear`: whether the firm is in the network of `year` only, of `compareYear` only, or both. */
  change?: FirmChange;
}

export const FIRM_CHANGES = ['added', 'removed', 'kept'] as const;
export type FirmChange = (typeof FIRM_CHANGES)[number];

export interface NetworkLink {
  source: string;
  target: string;
  /** KRW million a year: the model's value, or that of `year` (0 when the link is gone by then). */
  value: number;
  /** With `compareYear`: the value then, value − compareValue, and what changed. */
  compareValue?: number;
  delta?: number;
  change?: Compared['change'];
}

export interface Network {
  nodes: NetworkNode[];
  links: NetworkLink[];
  truncated: boolean;
  /** The year whose supplies these are; absent for the model's network (per pair, the latest year). */
  year?: number;
  /** The year compared against. */
  compareYear?: number;
}
