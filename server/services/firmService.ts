/**
 * Reading firms: search and listing, one firm with its trading partners, ego networks and subgraphs.
 * Networks are explored breadth-first, one parameterised Cypher step per hop, inside one read
 * transaction, so the depth never becomes part of a query string.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { run, type Database } from '../db/database.ts';
import type { Tier } from '../domain/firm.ts';
import { unknownFirm } from './errors.ts';
import { METRIC_IDS, type FirmMetrics, type MetricId } from '../domain/metrics.ts';
import { sectorDivision } from '../domain/sectors.ts';
import { egoWalk, strongestFirst, type EgoOptions } from '../analytics/egoNetwork.ts';
import type { Snapshot } from '../analytics/snapshot.ts';
import type { SnapshotStore } from './snapshotStore.ts';
import { metricsOf, toSummary } from './firmView.ts';
import { METRIC_INDEX, decodeMetricValues } from '../domain/metricValues.ts';
import { nodeToFirm } from './import/firmRecord.ts';
import type { FirmSummary, Network, NetworkLink, NetworkNode, Partner } from '../domain/views.ts';
import { compareByKey } from '../domain/supplyChange.ts';
import { DomainError } from './errors.ts';

export interface FirmQuery {
  q?: string;
  tiers?: Tier[];
  sector?: string;
  region?: string;
  district?: string;
  cohort?: number;
  community?: number;
  minRevenue?: number;
  maxRevenue?: number;
  /** Keep firms whose metric lies in [metricMin, metricMax] (either bound optional). */
  metric?: string;
  metricMin?: number;
  metricMax?: number;
  sort: string;
  desc: boolean;
  limit: number;
  skip: number;
}

/** One supplier→buyer pair with its value (the latest year's total, the model's, or that of `$year`), as network/*.cypher return it. */
type PairRow = { supplier: string; buyer: string; value: number };

/** What toSummary reads of a firm node. */
const SUMMARY_KEYS = ['id', 'name', 'nameKo', 'tier', 'sector', 'region', 'district', 'revenue', 'employees', 'cohort', 'metricsVersion', 'metricValues'];

/** The place of a metric in the stored metricValues; null for any other name (a sort by a firm property). */
function metricIndexOf(name: string): number | null {
  return Object.hasOwn(METRIC_INDEX, name) ? METRIC_INDEX[name as MetricId] : null;
}

const toLink = (p: PairRow): NetworkLink => ({ source: p.supplier, target: p.buyer, value: p.value });
const pairKey = (supplier: string, buyer: string) => `${supplier}\u0000${buyer}`;

/** A firm the ego walk kept, with its hops upstream and downstream (null when not reached that way). */
type Reached = { id: string; up: number | null; down: number | null };

/** Each partner's share of the focal firm's network purchases (suppliers) or sales (buyers), largest first. */
type PartnerRow = Omit<Partner, 'share' | 'nameKo'> & { nameKo: string | null };

function withShares(rows: PartnerRow[]): Partner[] {
  const total = rows.reduce((t, p) => t + p.value, 0);
  return rows
    .map(({ nameKo, ...p }) => ({ ...p, ...(nameKo ? { nameKo } : {}), share: total > 0 ? p.value / total : 0 }))
    .sort((a, b) => b.value - a.value);
}

export type NetworkOptions = EgoOptions;

/** A year's supplies instead of the model's (per pair, the latest year), and a year to compare them with. */
export interface YearOptions {
  year?: number;
  compareYear?: number;
}

/** Years checked against those with supplies: both null for the model's network. */
interface ResolvedYears {
  year: number | null;
  compareYear: number | null;
}

/** Partners of `year` joined with those of `compareYear`: the change per partner, shares of `year`'s total. */
function comparePartners(now: PartnerRow[], then: PartnerRow[]): Partner[] {
  const joined = compareByKey(now, then, (p) => p.id, (p) => p.value).map(({ item, compared }) => ({ ...item, ...compared }));
  return withShares(joined);
}

/**
 * Each metric's percentile among the firm's KSIC-division peers: 100·(below + ½·equal) / peers, the
 * mid-rank convention, so a firm equal to all its peers sits at 50. Null where the firm has no value.
 * `sorted[k]` holds the peers' values of metric k in ascending order (nulls left out).
 */
export function peerPercentiles(sorted: Float64Array[], metrics: FirmMetrics): Partial<Record<MetricId, number | null>> {
  const result: Partial<Record<MetricId, number | null>> = {};
  METRIC_IDS.forEach((id, k) => {
    const x = metrics[id];
    const values = sorted[k];
    if (x === null || values.length === 0) {
      result[id] = null;
      return;
    }
    const below = firstIndex(values, (v) => v >= x);
    const equal = firstIndex(values, (v) => v > x) - below;
    result[id] = (100 * (below + equal / 2)) / values.length;
  });
  return result;
}

/** The first index whose value passes `atOrAfter` (which is false, then true, along the sorted array). */
function firstIndex(values: Float64Array, atOrAfter: (v: number) => boolean): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (atOrAfter(values[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The division's metric columns, sorted, kept per metrics version: a firm profile used to read every
 * peer's metrics (hundreds of rows) on each request, the heaviest part of a mixed read load. Only the
 * latest metrics version is kept.
 */
class PeerColumns {
  private version: unknown;
  private readonly byDivision = new Map<string, Promise<Float64Array[]>>();

  get(tx: ManagedTransaction, division: string, metricsVersion: unknown): Promise<Float64Array[]> {
    if (metricsVersion !== this.version) {
      this.byDivision.clear();
      this.version = metricsVersion;
    }
    let columns = this.byDivision.get(division);
    if (!columns) {
      columns = run<{ values: unknown }>(tx, 'firms/sector-peer-metrics', { division }).then((rows) => {
        const peers = rows.flatMap((r) => decodeMetricValues(r.values) ?? []);
        return METRIC_IDS.map((id) => Float64Array.from(peers.flatMap((m) => (m[id] === null ? [] : [m[id]]))).sort());
      });
      columns.catch(() => this.byDivision.delete(division));
      this.byDivision.set(division, columns);
    }
    return columns;
  }
}

/** Most summaries kept; past it the cache starts again (a depth-2 ego network holds a few hundred). */
const SUMMARY_CACHE_LIMIT = 200_000;

/**
 * Firm summaries kept in memory for one data version and one save of the metrics, the only writes that
 * change them: an ego network then reads from Neo4j only the firms no earlier request has shown. The key
 * comes from one small query per request (meta/summary-versions), so another server's import or
 * recompute is seen at the next request.
 */
class SummaryCache {
  private key: string | null = null;
  private readonly byId = new Map<string, FirmSummary>();

  async get(key: string, ids: string[], load: (missing: string[]) => Promise<FirmSummary[]>): Promise<FirmSummary[]> {
    if (key !== this.key) {
      this.byId.clear();
      this.key = key;
    }
    const missing = ids.filter((id) => !this.byId.has(id));
    const loaded = new Map<string, FirmSummary>();
    if (missing.length > 0) {
      for (const summary of await load(missing)) loaded.set(summary.id, summary);
      if (this.key === key) {
        if (this.byId.size + loaded.size > SUMMARY_CACHE_LIMIT) this.byId.clear();
        for (const [id, summary] of loaded) this.byId.set(id, summary);
      }
    }
    return ids.flatMap((id) => {
      const summary = loaded.get(id) ?? this.byId.get(id);
      return summary ? [summary] : [];
    });
  }
}

export class FirmService {
  private readonly peers = new PeerColumns();
  private readonly summaryCache = new SummaryCache();
  private years: { version: unknown; years: Promise<number[]> } | undefined;

  constructor(
    private readonly db: Database,
    private readonly snapshots?: SnapshotStore,
  ) {}

  async list(query: FirmQuery): Promise<FirmSummary[]> {
    const rows = await this.db.read<{ firm: Record<string, unknown> }>('firms/list', {
      q: query.q ? query.q.toLowerCase() : null,
      tiers: query.tiers?.length ? query.tiers : null,
      sector: query.sector ?? null,
      region: query.region ?? null,
      district: query.district ?? null,
      cohort: query.cohort ?? null,
      community: query.community ?? null,
      communityIndex: METRIC_INDEX.community,
      minRevenue: query.minRevenue ?? null,
      maxRevenue: query.maxRevenue ?? null,
      metricIndex: query.metric ? metricIndexOf(query.metric) : null,
      metricMin: query.metricMin ?? null,
      metricMax: query.metricMax ?? null,
      sort: query.sort,
      sortIndex: metricIndexOf(query.sort),
      desc: query.desc,
      skip: query.skip,
      limit: query.limit,
    });
    return rows.map((r) => toSummary(r.firm));
  }

  /** The calendar years with supplies in the current data, ascending; read once per data version. */
  async supplyYears(): Promise<number[]> {
    const [{ version }] = await this.db.read<{ version: unknown }>('meta/data-version');
    if (!this.years || this.years.version !== version) {
      const years = this.db.read<{ year: number }>('network/supply-years').then((rows) => rows.map((r) => Number(r.year)));
      years.catch(() => (this.years = undefined));
      this.years = { version, years };
    }
    return this.years.years;
  }

  /**
   * Checks `year` and `compareYear` against the years with supplies (422 naming the field otherwise); a
   * comparison without `year` compares the latest year with supplies.
   */
  async resolveYears(options: YearOptions): Promise<ResolvedYears> {
    if (options.year === undefined && options.compareYear === undefined) return { year: null, compareYear: null };
    const years = await this.supplyYears();
    const check = (field: 'year' | 'compareYear', year: number | undefined) => {
      if (year === undefined || years.includes(year)) return;
      const present = years.length > 0 ? `the years with supplies are ${years.join(', ')}` : 'no supplies carry a year';
      throw new DomainError(422, 'Year without supplies', `No supplies are recorded for ${year}; ${present}.`, [{ path: `query.${field}`, message: `${year} is not a year with supplies (${present})` }]);
    };
    check('year', options.year);
    check('compareYear', options.compareYear);
    return { year: options.year ?? years.at(-1)!, compareYear: options.compareYear ?? null };
  }

  async get(id: string, options: YearOptions = {}) {
    const { year, compareYear } = await this.resolveYears(options);
    return this.db.readTx(async (tx) => {
      const [row] = await run<{ firm: Record<string, unknown> }>(tx, 'firms/get', { id });
      if (!row) throw unknownFirm(id);
      const partners = async (statement: string) => {
        const now = await run<PartnerRow>(tx, statement, { id, year });
        if (compareYear === null) return withShares(now);
        return comparePartners(now, await run<PartnerRow>(tx, statement, { id, year: compareYear }));
      };
      const suppliers = await partners('firms/suppliers');
      const buyers = await partners('firms/buyers');
      const metrics = metricsOf(row.firm);
      return {
        ...nodeToFirm(row.firm),
        metrics,
        metricPercentiles: metrics ? peerPercentiles(await this.peers.get(tx, sectorDivision(row.firm.sector as string), row.firm.metricsVersion), metrics) : null,
        ...(year !== null && { year }),
        ...(compareYear !== null && { compareYear }),
        suppliers,
        buyers,
      };
    });
  }

  /**
   * Ego network: the firms within `depth` hops upstream, downstream or both (closest first, at most `limit`)
   * and the supplies among them, following the rules of analytics/egoNetwork.ts. Walked on the in-memory
   * snapshot when it is current (microseconds), else hop by hop in Cypher; either way the firms' details
   * come from Neo4j, on the snapshot path through the summary cache. Both walks give the same network (an
   * integration test says so).
   */
  async network(id: string, options: NetworkOptions & YearOptions): Promise<Network> {
    const { year, compareYear } = await this.resolveYears(options);
    if (year === null) {
      // One small query gives both the version the snapshot must match and the summary cache's key.
      const [versions] = await this.db.read<{ dataVersion: number; metricsSavedAt: string | null }>('meta/summary-versions');
      const loaded = this.snapshots?.currentAt(versions.dataVersion);
      if (!loaded) return this.networkFromCypher(id, options);
      const key = `${versions.dataVersion}:${versions.metricsSavedAt ?? ''}`;
      return this.networkFromSnapshot(loaded.snapshot, id, options, (ids) =>
        this.summaryCache.get(key, ids, (missing) => this.db.readTx((tx) => this.summaries(tx, missing))),
      );
    }
    const now = await this.networkFromCypher(id, options, year);
    if (compareYear === null) return { ...now, year };
    return this.compareNetworks(now, await this.networkFromCypher(id, options, compareYear), options.minValue, year, compareYear);
  }

  /**
   * The ego networks of two years as one: every firm of either (marked added, removed or kept), and every
   * supply among them of either year with its value in both and what changed.
   */
  private async compareNetworks(now: Network, then: Network, minValue: number, year: number, compareYear: number): Promise<Network> {
    const nowIds = new Set(now.nodes.map((n) => n.id));
    const thenIds = new Set(then.nodes.map((n) => n.id));
    const nodes: NetworkNode[] = [
      ...now.nodes.map((n) => ({ ...n, change: thenIds.has(n.id) ? ('kept' as const) : ('added' as const) })),
      ...then.nodes.filter((n) => !nowIds.has(n.id)).map((n) => ({ ...n, change: 'removed' as const })),
    ];
    const ids = nodes.map((n) => n.id);
    // Both years unfiltered, then one threshold on the larger value: filtering each year apart would call a
    // supply that crossed minValue "added" or "removed" when it grew or shrank.
    const [linksNow, linksThen] = await this.db.readTx(async (tx) => [
      await run<PairRow>(tx, 'network/links-among', { ids, minValue: 0, year }),
      await run<PairRow>(tx, 'network/links-among', { ids, minValue: 0, year: compareYear }),
    ]);
    const links = compareByKey(linksNow, linksThen, (p) => pairKey(p.supplier, p.buyer), (p) => p.value)
      .filter(({ compared }) => Math.max(compared.value, compared.compareValue) >= minValue)
      .map(({ item, compared }) => ({ source: item.supplier, target: item.buyer, ...compared }));
    return { nodes, links, truncated: now.truncated || then.truncated, year, compareYear };
  }

  async networkFromSnapshot(
    snapshot: Snapshot,
    id: string,
    options: NetworkOptions,
    summaries: (ids: string[]) => Promise<FirmSummary[]> = (ids) => this.db.readTx((tx) => this.summaries(tx, ids)),
  ): Promise<Network> {
    const focal = snapshot.index.get(id);
    if (focal === undefined) throw unknownFirm(id);
    const walk = egoWalk(snapshot, focal, options);
    const hops = (dist: Int32Array, i: number) => (dist[i] < 0 ? null : dist[i]);
    const reached = walk.order.map((i, k) => ({ id: snapshot.ids[i], up: hops(walk.up, k), down: hops(walk.down, k) }));
    const links = walk.links.map(([s, b, value]) => ({ source: snapshot.ids[s], target: snapshot.ids[b], value }));
    return this.assemble(await summaries(reached.map((r) => r.id)), id, reached, links, walk.truncated);
  }

  /**
   * The snapshot walk of analytics/egoNetwork.ts, one Cypher step per hop and direction; over the supplies
   * of `year` when given (the snapshot holds only the model's flows).
   */
  async networkFromCypher(id: string, options: NetworkOptions, year: number | null = null): Promise<Network> {
    return this.db.readTx(async (tx) => {
      const [focal] = await run(tx, 'firms/get', { id });
      if (!focal) throw unknownFirm(id);
      const order = [id];
      const kept = new Set(order);
      const up = new Map([[id, 0]]);
      const down = new Map([[id, 0]]);
      let truncated = false;

      const step = async (statement: string, frontier: string[], hop: number, dist: Map<string, number>, far: (p: PairRow) => string) => {
        if (frontier.length === 0) return [];
        const next: string[] = [];
        const strongest = new Map<string, number>();
        for (const pair of await run<PairRow>(tx, statement, { frontier, minValue: options.minValue, year })) {
          const other = far(pair);
          if (dist.has(other)) continue;
          if (kept.has(other)) {
            dist.set(other, hop);
            next.push(other);
          } else {
            strongest.set(other, Math.max(strongest.get(other) ?? pair.value, pair.value));
          }
        }
        const candidates = [...strongest].sort(([a, va], [b, vb]) => strongestFirst(va, a, vb, b));
        const room = options.limit - order.length;
        if (candidates.length > room) truncated = true;
        for (const [other] of candidates.slice(0, room)) {
          kept.add(other);
          dist.set(other, hop);
          order.push(other);
          next.push(other);
        }
        return next;
      };

      let upward = options.direction === 'downstream' ? [] : [id];
      let downward = options.direction === 'upstream' ? [] : [id];
      for (let hop = 1; hop <= options.depth && (upward.length > 0 || downward.length > 0); hop++) {
        upward = await step('network/upstream-hop', upward, hop, up, (p) => p.supplier);
        downward = await step('network/downstream-hop', downward, hop, down, (p) => p.buyer);
      }
      const links = await run<PairRow>(tx, 'network/links-among', { ids: order, minValue: options.minValue, year });
      const reached = order.map((f) => ({ id: f, up: up.get(f) ?? null, down: down.get(f) ?? null }));
      return this.assemble(await this.summaries(tx, order), id, reached, links.map(toLink), truncated);
    });
  }

  /**
   * The walked firms with their details, in walk order. Firms deleted since the walk (a replace import
   * after the snapshot was built) drop out, and so do their links; if the focal firm is gone, it is unknown.
   */
  private assemble(summaries: FirmSummary[], focal: string, reached: Reached[], links: NetworkLink[], truncated: boolean): Network {
    if (summaries[0]?.id !== focal) throw unknownFirm(focal);
    // Object.assign, not a spread: on the summaries (cached objects of several shapes) a spread took 2–3
    // times as long, the largest part of a 2,000-firm network's request in process.
    const node = (n: FirmSummary, { up, down }: Reached): NetworkNode => Object.assign({}, n, { up, down });
    // Usually every walked firm is there, in walk order: no lookups needed.
    if (summaries.length === reached.length && summaries.every((n, k) => n.id === reached[k].id)) {
      return { nodes: summaries.map((n, k) => node(n, reached[k])), links, truncated };
    }
    const present = new Set(summaries.map((n) => n.id));
    const hops = new Map(reached.map((r) => [r.id, r]));
    return {
      nodes: summaries.map((n) => node(n, hops.get(n.id)!)),
      links: links.filter((l) => present.has(l.source) && present.has(l.target)),
      truncated,
    };
  }

  /**
   * A filtered subgraph: the firms matching the filters (largest first, up to `limit`) and the supplies
   * among them of at least `minValue` (links-among keeps only pairs whose ends are both in the list).
   */
  async subgraph(query: Omit<FirmQuery, 'sort' | 'desc' | 'skip'> & { minValue: number }): Promise<{ nodes: FirmSummary[]; links: NetworkLink[]; truncated: boolean }> {
    const firms = await this.list({ ...query, sort: 'revenue', desc: true, skip: 0, limit: query.limit + 1 });
    const truncated = firms.length > query.limit;
    const nodes = firms.slice(0, query.limit);
    const ids = nodes.map((n) => n.id);
    const links = await this.db.read<PairRow>('network/links-among', { ids, minValue: query.minValue, year: null });
    return { nodes, links: links.map(toLink), truncated };
  }

  /** The shortest chain of supplies linking two firms, in either direction along each link. */
  async path(from: string, to: string): Promise<{ nodes: FirmSummary[]; links: NetworkLink[] } | null> {
    return this.db.readTx(async (tx) => {
      for (const [id, path] of [[from, 'from'], [to, 'to']] as const) {
        const [row] = await run(tx, 'firms/get', { id });
        if (!row) throw unknownFirm(id, path);
      }
      if (from === to) return { nodes: await this.summaries(tx, [from]), links: [] };
      const [row] = await run<{ ids: string[]; pairs: { supplier: string; buyer: string }[] }>(tx, 'network/shortest-path', { from, to });
      if (!row) return null;
      // The path steps over one relationship per pair, perhaps an older year's: report the model's values.
      const among = await run<PairRow>(tx, 'network/links-among', { ids: row.ids, minValue: 0, year: null });
      const values = new Map(among.map((p) => [pairKey(p.supplier, p.buyer), p.value]));
      const links = row.pairs.map((p) => ({ source: p.supplier, target: p.buyer, value: values.get(pairKey(p.supplier, p.buyer))! }));
      return { nodes: await this.summaries(tx, row.ids), links };
    });
  }

  /** The firms' summaries in the order of `ids`, leaving out those not (or no longer) stored. */
  private async summaries(tx: ManagedTransaction, ids: string[]): Promise<FirmSummary[]> {
    const rows = await run<{ values: unknown[] }>(tx, 'firms/summaries-by-ids', { ids, keys: SUMMARY_KEYS });
    const byId = new Map(
      rows.map(({ values }) => {
        const props: Record<string, unknown> = {};
        SUMMARY_KEYS.forEach((key, k) => (props[key] = values[k]));
        return [props.id as string, props];
      }),
    );
    return ids.flatMap((id) => {
      const firm = byId.get(id);
      return firm ? [toSummary(firm)] : [];
    });
  }
}
