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
