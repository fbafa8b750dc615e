/**
 * Reading firms: search and listing, one firm with its trading partners, ego networks and subgraphs.
 * Networks are explored breadth-first, one parameterised Cypher step per hop, inside one read
 * transaction, so the depth never becomes part of a query string.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { run, type Database } from '../db/database.ts';
import type { Tier } from '../domain/firm.ts';
import { unknownFirm } from './errors.ts';
import { egoWalk } from '../analytics/egoNetwork.ts';
import type { Snapshot } from '../analytics/snapshot.ts';
import type { SnapshotStore } from './snapshotStore.ts';
import { metricsOf, toFirm, toSummary } from './firmView.ts';
import type { FirmSummary, Network, NetworkLink, Partner } from '../domain/views.ts';

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

type LinkRow = { supplier: string; buyer: string; yearKey: number; value: number };

/** Collapses rows to one link per pair with the latest year's total (as the analytics model does). */
function modelLinks(rows: LinkRow[]): Map<string, NetworkLink & { yearKey: number }> {
  const links = new Map<string, NetworkLink & { yearKey: number }>();
  for (const r of rows) {
    const key = `${r.supplier}\u0000${r.buyer}`;
    const seen = links.get(key);
    if (!seen || r.yearKey > seen.yearKey) links.set(key, { source: r.supplier, target: r.buyer, value: r.value, yearKey: r.yearKey });
    else if (r.yearKey === seen.yearKey) seen.value += r.value;
  }
  return links;
}

function partners(rows: (LinkRow & Record<string, unknown>)[], side: 'supplier' | 'buyer'): Partner[] {
  const byId = new Map<string, Partner & { yearKey: number }>();
  for (const r of rows) {
    const id = r.id as string;
    const seen = byId.get(id);
    if (!seen || r.yearKey > seen.yearKey) {
      byId.set(id, {
        id,
        name: r.name as string,
        ...(r.nameKo ? { nameKo: r.nameKo as string } : {}),
        tier: r.tier as Tier,
        sector: r.sector as string,
        region: r.region as string,
        value: r.value,
        share: 0,
        yearKey: r.yearKey,
      });
    } else if (r.yearKey === seen.yearKey) seen.value += r.value;
  }
  const list = [...byId.values()];
  const total = list.reduce((t, p) => t + p.value, 0);
  void side;
  return list
    .map(({ yearKey: _y, ...p }) => ({ ...p, share: total > 0 ? p.value / total : 0 }))
    .sort((a, b) => b.value - a.value);
}

export interface NetworkOptions {
  direction: 'upstream' | 'downstream' | 'both';
  depth: number;
  minValue: number;
  limit: number;
}

export class FirmService {
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
      minRevenue: query.minRevenue ?? null,
      maxRevenue: query.maxRevenue ?? null,
      metric: query.metric ?? null,
      metricMin: query.metricMin ?? null,
      metricMax: query.metricMax ?? null,
      sort: query.sort,
      desc: query.desc,
      skip: query.skip,
      limit: query.limit,
    });
    return rows.map((r) => toSummary(r.firm));
  }

  async get(id: string) {
    return this.db.readTx(async (tx) => {
      const [row] = await run<{ firm: Record<string, unknown> }>(tx, 'firms/get', { id });
      if (!row) throw unknownFirm(id);
      const suppliers = await run<LinkRow & Record<string, unknown>>(tx, 'firms/suppliers', { id });
      const buyers = await run<LinkRow & Record<string, unknown>>(tx, 'firms/buyers', { id });
      return {
        ...toFirm(row.firm),
        metrics: metricsOf(row.firm),
        suppliers: partners(suppliers, 'supplier'),
        buyers: partners(buyers, 'buyer'),
      };
    });
  }

  /**
   * Ego network: breadth-first up to `depth` hops upstream, downstream or both, capped at `limit` nodes.
   * Walked on the in-memory snapshot when it is current (microseconds), else hop by hop in Cypher; either
   * way the firms' details come from Neo4j. Both walks give the same network (an integration test says so).
   */
  async network(id: string, options: NetworkOptions): Promise<Network> {
    const loaded = await this.snapshots?.currentOrWarm();
    return loaded ? this.networkFromSnapshot(loaded.snapshot, id, options) : this.networkFromCypher(id, options);
  }

  async networkFromSnapshot(snapshot: Snapshot, id: string, options: NetworkOptions): Promise<Network> {
    const focal = snapshot.index.get(id);
    if (focal === undefined) throw unknownFirm(id);
    const walk = egoWalk(snapshot, focal, options);
    return this.db.readTx(async (tx) => {
      const ids = walk.order.map((i) => snapshot.ids[i]);
      const nodes = await this.summaries(tx, ids);
      return {
        nodes: nodes.map((n) => {
          const i = snapshot.index.get(n.id)!;
          return { ...n, up: walk.up[i] < 0 ? null : walk.up[i], down: walk.down[i] < 0 ? null : walk.down[i] };
        }),
        links: walk.links.map(([s, b, value]) => ({ source: snapshot.ids[s], target: snapshot.ids[b], value })),
        truncated: walk.truncated,
      };
    });
  }

  async networkFromCypher(id: string, options: NetworkOptions): Promise<Network> {
    return this.db.readTx(async (tx) => {
      const [focal] = await run<{ firm: Record<string, unknown> }>(tx, 'firms/get', { id });
      if (!focal) throw unknownFirm(id);
      const up = new Map<string, number>([[id, 0]]);
      const down = new Map<string, number>([[id, 0]]);
      const rows: LinkRow[] = [];
      let truncated = false;
      const reached = () => new Set([...up.keys(), ...down.keys()]).size;

      const walk = async (statement: string, dist: Map<string, number>, next: (r: LinkRow) => string) => {
        let frontier = [id];
        for (let hop = 1; hop <= options.depth && frontier.length > 0 && !truncated; hop++) {
          const step = await run<LinkRow>(tx, statement, { frontier, minValue: options.minValue });
          const nextFrontier: string[] = [];
          for (const r of step) {
            const other = next(r);
            if (!dist.has(other)) {
              if (!up.has(other) && !down.has(other) && reached() >= options.limit) {
                truncated = true;
                continue;
              }
              dist.set(other, hop);
              nextFrontier.push(other);
            }
            rows.push(r);
          }
          frontier = nextFrontier;
        }
      };
      if (options.direction !== 'downstream') await walk('network/upstream-hop', up, (r) => r.supplier);
      if (options.direction !== 'upstream') await walk('network/downstream-hop', down, (r) => r.buyer);

      const ids = [...new Set([...up.keys(), ...down.keys()])];
      const nodes = await this.summaries(tx, ids);
      const present = new Set(ids);
      const links = [...modelLinks(rows).values()]
        .filter((l) => present.has(l.source) && present.has(l.target))
        .map(({ yearKey: _y, ...l }) => l);
      return {
        nodes: nodes.map((n) => ({ ...n, up: up.get(n.id) ?? null, down: down.get(n.id) ?? null })),
        links,
        truncated,
      };
    });
  }

  /** A filtered subgraph: the firms matching the filters (largest first, up to `limit`) and their links. */
  async subgraph(query: Omit<FirmQuery, 'sort' | 'desc' | 'skip'> & { minValue: number }): Promise<{ nodes: FirmSummary[]; links: NetworkLink[]; truncated: boolean }> {
    const firms = await this.list({ ...query, sort: 'revenue', desc: true, skip: 0, limit: query.limit + 1 });
    const truncated = firms.length > query.limit;
    const nodes = firms.slice(0, query.limit);
    const ids = nodes.map((n) => n.id);
    const rows = await this.db.read<LinkRow>('network/links-among', { ids, minValue: query.minValue });
    const links = [...modelLinks(rows).values()].map(({ yearKey: _y, ...l }) => l);
    return { nodes, links, truncated };
  }

  /** The shortest chain of supplies linking two firms, in either direction along each link. */
  async path(from: string, to: string): Promise<{ nodes: FirmSummary[]; links: NetworkLink[] } | null> {
    return this.db.readTx(async (tx) => {
      for (const [id, path] of [[from, 'from'], [to, 'to']] as const) {
        const [row] = await run(tx, 'firms/get', { id });
        if (!row) throw unknownFirm(id, path);
      }
      if (from === to) return { nodes: await this.summaries(tx, [from]), links: [] };
      const [row] = await run<{ ids: string[]; links: LinkRow[] }>(tx, 'network/shortest-path', { from, to });
      if (!row) return null;
      const byId = new Map((await this.summaries(tx, row.ids)).map((n) => [n.id, n]));
      const links = [...modelLinks(row.links).values()].map(({ yearKey: _y, ...l }) => l);
      return { nodes: row.ids.map((id) => byId.get(id)!), links };
    });
  }

  private async summaries(tx: ManagedTransaction, ids: string[]): Promise<FirmSummary[]> {
    const rows = await run<{ firm: Record<string, unknown> }>(tx, 'firms/by-ids', { ids });
    return rows.map((r) => toSummary(r.firm));
  }
}
