/**
 * Input-output analytics at scale, each result against a baseline measured in the same run: 100,000 firms /
 * 1,000,000 links by default, from the project's scale generator (seed/scale.ts, the seed's shape, accounting
 * rules kept) or with `random` from test/unit/analytics/random-network.ts (uniform suppliers, skewed buyers).
 * One JSON line per result on stdout; iteration counts and agreement checks on stderr.
 *
 *   npx tsx bench/analytics.bench.ts [scale|random] [firms] [links]
 *
 * Times are medians of RUNS runs after one warm-up run (fewer for the slow ones, as each call says); the
 * snapshot is built once, as the server does.
 *   buildSnapshot  vs  the first build's Map-keyed pair merge + CSR (pairs only, no firm attributes)
 *   ripple         rippleDemand + summariseRipple for a ₩10bn shock on the largest firm
 *                  vs  the same power series over an edge list of JS objects with Map-keyed adjacency
 *                  (solve only, no summary)
 *   multipliers    all vectors of multipliers() (output, employment, value added, home region, Leontief
 *                  and Ghosh row sums: six sparse solves)
 *                  vs  one rippleDemand per firm (a unit shock gives column j of L, from which all four
 *                  multipliers of j follow), timed on 100 sampled firms and extrapolated to all firms
 *   ripple region Type II   rippleScoped + summariseScopedRipple, region scope, households closed, ₩10bn on
 *                  the largest Busan firm  vs  the same scenario Type I (households: false); `coldMs` is
 *                  the first Type II call, which also solves q₁ = (I − A_EE)⁻¹φ once per snapshot
 *   ripple network Type II  the same in the network scope  vs  network Type I
 *   coefficients region / network Type I+II   ioCoefficients (every BoK coefficient, both types; seven
 *                  solves)  vs  multipliers() (network Type I, six solves); `coldMs` includes the q₁ solve
 */
import { buildSnapshot, type Snapshot } from '../server/analytics/snapshot.ts';
import { rippleDemand } from '../server/analytics/ripple.ts';
import { summariseRipple } from '../server/analytics/ripple-summary.ts';
import { multipliers } from '../server/analytics/multipliers.ts';
import { rippleScoped } from '../server/analytics/regional-ripple.ts';
import { summariseScopedRipple } from '../server/analytics/regional-summary.ts';
import { ioCoefficients } from '../server/analytics/regional-coefficients.ts';
import type { Scope } from '../server/analytics/regional.ts';
import { mulberry32 } from '../server/analytics/seeded-random.ts';
import { randomNetwork } from '../test/unit/analytics/random-network.ts';
import { referenceCsr } from '../test/unit/analytics/reference-snapshot.ts';
import type { SnapshotFirm, SnapshotLink } from '../server/analytics/snapshot.ts';
import { generateScaleNetwork } from '../seed/scale.ts';

const NETWORK = process.argv[2] ?? 'scale';
const FIRMS = Number(process.argv[3] ?? 100_000);
const LINKS = Number(process.argv[4] ?? 1_000_000);
const RUNS = 5;
const SAMPLE = 100;
const TOLERANCE = 1e-10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(run: () => T, runs = RUNS): { ms: number; result: T } {
  let result = run();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  return { ms: median(times), result };
}

function report(name: string, ms: number, baseline: string, baselineMs: number, extra: Record<string, number> = {}): void {
  const round = (v: number) => Math.round(v * 10) / 10;
  const rounded = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, round(v)]));
  const line = { name, firms: FIRMS, links: LINKS, ms: round(ms), baseline, baselineMs: round(baselineMs), ...rounded };
  console.log(JSON.stringify(line));
}

/** The first call's time and the median of RUNS more (the first may fill a per-snapshot cache). */
function timeCold<T>(run: () => T, runs = RUNS): { coldMs: number; ms: number; result: T } {
  const start = performance.now();
  run();
  const coldMs = performance.now() - start;
  return { coldMs, ...time(run, runs) };
}

function benchRegional(snapshot: Snapshot): void {
  let largest = -1;
  for (let i = 0; i < snapshot.n; i++) {
    if (snapshot.inHomeRegion[i] && (largest < 0 || snapshot.revenue[i] > snapshot.revenue[largest])) largest = i;
  }
  const shocks = [{ firmId: snapshot.ids[largest], amount: 10_000 }];
  for (const scope of ['region', 'network'] as Scope[]) {
    const solve = (households: boolean) => summariseScopedRipple(snapshot, rippleScoped(snapshot, shocks, { scope, households }), shocks);
    const typeII = timeCold(() => solve(true));
    const typeI = time(() => solve(false));
    const r = typeII.result;
    console.error(
      `ripple ${scope}: Type I output ${r.typeI.totals.output.toFixed(1)}, Type II ${r.typeII!.totals.output.toFixed(1)} ` +
        `(consumption ${r.typeII!.consumption.output.toFixed(1)}), leakage ${r.leakage?.total.toFixed(1) ?? '–'}, ${r.iterations} terms`,
    );
    report(`ripple ${scope} Type II`, typeII.ms, `the same scenario, ${scope} Type I`, typeI.ms, { coldMs: typeII.coldMs });
  }
}

function benchCoefficients(snapshot: Snapshot): void {
  const typeI = time(() => multipliers(snapshot), 2);
  for (const scope of ['region', 'network'] as Scope[]) {
    const both = timeCold(() => ioCoefficients(snapshot, { scope }), 2);
    const iterations = Object.entries(both.result.solves)
      .map(([k, v]) => `${k} ${v.iterations}`)
      .join(', ');
    console.error(`coefficients ${scope}: terms per solve: ${iterations}`);
    report(`coefficients ${scope} Type I+II`, both.ms, 'multipliers() network Type I (six solves)', typeI.ms, { coldMs: both.coldMs });
  }
}

/** The naive demand-pull series: edge objects grouped by buyer in a Map, terms in Maps keyed by firm id. */
function naiveRipple(
  inbound: Map<string, { supplier: string; value: number }[]>,
  revenue: Map<string, number>,
  firmId: string,
  amount: number,
): { output: Map<string, number>; iterations: number } {
  const output = new Map([[firmId, amount]]);
  let term = new Map([[firmId, amount]]);
  const threshold = TOLERANCE * Math.abs(amount);
  for (let k = 1; k <= 1000; k++) {
    const next = new Map<string, number>();
    for (const [buyer, dx] of term) {
      const scale = dx / revenue.get(buyer)!;
      for (const edge of inbound.get(buyer) ?? []) {
        next.set(edge.supplier, (next.get(edge.supplier) ?? 0) + edge.value * scale);
      }
    }
    let norm = 0;
    for (const [firm, v] of next) {
      output.set(firm, (output.get(firm) ?? 0) + v);
      norm += Math.abs(v);
    }
    term = next;
    if (norm <= threshold) return { output, iterations: k };
  }
  throw new Error('naiveRipple: did not converge');
}

function benchBuild(firms: Parameters<typeof buildSnapshot>[0], links: SnapshotLink[]): Snapshot {
  const ids = firms.map((f) => f.id);
  const ours = time(() => buildSnapshot(firms, links), 1);
  const base = time(() => referenceCsr(ids, links), 1);
  report('buildSnapshot', ours.ms, 'Map-keyed pair merge + CSR (pairs only)', base.ms);
  return ours.result;
}

function benchRipple(snapshot: Snapshot, links: SnapshotLink[]): void {
  let largest = 0;
  for (let i = 1; i < snapshot.n; i++) if (snapshot.revenue[i] > snapshot.revenue[largest]) largest = i;
  const firmId = snapshot.ids[largest];
  const amount = 10_000;

  const ours = time(() => summariseRipple(snapshot, rippleDemand(snapshot, [{ firmId, amount }])));
  const inbound = new Map<string, { supplier: string; value: number }[]>();
  for (const l of links) {
    let list = inbound.get(l.buyer);
    if (!list) inbound.set(l.buyer, (list = []));
    list.push({ supplier: l.supplier, value: l.value });
  }
  const revenue = new Map(snapshot.ids.map((id, i) => [id, snapshot.revenue[i]]));
  const base = time(() => naiveRipple(inbound, revenue, firmId, amount), 1);

  // The two must agree before their times mean anything.
  const solution = rippleDemand(snapshot, [{ firmId, amount }]);
  let diff = 0;
  for (const [id, v] of base.result.output) {
    diff = Math.max(diff, Math.abs(v - solution.output[snapshot.index.get(id)!]));
  }
  console.error(
    `ripple: shock on ${firmId} (revenue ${Math.round(snapshot.revenue[largest])}), ${solution.iterations} terms, ` +
      `residual ${solution.residual.toExponential(2)}, ${ours.result.affectedFirms} firms affected, ` +
      `multiplier ${ours.result.multiplier?.toFixed(4)}; baseline ${base.result.iterations} terms, ` +
      `max |difference| ${diff.toExponential(2)}`,
  );
  report('ripple', ours.ms, 'power series over JS edge objects with Map adjacency (solve only)', base.ms);
}

function benchMultipliers(snapshot: Snapshot): void {
  const ours = time(() => multipliers(snapshot), 2);
  const random = mulberry32(42);
  const labour = Float64Array.from(snapshot.employees, (e, i) => e / snapshot.revenue[i]);
  const start = performance.now();
  let maxDiff = 0;
  for (let s = 0; s < SAMPLE; s++) {
    const j = Math.floor(random() * snapshot.n);
    const { output } = rippleDemand(snapshot, [{ firmId: snapshot.ids[j], amount: 1 }]);
    let m = 0;
    let y = 0;
    let w = 0;
    let r = 0;
    for (let i = 0; i < snapshot.n; i++) {
      const l = output[i];
      if (l === 0) continue;
      m += l;
      y += labour[i] * l;
      w += snapshot.valueAddedRatio[i] * l;
      r += snapshot.inHomeRegion[i] * l;
    }
    maxDiff = Math.max(maxDiff, Math.abs(m - ours.result.output[j]) / ours.result.output[j]);
    if (!(y >= 0 && w >= 0 && r >= 0)) throw new Error('per-firm baseline produced a negative multiplier');
  }
  const perFirm = (performance.now() - start) / SAMPLE;
  const iterations = Object.entries(ours.result.solves)
    .map(([k, v]) => `${k} ${v.iterations}`)
    .join(', ');
  console.error(
    `multipliers: terms per solve: ${iterations}; per-firm baseline ${perFirm.toFixed(1)} ms/firm on ${SAMPLE} ` +
      `sampled firms, max relative difference of the output multiplier ${maxDiff.toExponential(2)}`,
  );
  report(
    'multipliers',
    ours.ms,
    `per-firm rippleDemand (column of L) × ${snapshot.n} firms, extrapolated from ${SAMPLE} sampled`,
    perFirm * snapshot.n,
  );
}

function network(): { firms: SnapshotFirm[]; links: SnapshotLink[] } {
  if (NETWORK === 'random') return randomNetwork({ firms: FIRMS, links: LINKS, seed: 2025 });
  if (NETWORK !== 'scale') throw new Error(`analytics.bench: network must be 'scale' or 'random', got ${NETWORK}`);
  const { firms, supplies } = generateScaleNetwork({ firms: FIRMS, links: LINKS });
  return { firms, links: supplies };
}

const { firms, links } = network();
console.error(`network: ${NETWORK}, ${firms.length} firms, ${links.length} links`);
const snapshot = benchBuild(firms, links);
benchRipple(snapshot, links);
benchMultipliers(snapshot);
benchRegional(snapshot);
benchCoefficients(snapshot);
