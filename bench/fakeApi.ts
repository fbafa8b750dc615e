/**
 * A synthetic stand-in for the Anchorage API (DESIGN §5), serving the built client too. The browser
 * benchmark uses it to draw networks larger than the seed (20,000 firms); it answers with the API's
 * shapes from a deterministic generated network, so its numbers are not the real analytics.
 *
 *   npx tsx bench/fakeApi.ts [--firms 5000] [--port 0]   (prints its URL)
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../client/src/layout/engine.ts';
import { buildSnapshot } from '../server/analytics/snapshot.ts';
import { OverviewQuery } from '../server/api/overview.ts';
import type { Database } from '../server/db/database.ts';
import { OverviewService } from '../server/services/overviewService.ts';
import type { SnapshotStore } from '../server/services/snapshotStore.ts';

const TIERS = ['top-anchor', 'anchor', 'pre-anchor', 'sme', 'large', 'external'] as const;
const SECTORS = [
  ['24', 'Basic metals', '1차 금속'],
  ['25', 'Fabricated metal products', '금속가공제품'],
  ['26', 'Electronic components', '전자부품'],
  ['28', 'Electrical equipment', '전기장비'],
  ['29', 'Machinery and equipment', '기타 기계·장비'],
  ['30', 'Motor vehicles and parts', '자동차·부품'],
  ['31', 'Ships and other transport', '선박·기타 운송장비'],
  ['22', 'Rubber and plastics', '고무·플라스틱'],
] as const;
const DISTRICTS = [
  ['Gangseo-gu', '강서구'],
  ['Sasang-gu', '사상구'],
  ['Saha-gu', '사하구'],
  ['Gijang-gun', '기장군'],
  ['Haeundae-gu', '해운대구'],
  ['Busanjin-gu', '부산진구'],
] as const;
const REGIONS = [
  ['Busan', '부산'],
  ['Gyeongnam', '경남'],
  ['Ulsan', '울산'],
  ['Capital', '수도권'],
] as const;
const COHORT = [
  { id: 'daeyang-electric', name: 'Daeyang Electric', nameKo: '대양전기공업', tier: 'top-anchor' },
  { id: 'bmt', name: 'BMT', nameKo: '비엠티', tier: 'anchor' },
  { id: 'halla-ims', name: 'Halla IMS', nameKo: '한라IMS', tier: 'anchor' },
  { id: 'jmj', name: 'JMJ', nameKo: '제이엠제이', tier: 'pre-anchor' },
] as const;
const SYLLABLES = ['Dae', 'Han', 'Sung', 'Jin', 'Woo', 'Min', 'Kwang', 'Dong', 'Seo', 'Hyun', 'Nam', 'Il'];
const KO_SYLLABLES = ['대', '한', '성', '진', '우', '민', '광', '동', '서', '현', '남', '일'];
const SUFFIX = [['Tech', '테크'], ['Precision', '정밀'], ['Industrial', '산업'], ['Metal', '금속'], ['Marine', '마린'], ['Electric', '전기']] as const;

const rng = seededRandom;

interface FakeFirm {
  id: string;
  name: string;
  nameKo: string;
  tier: (typeof TIERS)[number];
  sector: string;
  region: string;
  district?: string;
  revenue: number;
  employees: number;
  cohort?: number;
  metrics: Record<string, number>;
  history: { year: number; revenue: number; employees: number }[];
  exportShare: number;
  patents: number;
}

interface FakeLink {
  source: number;
  target: number;
  value: number;
}

export class FakeNetwork {
  readonly firms: FakeFirm[] = [];
  readonly links: FakeLink[] = [];
  readonly index = new Map<string, number>();
  readonly inAdj: number[][];
  readonly outAdj: number[][];

  /** `linksPerFirm`: mean purchases per firm (default ≈ 2, as the seed); 10 gives 100k firms / 1M links. */
  constructor(n: number, seed = 7, linksPerFirm?: number) {
    const r = rng(seed);
    for (let i = 0; i < n; i++) {
      const c = COHORT[i];
      const a = Math.floor(r() * SYLLABLES.length);
      const b = Math.floor(r() * SYLLABLES.length);
      const s = Math.floor(r() * SUFFIX.length);
      const tier = c ? c.tier : r() < 0.04 ? 'large' : r() < 0.08 ? 'external' : 'sme';
      const regionIdx = tier === 'external' ? 1 + Math.floor(r() * 3) : 0;
      const revenue = Math.round(Math.exp(7 + r() * 4 + (c ? 3 : tier === 'large' ? 2 : 0)));
      const employees = Math.max(3, Math.round(revenue / (200 + r() * 300)));
      const firm: FakeFirm = {
        id: c ? c.id : `firm-${String(i).padStart(5, '0')}`,
        name: c ? c.name : `${SYLLABLES[a]}${SYLLABLES[b].toLowerCase()} ${SUFFIX[s][0]} ${i}`,
        nameKo: c ? c.nameKo : `${KO_SYLLABLES[a]}${KO_SYLLABLES[b]}${SUFFIX[s][1]} ${i}`,
        tier,
        sector: SECTORS[Math.floor(r() * SECTORS.length)][0],
        region: REGIONS[regionIdx][0],
        district: regionIdx === 0 ? DISTRICTS[Math.floor(r() * DISTRICTS.length)][0] : undefined,
        revenue,
        employees,
        cohort: c ? 2026 : undefined,
        metrics: {},
        history: [2021, 2022, 2023, 2024, 2025].map((year, k) => ({ year, revenue: Math.round(revenue * (0.8 + 0.05 * k + r() * 0.05)), employees: Math.round(employees * (0.9 + 0.025 * k)) })),
        exportShare: Math.round(r() * 60) / 100,
        patents: Math.floor(r() * 12),
      };
      this.index.set(firm.id, i);
      this.firms.push(firm);
    }
    this.inAdj = Array.from({ length: n }, () => []);
    this.outAdj = Array.from({ length: n }, () => []);
    const seen = new Set<string>();
    const add = (s: number, t: number, value: number): void => {
      if (s === t || seen.has(`${s}>${t}`)) return;
      seen.add(`${s}>${t}`);
      this.links.push({ source: s, target: t, value });
      this.outAdj[s].push(this.links.length - 1);
      this.inAdj[t].push(this.links.length - 1);
    };
    // Each firm buys from a few suppliers with lower index bias, so anchors get deep supplier trees.
    for (let t = 0; t < n; t++) {
      const k = t < COHORT.length ? 12 : linksPerFirm ? 1 + Math.floor(r() * (2 * linksPerFirm - 1)) : 1 + Math.floor(r() * 2.2);
      for (let j = 0; j < k; j++) {
        const s = t < COHORT.length ? COHORT.length + Math.floor(r() * Math.min(n - COHORT.length, 400)) : Math.floor(r() * n);
        add(s, t, Math.max(1, Math.round(this.firms[t].revenue * (0.02 + r() * 0.08))));
      }
    }
    for (let i = 0; i < Math.min(n, 40); i++) add(COHORT.length + Math.floor(r() * Math.max(1, n - COHORT.length)), i % COHORT.length, 500);
    const maxDeg = Math.max(1, ...this.firms.map((_, i) => this.inAdj[i].length + this.outAdj[i].length));
    this.firms.forEach((f, i) => {
      f.metrics = {
        pagerank: (this.outAdj[i].length + 1) / n,
        betweenness: ((this.inAdj[i].length * this.outAdj[i].length) / (maxDeg * maxDeg)) * 0.1,
        community: Number(f.sector) % 7,
        inDegree: this.inAdj[i].length,
        outDegree: this.outAdj[i].length,
        outputMultiplier: 1 + r() * 0.8,
        employmentMultiplier: r() * 0.01,
        regionalRetention: 0.3 + r() * 0.6,
      };
    });
  }

  summary(i: number): Record<string, unknown> {
    const { history: _h, exportShare: _e, patents: _p, ...rest } = this.firms[i];
    return rest;
  }

  /** BFS along suppliers (up) and/or buyers (down). */
  ego(id: string, direction: string, depth: number, limit: number): object | null {
    const root = this.index.get(id);
    if (root === undefined) return null;
    const up = new Map<number, number>([[root, 0]]);
    const down = new Map<number, number>([[root, 0]]);
    const walk = (dist: Map<number, number>, adj: number[][], end: 'source' | 'target'): void => {
      let frontier = [root];
      for (let d = 1; d <= depth && frontier.length; d++) {
        const next: number[] = [];
        for (const v of frontier) for (const k of adj[v]) {
          const w = this.links[k][end];
          if (!dist.has(w)) {
            dist.set(w, d);
            next.push(w);
          }
        }
        frontier = next;
      }
    };
    if (direction !== 'downstream') walk(up, this.inAdj, 'source');
    if (direction !== 'upstream') walk(down, this.outAdj, 'target');
    const ids = [...new Set([...up.keys(), ...down.keys()])];
    const truncated = ids.length > limit;
    const keep = new Set(ids.slice(0, limit));
    return {
      nodes: [...keep].map((i) => ({ ...this.summary(i), up: up.get(i) ?? null, down: down.get(i) ?? null })),
      links: this.linksAmong(keep),
      truncated,
    };
  }

  linksAmong(keep: Set<number>): object[] {
    return this.links.filter((l) => keep.has(l.source) && keep.has(l.target)).map((l) => ({ source: this.firms[l.source].id, target: this.firms[l.target].id, value: l.value }));
  }
}

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.map': 'application/json', '.json': 'application/json' };

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function problem(res: ServerResponse, status: number, title: string, detail: string): void {
  send(res, status, { type: 'about:blank', title, status, detail }, 'application/problem+json');
}

async function readJson(req: IncomingMessage): Promise<any> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

export function startFakeApi(opts: { firms: number; linksPerFirm?: number; port?: number; staticDir?: string }): Promise<{ url: string; server: Server; network: FakeNetwork }> {
  const net = new FakeNetwork(opts.firms, 7, opts.linksPerFirm);
  // The overview is the server's own aggregation over a snapshot of the fake network, built once here as
  // the real server keeps its snapshot warm. No metrics ran, so a community grouping falls back to divisions.
  const snapshot = buildSnapshot(
    net.firms.map((f) => ({ id: f.id, name: f.name, nameKo: f.nameKo, tier: f.tier, sector: f.sector, region: f.region, district: f.district, revenue: f.revenue, employees: f.employees })),
    net.links.map((l) => ({ supplier: net.firms[l.source].id, buyer: net.firms[l.target].id, value: l.value })),
  );
  const overview = new OverviewService({ read: async () => [] } as unknown as Database, { get: async () => ({ snapshot, dataVersion: 1, loadMs: 0 }) } as unknown as SnapshotStore);
  const staticDir = opts.staticDir ?? resolve(fileURLToPath(new URL('../client/dist', import.meta.url)));
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      const q = url.searchParams;
      const p = url.pathname;
      if (!p.startsWith('/api/')) {
        const file = normalize(join(staticDir, p === '/' ? 'index.html' : p));
        if (!file.startsWith(staticDir) || !existsSync(file) || !statSync(file).isFile()) return problem(res, 404, 'Not found', p);
        res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
        return void createReadStream(file).pipe(res);
      }
      if (p === '/api/health') return send(res, 200, { status: 'ok', neo4j: { connected: true, version: 'fake' }, firms: net.firms.length, supplies: net.links.length });
      if (p === '/api/meta') {
        return send(res, 200, {
          tiers: TIERS.map((id) => ({ id, en: id, ko: id })),
          sectors: SECTORS.map(([code, en, ko]) => ({ code, en, ko })),
          regions: REGIONS.map(([id, ko]) => ({ id, en: id, ko })),
          districts: DISTRICTS.map(([id, ko]) => ({ id, ko })),
          metrics: [],
          homeRegion: 'Busan',
        });
      }
      if (p === '/api/firms') {
        const text = (q.get('q') ?? '').toLowerCase();
        const tiers = q.get('tier')?.split(',');
        const limit = Number(q.get('limit') ?? 20);
        const hits: number[] = [];
        net.firms.forEach((f, i) => {
          if (tiers && !tiers.includes(f.tier)) return;
          if (text && !f.name.toLowerCase().includes(text) && !f.nameKo.includes(text)) return;
          hits.push(i);
        });
        hits.sort((a, b) => Number(!net.firms[a].name.toLowerCase().startsWith(text)) - Number(!net.firms[b].name.toLowerCase().startsWith(text)) || net.firms[b].revenue - net.firms[a].revenue);
        return send(res, 200, { items: hits.slice(0, limit).map((i) => net.summary(i)), nextCursor: null });
      }
      const firmMatch = /^\/api\/firms\/([^/]+)(\/network)?$/.exec(p);
      if (firmMatch) {
        const id = decodeURIComponent(firmMatch[1]);
        if (firmMatch[2]) {
          const body = net.ego(id, q.get('direction') ?? 'both', Number(q.get('depth') ?? 1), Number(q.get('limit') ?? 5000));
          return body ? send(res, 200, body) : problem(res, 404, 'Not found', `no firm ${id}`);
        }
        const i = net.index.get(id);
        if (i === undefined) return problem(res, 404, 'Not found', `no firm ${id}`);
        const f = net.firms[i];
        const side = (adj: number[], end: 'source' | 'target') => {
          const total = adj.reduce((s, k) => s + net.links[k].value, 0) || 1;
          return adj.map((k) => {
            const o = net.firms[net.links[k][end]];
            return { id: o.id, name: o.name, nameKo: o.nameKo, tier: o.tier, value: net.links[k].value, share: net.links[k].value / total };
          }).sort((a, b) => b.value - a.value);
        };
        const pct = Object.fromEntries(Object.keys(f.metrics).map((k) => [k, Math.round(50 + 40 * Math.sin(i + k.length))]));
        return send(res, 200, { ...f, metricPercentiles: pct, suppliers: side(net.inAdj[i], 'source'), buyers: side(net.outAdj[i], 'target') });
      }
      if (p === '/api/graph') {
        const limit = Math.min(20_000, Number(q.get('limit') ?? 5000));
        const tiers = q.get('tier')?.split(',');
        const keep = new Set<number>();
        for (let i = 0; i < net.firms.length && keep.size < limit; i++) if (!tiers || tiers.includes(net.firms[i].tier)) keep.add(i);
        return send(res, 200, { nodes: [...keep].map((i) => net.summary(i)), links: net.linksAmong(keep), truncated: keep.size < net.firms.length && keep.size === limit });
      }
      if (p === '/api/overview') {
        const query = OverviewQuery.safeParse(Object.fromEntries(q));
        if (!query.success) return problem(res, 400, 'Invalid request', query.error.message);
        return send(res, 200, await overview.overview(query.data));
      }
      if (p === '/api/path') {
        const from = net.index.get(q.get('from') ?? '');
        const to = net.index.get(q.get('to') ?? '');
        if (from === undefined || to === undefined) return problem(res, 404, 'Not found', 'unknown firm');
        const prev = new Map<number, number>([[from, -1]]);
        let frontier = [from];
        while (frontier.length && !prev.has(to)) {
          const next: number[] = [];
          for (const v of frontier) for (const k of [...net.inAdj[v], ...net.outAdj[v]]) {
            const l = net.links[k];
            const w = l.source === v ? l.target : l.source;
            if (!prev.has(w)) {
              prev.set(w, k);
              next.push(w);
            }
          }
          frontier = next;
        }
        if (!prev.has(to)) return problem(res, 404, 'No path', 'not connected');
        const nodes = [to];
        const links: FakeLink[] = [];
        for (let v = to; v !== from; ) {
          const l = net.links[prev.get(v)!];
          links.push(l);
          v = l.source === v ? l.target : l.source;
          nodes.push(v);
        }
        return send(res, 200, { nodes: nodes.reverse().map((i) => net.summary(i)), links: links.map((l) => ({ source: net.firms[l.source].id, target: net.firms[l.target].id, value: l.value })) });
      }
      if (p === '/api/ripple' && req.method === 'POST') {
        const body = await readJson(req);
        if (!Array.isArray(body.shocks) || body.shocks.length === 0) return send(res, 422, { type: 'about:blank', title: 'Invalid request', status: 422, detail: 'shocks must not be empty', errors: [{ path: 'shocks', message: 'must contain at least 1 element' }] }, 'application/problem+json');
        const out = new Float64Array(net.firms.length);
        const hop = new Int32Array(net.firms.length).fill(-1);
        let frontier = new Map<number, number>();
        for (const s of body.shocks) {
          const i = net.index.get(s.firmId);
          if (i === undefined) return problem(res, 404, 'Not found', `no firm ${s.firmId}`);
          frontier.set(i, Number(s.amount));
          hop[i] = 0;
        }
        let iterations = 0;
        for (let h = 0; h < 30 && frontier.size; h++, iterations++) {
          const next = new Map<number, number>();
          for (const [j, dx] of frontier) {
            out[j] += dx;
            const adj = body.model === 'supply' ? net.outAdj[j] : net.inAdj[j];
            for (const k of adj) {
              const l = net.links[k];
              const i = body.model === 'supply' ? l.target : l.source;
              const coef = l.value / net.firms[body.model === 'supply' ? j : j].revenue;
              const v = coef * dx;
              if (Math.abs(v) < 1e-6) continue;
              next.set(i, (next.get(i) ?? 0) + v);
              if (hop[i] < 0) hop[i] = h + 1;
            }
          }
          frontier = next;
        }
        const firms = [...out.keys()].filter((i) => out[i] !== 0).sort((a, b) => out[b] - out[a]).map((i) => {
          const f = net.firms[i];
          return { id: f.id, name: f.name, output: out[i], valueAdded: out[i] * 0.3, employment: (out[i] * f.employees) / f.revenue, hop: hop[i] };
        });
        const totals = firms.reduce((a, f) => ({ output: a.output + f.output, valueAdded: a.valueAdded + f.valueAdded, employment: a.employment + f.employment }), { output: 0, valueAdded: 0, employment: 0 });
        const direct = body.shocks.reduce((s: number, x: { amount: number }) => s + Number(x.amount), 0);
        const by = (key: (f: FakeFirm) => string) => {
          const m = new Map<string, { output: number; valueAdded: number; employment: number }>();
          for (const f of firms) {
            const k = key(net.firms[net.index.get(f.id)!]);
            const e = m.get(k) ?? { output: 0, valueAdded: 0, employment: 0 };
            e.output += f.output;
            e.valueAdded += f.valueAdded;
            e.employment += f.employment;
            m.set(k, e);
          }
          return [...m].map(([k, e]) => ({ key: k, ...e, share: e.output / (totals.output || 1) })).sort((a, b) => b.output - a.output);
        };
        const byRegion = by((f) => f.region);
        const bySize = by((f) => (f.revenue > 150_000 ? 'large' : 'small'));
        return send(res, 200, {
          model: body.model,
          totals,
          direct: { output: direct, valueAdded: direct * 0.3, employment: 0 },
          induced: { output: totals.output - direct, valueAdded: totals.valueAdded - direct * 0.3, employment: totals.employment },
          multiplier: totals.output / (direct || 1),
          iterations,
          residual: 1e-9,
          firms: firms.slice(0, body.limit ?? 1000),
          byRegion,
          byDistrict: by((f) => f.district ?? 'outside'),
          bySector: by((f) => f.sector),
          byTier: by((f) => f.tier),
          bySize,
          retention: { homeRegion: byRegion.find((b) => b.key === 'Busan')?.share ?? 0, sme: bySize.find((b) => b.key === 'small')?.share ?? 0 },
          byHop: [...new Set(firms.map((f) => f.hop))].sort().map((h) => ({ hop: h, output: firms.filter((f) => f.hop === h).reduce((s, f) => s + f.output, 0) })),
        });
      }
      if (p === '/api/disruption' && req.method === 'POST') {
        const body = await readJson(req);
        const firms = (body.firmIds as string[]).flatMap((id) => {
          const i = net.index.get(id);
          return i === undefined ? [] : net.outAdj[i].map((k) => {
            const b = net.firms[net.links[k].target];
            const total = net.inAdj[net.links[k].target].reduce((s, kk) => s + net.links[kk].value, 0);
            const share = net.links[k].value / total;
            return { id: b.id, name: b.name, directShare: share, exposedShare: share, outputLoss: net.links[k].value * (body.capacityLoss ?? 1), hop: 1, singleSource: net.inAdj[net.links[k].target].length === 1 };
          });
        });
        return send(res, 200, { firms, totals: { outputLoss: firms.reduce((s, f) => s + f.outputLoss, 0) } });
      }
      if (p === '/api/communities') {
        return send(res, 200, { modularity: 0.41, communities: Array.from({ length: 7 }, (_, c) => ({ id: c, size: net.firms.filter((f) => f.metrics.community === c).length, topFirms: net.firms.filter((f) => f.metrics.community === c).slice(0, 3).map((f) => ({ id: f.id, name: f.name })), sectors: {} })) });
      }
      if (p === '/api/candidates') {
        const crit = ['technology', 'globalScalability', 'cooperativeNetwork', 'jobCreation', 'growth'] as const;
        const weights = Object.fromEntries(crit.map((c) => [c, q.has(c) ? Number(q.get(c)) : 1])) as Record<(typeof crit)[number], number>;
        const wsum = crit.reduce((s, c) => s + weights[c], 0) || 1;
        const eligible = net.firms.filter((f) => f.tier === 'sme' && f.region === 'Busan' && (!q.get('minRevenue') || f.revenue >= Number(q.get('minRevenue'))) && (!q.get('maxRevenue') || f.revenue <= Number(q.get('maxRevenue'))));
        const items = eligible.map((f, i) => {
          const pcts = crit.map((_, k) => (Math.abs(Math.sin((i + 1) * (k + 3) * 12.9898)) * 100));
          const breakdown = Object.fromEntries(crit.map((c, k) => [c, { percentile: pcts[k], weight: weights[c], contribution: (weights[c] * pcts[k]) / wsum, raw: {} }]));
          return { id: f.id, name: f.name, nameKo: f.nameKo, score: crit.reduce((s, c, k) => s + (weights[c] * pcts[k]) / wsum, 0), breakdown };
        }).sort((a, b) => b.score - a.score).slice(0, Number(q.get('limit') ?? 50)).map((x, r) => ({ rank: r + 1, ...x }));
        return send(res, 200, { weights, eligible: eligible.length, items });
      }
      return problem(res, 404, 'Not found', p);
    } catch (err) {
      return problem(res, 500, 'Internal error', (err as Error).message);
    }
  });
  return new Promise((resolveStart) => {
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolveStart({ url: `http://127.0.0.1:${port}`, server, network: net });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string, fallback: number): number => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const { url } = await startFakeApi({ firms: arg('firms', 4000), port: arg('port', 0) });
  console.log(url);
}
