/**
 * Writes computed metric columns back to Neo4j (cypher/metrics/write-columns.cypher): each statement takes a
 * batch of firms as parallel lists, one list of ids and one list per metric, and two statements are in
 * flight at once, so Neo4j applies one batch while the next is encoded and sent.
 *
 * Why lists: a batch as 50,000 maps of 37 named values costs the driver and the server a key string per
 * value to encode and decode; 37 lists of numbers cost neither (docs/BENCHMARKS.md "Metrics at scale").
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

/** NaN (no value, e.g. the constraint of a firm without ties) is stored as no property. */
function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
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

  async function writer(): Promise<void> {
    while (!stale && next < n) {
      const start = next;
      const end = Math.min(n, start + batch);
      next = end;
      const params: Record<string, (number | null)[]> = {};
      for (const id of METRIC_IDS) {
        const column = columns[id];
        const values = new Array<number | null>(end - start);
        for (let i = start; i < end; i++) values[i - start] = finite(column[i]);
        params[id] = values;
      }
      const [result] = await db.write<{ written: number }>('metrics/write-columns', { ids: ids.slice(start, end), columns: params, dataVersion });
      if ((result?.written ?? 0) === 0) stale = true;
      written += end - start;
      onProgress?.(written / n);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, inFlight) }, writer));
  if (stale) throw new StaleMetricsError();
}
