/** Shapes (:Firm) node properties into the API's firm summaries and metrics (records: import/firmRecord.ts). */
import type { FirmMetrics } from '../domain/metrics.ts';
import { decodeMetricValues } from '../domain/metricValues.ts';
import type { Tier } from '../domain/firm.ts';
import type { FirmSummary } from '../domain/views.ts';

/** The stored metrics (server/domain/metricValues.ts); null until computed. */
export function metricsOf(props: Record<string, unknown>): FirmMetrics | null {
  if (props.metricsVersion === undefined || props.metricsVersion === null) return null;
  return decodeMetricValues(props.metricValues);
}

export function toSummary(props: Record<string, unknown>): FirmSummary {
  const s: FirmSummary = {
    id: props.id as string,
    name: props.name as string,
    tier: props.tier as Tier,
    sector: props.sector as string,
    region: props.region as string,
    revenue: props.revenue as number,
    employees: props.employees as number,
  };
  if (props.nameKo != null) s.nameKo = props.nameKo as string;
  if (props.district != null) s.district = props.district as string;
  if (props.cohort != null) s.cohort = props.cohort as number;
  const metrics = metricsOf(props);
  if (metrics) s.metrics = metrics;
  return s;
}
