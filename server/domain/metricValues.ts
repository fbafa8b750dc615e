/**
 * How a firm's metrics are stored: one double[] property, `metricValues`, in METRIC_IDS order, with NaN for
 * "no value" (a list property cannot hold null), beside `metricsVersion` (the data version they describe;
 * absent until computed). One list instead of 36 properties took about a fifth of the Neo4j CPU for the
 * first write after an import, when Neo4j otherwise allocates room for 36 new properties per firm
 * (docs/SCALING.md "Metric write-back"). Cypher reads one metric as `f.metricValues[$index]`, with
 * METRIC_INDEX giving the index.
 */
import { METRIC_IDS, type FirmMetrics, type MetricId } from './metrics.ts';

export const METRIC_INDEX = Object.fromEntries(METRIC_IDS.map((id, k) => [id, k])) as Record<MetricId, number>;

/** The metrics of a stored list; null unless it is a list of the current layout's length. */
export function decodeMetricValues(stored: unknown): FirmMetrics | null {
  if (!Array.isArray(stored) || stored.length !== METRIC_IDS.length) return null;
  const metrics = {} as FirmMetrics;
  METRIC_IDS.forEach((id, k) => {
    const v: unknown = stored[k];
    metrics[id] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  });
  return metrics;
}

/** True when metrics were stored in this layout (save-summary keeps the list of ids it wrote). */
export function sameMetricLayout(storedIds: unknown): boolean {
  return Array.isArray(storedIds) && storedIds.length === METRIC_IDS.length && storedIds.every((id, k) => id === METRIC_IDS[k]);
}
