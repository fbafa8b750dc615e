/**
 * Restructuring scenarios at scale (100,000 firms / 1,000,000 links by default, seed/scale.ts), against a
 * full rebuild of the snapshot measured in the same run — what evaluating a changed network would cost if
 * the changes were applied to the data and the CSR built again. One JSON line per result on stdout.
 *
 *   npx tsx bench/scenarios.bench.ts [firms] [links]
 *
 *   evaluate (cold)   the first scenario on a fresh snapshot: includes the once-per-snapshot base figures,
 *                     household closure and base multipliers (4 dense solves)
 *   evaluate (warm)   overlay + evaluateScenario with every detail (Type I and II, multipliers, structure),
 *                     median and p95 over SCENARIOS localisation scenarios: an anchor moves 30% of its
 *                     out-of-region purchases to a home-region firm of the same division with room
 *   assistant         the localisation assistant's analytics for one anchor (4 groups × 3 suggestions)
 *   baseline          buildSnapshot of the whole network (median of 3)
 */
import { buildSnapshot, type Snapshot, type SnapshotFirm, type SnapshotLink } from '../server/analytics/snapshot.ts';
import { buildOverlay, ScenarioRuleError, type ScenarioChange } from '../server/analytics/scenario-overlay.ts';
import { evaluateScenario } from '../server/analytics/scenario-evaluate.ts';
import { candidatePool, outOfRegionPurchases, suggestSuppliers, type PurchaseRow } from '../server/analytics/localisation.ts';
import { interFirmFlows } from '../server/analytics/leontief.ts';
import { generateScaleNetwork } from '../seed/scale.ts';

const FIRMS = Number(process.argv[2] ?? 100_000);
const LINKS = Number(process.argv[3] ?? 1_000_000);
const SCENARIOS = 20;

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const round = (v: number) => Math.round(v * 10) / 10;

function report(name: string, ms: number, baseline: string, baselineMs: number, extra: object = {}): void {
  console.log(JSON.stringify({ name, firms: FIRMS, links: LINKS, ms: round(ms), baseline, baselineMs: round(baselineMs), ...extra }));
}

function purchases(s: Snapshot, j: number): PurchaseRow[] {
  const rows: PurchaseRow[] = [];
  for (let p = s.inOffsets[j]; p < s.inOffsets[j + 1]; p++) rows.push({ supplier: s.ids[s.inSources[p]], product: null, value: s.inValues[p] });
  return rows;
}

const started = performance.now();
const data = generateScaleNetwork({ firms: FIRMS, links: LINKS, seed: 7 });
console.error(`generated in ${round((performance.now() - started) / 1000)} s`);
const firms = data.firms as SnapshotFirm[];
const links = data.supplies as SnapshotLink[];

const builds: number[] = [];
let snapshot!: Snapshot;
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  snapshot = buildSnapshot(firms, links);
  builds.push(performance.now() - t0);
}
const rebuild = quantile(builds, 0.5);
interFirmFlows(snapshot, 'bench');

// Localisation scenarios: anchors (largest home firms with out-of-region purchases first) and a feasible taker.
const { n, inHomeRegion, revenue, tier } = snapshot;
const anchorCodes = new Set(['top-anchor', 'anchor', 'pre-anchor', 'large'].map((t) => tier.labels.indexOf(t)));
const buyers = Array.from({ length: n }, (_, i) => i)
  .filter((i) => inHomeRegion[i] && anchorCodes.has(tier.codes[i]))
  .sort((a, b) => revenue[b] - revenue[a]);
const scenarios: ScenarioChange[][] = [];
for (const j of buyers) {
  if (scenarios.length >= SCENARIOS) break;
  const [group] = outOfRegionPurchases(snapshot, j, purchases(snapshot, j));
  if (!group) continue;
  const pool = candidatePool(snapshot, j, group, { share: 0.3 });
  for (const k of pool) {
    const change: ScenarioChange = { kind: 'move', buyer: snapshot.ids[j], share: 0.3, from: group.suppliers.map((s) => ({ supplier: snapshot.ids[s.index], value: s.value })), to: [{ supplier: snapshot.ids[k] }] };
    try {
      buildOverlay(snapshot, [change]);
      scenarios.push([change]);
      break;
    } catch (err) {
      if (!(err instanceof ScenarioRuleError)) throw err;
    }
  }
}
console.error(`${scenarios.length} scenarios`);

let t0 = performance.now();
const first = evaluateScenario(buildOverlay(snapshot, scenarios[0]));
const cold = performance.now() - t0;
report('scenario evaluate, cold (first on a snapshot: base figures, closure, multipliers)', cold, 'buildSnapshot (full rebuild), median of 3', rebuild);

const warm: number[] = [];
const iterations: number[] = [];
for (const changes of scenarios) {
  t0 = performance.now();
  const e = evaluateScenario(buildOverlay(snapshot, changes));
  warm.push(performance.now() - t0);
  iterations.push(e.iterations);
}
report('scenario evaluate, warm, p50 (overlay + Type I/II + multipliers + structure)', quantile(warm, 0.5), 'buildSnapshot (full rebuild), median of 3', rebuild, {
  p95: round(quantile(warm, 0.95)),
  scenarios: scenarios.length,
  seriesIterations: quantile(iterations, 0.5),
  homeOutputChange: round(first.afterTypeII.output - first.before.output),
});

const assistant: number[] = [];
for (const changes of scenarios.slice(0, 5)) {
  const move = changes[0] as Extract<ScenarioChange, { kind: 'move' }>;
  const j = snapshot.index.get(move.buyer)!;
  t0 = performance.now();
  for (const group of outOfRegionPurchases(snapshot, j, purchases(snapshot, j)).slice(0, 4)) {
    suggestSuppliers(snapshot, j, group, candidatePool(snapshot, j, group), new Map(), { limit: 3 });
  }
  assistant.push(performance.now() - t0);
}
report('localisation assistant analytics, one anchor (4 groups × 3 evaluated suggestions), p50', quantile(assistant, 0.5), 'buildSnapshot (full rebuild), median of 3', rebuild);
