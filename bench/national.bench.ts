/**
 * Issue 11's "done when", end to end, as a user would run it: a running server (the default local Neo4j at
 * its default settings, seeded), then the import CLI on a generated national network, then health, the
 * first ripple (which loads the snapshot) and the metric recompute the server starts after the import.
 *
 *   npm run bench:national -- --dir DIR [--firms 1000000 --links 10000000] [--data-dir D] [--engine E]
 *
 * DIR holds firms.csv and supplies.csv (generated there first when missing). The server runs in a child
 * process with its own DATA_DIR (a fresh temporary one unless --data-dir is given) and port. Every 2 s
 * the resident memory of the server, its Neo4j JVM and the import CLI with all their children is summed;
 * the peak is reported. Each figure is one JSON line. The baseline is the Cypher staged replace, when
 * run with `--engine cypher` in the same session (the import CLI's own flag).
 *
 * Run it on a quiet machine, under the bench lock: `flock /tmp/anchorage-bench.lock npm run bench:national …`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    firms: { type: 'string', default: '1000000' },
    links: { type: 'string', default: '10000000' },
    'data-dir': { type: 'string' },
    engine: { type: 'string' },
    'metrics-timeout-min': { type: 'string', default: '15' },
  },
});
if (!values.dir) throw new Error('give --dir DIR (firms.csv and supplies.csv, generated there when missing)');
const dir = path.resolve(values.dir);

function report(name: string, ms: number, extra: Record<string, unknown> = {}): void {
  process.stdout.write(JSON.stringify({ name, ms: Math.round(ms), ...extra }) + '\n');
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<number> } {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
  return { child, done };
}

/** Resident set size of a process and all its descendants, in bytes (0 once it is gone). */
function treeRss(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        const children = fs.readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(' ').map(Number));
      }
    } catch {
      // The process ended between two reads.
    }
  }
  return total;
}

/** The id of the firm with the largest revenue, read from firms.csv as a stream. */
async function largestFirm(file: string): Promise<string> {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let header: string[] | null = null;
  let best = { id: '', revenue: -Infinity };
  for await (const line of lines) {
    const cells = line.split(',');
    if (!header) {
      header = cells;
      continue;
    }
    const revenue = Number(cells[header.indexOf('revenue')]);
    if (revenue > best.revenue) best = { id: cells[header.indexOf('id')], revenue };
  }
  return best.id;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(dir, 'supplies.csv'))) {
    const started = performance.now();
    const gen = run('npm', ['run', 'generate', '--', '--firms', values.firms!, '--links', values.links!, '--format', 'csv', '--out', dir]);
    gen.child.stderr!.pipe(process.stderr);
    if ((await gen.done) !== 0) throw new Error('generate failed');
    report('generate', performance.now() - started, { firms: Number(values.firms), links: Number(values.links) });
  }
  const largest = await largestFirm(path.join(dir, 'firms.csv'));
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-national-'));
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const env = { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' };

  const server = run('node', ['--import', 'tsx', 'server/main.ts'], env);
  // The server's log goes to a file (an undrained pipe would block it once full).
  const serverLog = path.join(dataDir, 'server.log');
  server.child.stderr!.pipe(fs.createWriteStream(serverLog));
  let peak = { total: 0, server: 0, cli: 0 };
  let cliPid = 0;
  const sampler = setInterval(() => {
    const serverRss = treeRss(server.child.pid!);
    const cliRss = cliPid ? treeRss(cliPid) : 0;
    if (serverRss + cliRss > peak.total) peak = { total: serverRss + cliRss, server: serverRss, cli: cliRss };
  }, 2_000);
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /running at (http:\/\/\S+?)\/?\s/.exec(out);
        if (m) resolve(m[1]);
      });
      void server.done.then((code) => reject(new Error(`server exited (${code})`)));
    });
    process.stderr.write(`server at ${base} (data in ${dataDir}, log in ${serverLog})\n`);

    const args = ['run', 'import', '--', '--firms', path.join(dir, 'firms.csv'), '--supplies', path.join(dir, 'supplies.csv'), '--mode', 'replace'];
    if (values.engine) args.push('--engine', values.engine);
    const started = performance.now();
    const cli = run('npm', args, env);
    cliPid = cli.child.pid!;
    cli.child.stderr!.pipe(process.stderr);
    let reportJson = '';
    cli.child.stdout!.on('data', (chunk: Buffer) => (reportJson += chunk.toString()));
    if ((await cli.done) !== 0) throw new Error('import failed');
    const importMs = performance.now() - started;
    const links = Number(/"supplies":\s*\{[^}]*?"valid":\s*(\d+)/.exec(reportJson)?.[1] ?? values.links);
    report('import (CLI wall time, replace)', importMs, { engine: values.engine ?? 'default', links, linksPerSecond: Math.round(links / (importMs / 1000)) });
    cliPid = 0;

    const health = (await (await fetch(`${base}/api/health`)).json()) as { firms: number; supplies: number; dataVersion: number };
    report('health after the import', 0, health);

    const ripple = async () => {
      const t = performance.now();
      const res = await fetch(`${base}/api/ripple`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ shocks: [{ firmId: largest, amount: 10_000 }], limit: 100 }) });
      if (!res.ok) throw new Error(`ripple: ${res.status} ${await res.text()}`);
      await res.json();
      return performance.now() - t;
    };
    report('first ripple after the import (₩10bn on the largest firm, includes the snapshot load)', await ripple(), { firm: largest });
    const later: number[] = [];
    for (let i = 0; i < 5; i++) later.push(await ripple());
    later.sort((a, b) => a - b);
    report('later ripples, median of 5', later[2]);

    const deadline = Date.now() + Number(values['metrics-timeout-min']) * 60_000;
    let lastProgress = 0;
    for (;;) {
      const m = (await (await fetch(`${base}/api/metrics`)).json()) as { current: boolean; job: { status: string; progress?: number; stage?: string } | null };
      if (m.current) {
        report('metrics current after the import (recompute started by the server)', performance.now() - started - importMs);
        break;
      }
      if (Date.now() > deadline) {
        report('metrics NOT current within the timeout', performance.now() - started - importMs, { job: m.job });
        break;
      }
      if (Date.now() - lastProgress > 30_000) {
        lastProgress = Date.now();
        process.stderr.write(`metrics: ${JSON.stringify(m.job)}\n`);
      }
      await new Promise((r) => setTimeout(r, 2_000));
    }
  } finally {
    clearInterval(sampler);
    report('peak RSS, server + Neo4j + import CLI (sampled every 2 s)', 0, {
      totalGb: +(peak.total / 2 ** 30).toFixed(2),
      serverAndNeo4jGb: +(peak.server / 2 ** 30).toFixed(2),
      cliGb: +(peak.cli / 2 ** 30).toFixed(2),
    });
    server.child.kill('SIGTERM');
    await server.done;
    if (!values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
