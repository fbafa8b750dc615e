/**
 * The shapes the read API returns for firms and networks. The client imports these types (type-only),
 * so server and client cannot drift apart.
 */
import type { Firm } from './firm.ts';
import type { FirmMetrics } from './metrics.ts';

export type FirmSummary = Pick<Firm, 'id' | 'name' | 'nameKo' | 'tier' | 'sector' | 'region' | 'district' | 'revenue' | 'employees' | 'cohort'> & {
  metrics?: Partial<FirmMetrics>;
};

/** A trading partner of a firm, with the value the model uses (latest year). */
export interface Partner extends Pick<FirmSummary, 'id' | 'name' | 'nameKo' | 'tier' | 'sector' | 'region'> {
  value: number;
  /** Of the focal firm's network purchases (suppliers) or network sales (buyers). */
  share: number;
}

/** A firm in an ego network, with its hop distance upstream (suppliers' side) and downstream. */
export interface NetworkNode extends FirmSummary {
  up: number | null;
  down: number | null;
}

export interface NetworkLink {
  source: string;
  target: string;
  value: number;
}

export interface Network {
  nodes: NetworkNode[];
  links: NetworkLink[];
  truncated: boolean;
}

/** GET /api/programme/outcomes: one group's aggregate per year (growth over firms reporting both years). */
export interface GroupYear {
  year: number;
  firms: number;
  revenue: number;
  employees: number;
  /** Year-on-year growth as a fraction, over firms reporting this and the previous year; null for the first year. */
  revenueGrowth: number | null;
  employmentGrowth: number | null;
  /** The previous-year sums behind the growth figures (same firms), so that groups can be pooled exactly. */
  revenueBase: number;
  employeesBase: number;
}

export interface GroupOutcome {
  /** 'cohort-2024', …, or 'comparison' (the home region's SMEs outside the programme). */
  group: string;
  cohort: number | null;
  firms: number;
  years: GroupYear[];
}
