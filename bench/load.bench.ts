/**
 * A bounded load run of the whole stack on the seed network (loopback): the server in its own process
 * (as `npm start` runs it, on its own local Neo4j with the seed and its metrics), autocannon in this one.
 * Each run lasts --seconds at --connections, after a short warm-up, and prints one JSON line
 * {"name","connections","seconds","requests","rps","p50Ms","p99Ms","errors","non2xx"}.
 *
 *   npm run bench:load [-- --connections 16 --seconds 15]
 *
 *   baseline        GET /api/meta: the HTTP stack alone (no database, no analytics), measured in the same run
 *   mixed reads     firm search and lists, firm profiles, depth-2 ego networks, candidates, communities
 *   mixed + scenarios   the same with ripple (demand and supply) and disruption scenarios, 1 in 3 requests
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({ options: { connections: { type: 'string', default: '16' }, seconds: { type: 'string', default: '15' } } });
const connections = Number(values.connections);
const seconds = Number(values.seconds);

const ANCHORS = ['daeyang-electric', 'bmt', 'halla-ims', 'jmj'];
const json = { 'content-type': 'application/json' };

type Request = { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> };

async function startServer(): Promise<{ baseUrl: string; child: ChildProcess; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-load-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, NEO4J_URI: '', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', NEO4J_HEAP: '1g', NEO4J_PAGECACHE: '256m', RATE_LIMIT_READS: '0', RATE_LIMIT_WRITES: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      const m = /running at (http:\/\/\S+?)\/?\s/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before it was ready`)));
  });
  for (let i = 0; i < 600; i++) {
    const metrics = (await (await fetch(`${baseUrl}/api/metrics`)).json()) as { current: boolean };
    if (metrics.current) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return { baseUrl, child, dataDir };
}

function mixedReads(ids: string[]): Request[] {
  const out: Request[] = [];
  ids.slice(0, 40).forEach((id, i) => {
    out.push({ method: 'GET', path: `/api/firms/${id}` });
    out.push({ method: 'GET', path: `/api/firms/${id}/network?direction=both&depth=2` });
    if (i % 4 === 0) out.push({ method: 'GET', path: `/api/firms?q=${['ship', 'busan', 'elec', '대양'][i % 4 === 0 ? (i / 4) % 4 : 0]}&limit=20`.replace('대양', encodeURIComponent('대양')) });
    if (i % 4 === 1) out.push({ method: 'GET', path: '/api/firms?tier=sme&sort=pagerank&limit=50' });
    if (i % 8 === 2) out.push({ method: 'GET', path: `/api/candidates?technology=${1 + (i % 3)}&limit=50` });
    if (i % 8 === 6) out.push({ method: 'GET', path: '/api/communities' });
  });
  return out;
}

function withScenarios(reads: Request[]): Request[] {
  const out: Request[] = [];
  reads.forEach((r, i) => {
    out.push(r);
    if (i % 2 === 0) {
      const anchor = ANCHORS[(i / 2) % ANCHORS.length];
      const kind = (i / 2) % 3;
      if (kind === 0) out.push({ method: 'POST', path: '/api/ripple', headers: json, body: JSON.stringify({ model: 'demand', shocks: [{ firmId: anchor, amount: 10_000 }], limit: 200 }) });
      if (kind === 1) out.push({ method: 'POST', path: '/api/ripple', headers: json, body: JSON.stringify({ model: 'supply', shocks: [{ firmId: anchor, amount: -5_000 }], limit: 200 }) });
      if (kind === 2) out.push({ method: 'POST', path: '/api/disruption', headers: json, body: JSON.stringify({ firmIds: [anchor], capacityLoss: 0.5, limit: 200 }) });
    }
  });
  return out;
}

async function run(name: string, baseUrl: string, requests: Request[], duration = seconds): Promise<void> {
  const result = await autocannon({ url: baseUrl, connections, duration, requests });
  const line = {
    name,
    connections,
    seconds: duration,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
  if (duration >= seconds) process.stdout.write(JSON.stringify(line) + '\n');
}

async function main() {
  const { baseUrl, child, dataDir } = await startServer();
  try {
    const page = (await (await fetch(`${baseUrl}/api/firms?sort=revenue&limit=200`)).json()) as { items: { id: string }[] };
    const ids = [...ANCHORS, ...page.items.map((f) => f.id).filter((id) => !ANCHORS.includes(id))];
    const reads = mixedReads(ids);
    const scenarios = withScenarios(reads);
    await run('warm-up', baseUrl, scenarios, 3);
    await run('baseline: GET /api/meta', baseUrl, [{ method: 'GET', path: '/api/meta' }]);
    await run('mixed reads', baseUrl, reads);
    await run('mixed reads + scenarios', baseUrl, scenarios);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
