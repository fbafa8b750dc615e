/**
 * Writes computed metric columns back to Neo4j (cypher/metrics/write-values.cypher): each statement takes a
 * batch of firms as a list of ids and, per firm, the list of its metric values, stored as one double[]
 * property (the layout: server/domain/metricValues.ts). Two statements are in flight at once, so Neo4j
 * applies one batch while the next is encoded and sent.
 *
 * Why one list per firm: 36 metric properties made the first write after an import (firms without them)
 * cost Neo4j 2.6 times an overwrite, allocating room for 36 new properties per firm; one list took about a
 * fifth of the Neo4j CPU of 36 properties at 100k firms (warm JVM; docs/SCALING.md "Metric write-back").
 * Why no maps: 50,000 maps of 36 named values cost the driver and the server a key string per value to
 * encode and decode (docs/BENCHMARKS.md "Metrics at scale").
 */
import type { Database } from '../db/database.ts';
import { METRIC_IDS, type MetricId } from '../domain/metrics.ts';

export interface MetricsWriteOptions {
  /** Firms per statement. */
  batch: number;
  /** Statements in flight at once. */
  inFlight: number;
  /** Called with the share of firms written, after each batch. */
  onProgress?: (fraction: number) => void;
}

export const METRICS_WRITE_DEFAULTS: Readonly<MetricsWriteOptions> = { batch: 50_000, inFlight: 2 };

/** A batch matched no firm of the data version: the data changed since the metrics were computed. */
export class StaleMetricsError extends Error {
  constructor() {
    super('The data changed while the metrics were being computed');
  }
}

/** Stores every column on the firms `ids` (same order), tagged with `dataVersion`; throws StaleMetricsError if the data moved on. */
export async function writeMetricColumns(
  db: Database,
  ids: readonly string[],
  columns: Record<MetricId, ArrayLike<number>>,
  dataVersion: number,
  options: Partial<MetricsWriteOptions> = {},
): Promise<void> {
  const { batch, inFlight, onProgress } = { ...METRICS_WRITE_DEFAULTS, ...options };
  const n = ids.length;
  let next = 0;
  let written = 0;
  let stale = false;
  const ordered = METRIC_IDS.map((id) => columns[id]);

  async function writer(): Promise<void> {
    while (!stale && next < n) {
      const start = next;
      const end = Math.min(n, start + batch);
      next = end;
      const values = new Array<number[]>(end - start);
      for (let i = start; i < end; i++) {
        // NaN is "no value" (e.g. the constraint of a firm without ties); infinities are none either.
        values[i - start] = ordered.map((column) => (Number.isFinite(column[i]) ? column[i] : NaN));
      }
      const [result] = await db.write<{ written: number }>('metrics/write-values', { ids: ids.slice(start, end), values, dataVersion });
      if ((result?.written ?? 0) === 0) stale = true;
      written += end - start;
      onProgress?.(written / n);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, inFlight) }, writer));
  if (stale) throw new StaleMetricsError();
}
