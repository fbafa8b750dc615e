/**
 * The whole stack at scale, on a real local Neo4j: generate the 100,000-firm / 1,000,000-link network,
 * import it (a staged replace, published in one transaction), then time the API on it. Each figure comes with a baseline
 * measured in the same run, printed as one JSON line {"name","firms","links","ms","baseline","baselineMs"}.
 *
 *   npm run bench:scale [-- --firms 100000 --links 1000000 --requests 200]
 *
 *   generate        generateScaleNetwork in memory            vs  JSON.stringify of the result (a floor for
 *                                                                 any generator that writes the format)
 *   import          ImportService replace (validate + write)  vs  validation alone (the part before Neo4j)
 *   ego depth 2     GET /api/firms/:id/network, p50 and p95   vs  one variable-length Cypher pattern
 *                   (walk on the snapshot, details from Neo4j)     (f)-[:SUPPLIES*1..2]-(g) for the same firms;
 *                                                                 also the hop-by-hop Cypher walk (the fallback)
 *   snapshot        load from Neo4j + build, and the memory it adds (heap + typed arrays; RSS)
 *   ripple (API)    POST /api/ripple, ₩10bn on the largest firm, p50 of 20
 *   recompute       POST /api/metrics/recompute to done, incl. write-back (the job's progress on stderr)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../server/app.ts';
import { Database } from '../server/db/database.ts';
import { startLocalNeo4j } from '../server/db/localNeo4j.ts';
import { applySchema } from '../server/db/schema.ts';
import { createLogger } from '../server/log.ts';
import { createServices } from '../server/services/index.ts';
import { validateDataset } from '../server/services/import/validate.ts';
import { generateScaleNetwork } from '../seed/scale.ts';
import { mulberry32 } from '../server/analytics/seeded-random.ts';

const { values } = parseArgs({
  options: {
    firms: { type: 'string', default: '100000' },
    links: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '200' },
    seed: { type: 'string', default: '7' },
  },
});
const FIRMS = Number(values.firms);
const LINKS = Number(values.links);
const REQUESTS = Number(values.requests);
const log = (m: string) => process.stderr.write(`${m}\n`);

function report(name: string, ms: number, baseline?: string, baselineMs?: number, extra: object = {}) {
  const r = (v: number) => Math.round(v * 10) / 10;
  console.log(JSON.stringify({ name, firms: FIRMS, links: LINKS, ms: r(ms), ...(baseline ? { baseline, baselineMs: r(baselineMs!) } : {}), ...extra }));
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function main() {
  let t = performance.now();
  let data: ReturnType<typeof generateScaleNetwork> | undefined = generateScaleNetwork({ firms: FIRMS, links: LINKS, seed: Number(values.seed) });
  const generateMs = performance.now() - t;
  t = performance.now();
  let json: string | undefined = JSON.stringify(data);
  const stringifyMs = performance.now() - t;
  report('generate', generateMs, 'JSON.stringify of the same data', stringifyMs, { mb: Math.round(json.length / 1e6) });
  json = undefined;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-bench-'));
  const neo4j = await startLocalNeo4j({ dataDir, heap: '6g', pageCache: '2g', log });
  const db = new Database({ uri: neo4j.uri, user: 'neo4j', password: neo4j.password });
  try {
    await db.waitUntilReady();
    await applySchema(db);
    const services = createServices(db, { recomputeOnImport: false });

    t = performance.now();
    const valid = validateDataset(data);
    const validateMs = performance.now() - t;
    if (!valid.ok) throw new Error(`generated data is invalid: ${JSON.stringify(valid.issues.slice(0, 3))}`);
    t = performance.now();
    let last = 0;
    await services.importer.import(data, {
      mode: 'replace',
      dryRun: false,
      onProgress: (p) => {
        if (performance.now() - last > 5_000) {
          last = performance.now();
          log(`import ${p.stage} ${p.rows}`);
        }
      },
    });
    report('import', performance.now() - t, 'validation alone', validateMs);

    const app = createApp(services, { adminToken: 'bench-token-0123456789', maxBody: '1m', log: createLogger('warn') });
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

    const random = mulberry32(11);
    const ids = Array.from({ length: REQUESTS }, () => data!.firms[Math.floor(random() * data!.firms.length)].id);
    const largest = [...data.firms].sort((a, b) => b.revenue - a.revenue)[0].id;
    data = undefined;
    // The snapshot's memory, measured in a process of its own; then this server loads its own copy.
    const memory = JSON.parse(
      execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'snapshotMemory.ts'), neo4j.uri], { encoding: 'utf8', env: { ...process.env, NEO4J_PASSWORD: neo4j.password } }),
    ) as { loadMs: number; heapGrowthMb: number; rssGrowthMb: number };
    report('snapshot load + build', memory.loadMs, undefined, undefined, { heapGrowthMb: memory.heapGrowthMb, rssGrowthMb: memory.rssGrowthMb });
    await services.snapshots.get();

    // One unmeasured pass of every method over the same firms first, so that all are timed on warm caches.
    for (const id of ids) {
      await (await fetch(`${base}/api/firms/${id}/network?depth=2&direction=both&limit=20000`)).json();
      await services.firms.networkFromCypher(id, { direction: 'both', depth: 2, minValue: 0, limit: 20_000 });
    }
    const api: number[] = [];
    let nodes = 0;
    for (const id of ids) {
      const s = performance.now();
      const body = (await (await fetch(`${base}/api/firms/${id}/network?depth=2&direction=both&limit=20000`)).json()) as { nodes: unknown[] };
      api.push(performance.now() - s);
      nodes += body.nodes.length;
    }
    const variableLength = (id: string) =>
      db.driver.executeQuery(
        'MATCH (f:Firm {id: $id}) OPTIONAL MATCH (f)-[:SUPPLIES*1..2]-(g:Firm) WITH f, collect(DISTINCT g) AS gs RETURN f, gs',
        { id },
        { routing: 'READ' },
      );
    for (const id of ids) await variableLength(id);
    const baseline: number[] = [];
    for (const id of ids) {
      const s = performance.now();
      await variableLength(id);
      baseline.push(performance.now() - s);
    }
    const hopByHop: number[] = [];
    for (const id of ids) {
      const s = performance.now();
      await services.firms.networkFromCypher(id, { direction: 'both', depth: 2, minValue: 0, limit: 20_000 });
      hopByHop.push(performance.now() - s);
    }
    hopByHop.sort((a, b) => a - b);
    api.sort((a, b) => a - b);
    baseline.sort((a, b) => a - b);
    const meanNodes = Math.round(nodes / ids.length);
    report('ego network depth 2, p50', percentile(api, 0.5), 'variable-length Cypher *1..2, p50', percentile(baseline, 0.5), { meanNodes, requests: REQUESTS });
    report('ego network depth 2, p95', percentile(api, 0.95), 'variable-length Cypher *1..2, p95', percentile(baseline, 0.95), { meanNodes, requests: REQUESTS });
    report('ego network depth 2 before the snapshot is loaded (hop-by-hop Cypher), p50', percentile(hopByHop, 0.5), 'variable-length Cypher *1..2, p50', percentile(baseline, 0.5));
    report('ego network depth 2 before the snapshot is loaded (hop-by-hop Cypher), p95', percentile(hopByHop, 0.95), 'variable-length Cypher *1..2, p95', percentile(baseline, 0.95));

    // A ripple on a firm asked about before is served from its kept unit solve (rippleService.ts), so the
    // first request for each of 20 firms (a solve each) and repeated requests on the largest firm with
    // other amounts (a summary each) are reported apart.
    const rippleOnce = async (firmId: string, amount: number) => {
      const s = performance.now();
      const res = await fetch(`${base}/api/ripple`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ shocks: [{ firmId, amount }], limit: 1000 }) });
      if (!res.ok) throw new Error(`ripple failed: ${await res.text()}`);
      await res.json();
      return performance.now() - s;
    };
    await rippleOnce(largest, 10_000);
    const firstPerFirm: number[] = [];
    for (const id of ids.slice(0, 20)) firstPerFirm.push(await rippleOnce(id, 10_000));
    const repeated: number[] = [];
    for (let i = 0; i < 20; i++) repeated.push(await rippleOnce(largest, 10_000 + 500 * i));
    firstPerFirm.sort((a, b) => a - b);
    repeated.sort((a, b) => a - b);
    report('ripple via API (end to end), first request for each of 20 firms, p50', percentile(firstPerFirm, 0.5));
    report('ripple via API (end to end), the largest firm again with 20 other amounts, p50', percentile(repeated, 0.5));

    t = performance.now();
    const job = services.metrics.recompute();
    let stage = '';
    while (services.jobs.get(job.id)!.status === 'running') {
      await new Promise((r) => setTimeout(r, 500));
      const j = services.jobs.get(job.id)!;
      if (j.stage !== stage) log(`recompute ${Math.round(j.progress * 100)}% ${(stage = j.stage)}`);
    }
    const done = services.jobs.get(job.id)!;
    if (done.status !== 'done') throw new Error(`recompute failed: ${done.error}`);
    report('metrics recompute incl. write-back', performance.now() - t, undefined, undefined, done.result ?? {});

    server.closeAllConnections();
    server.close();
  } finally {
    await db.close();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
