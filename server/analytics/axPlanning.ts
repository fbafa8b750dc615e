/**
 * AX partner planning: how ready for AI transformation (axLevel, 0–5) an anchor's supply chain is, tier by
 * tier, and which lagging partners a joint-AX programme should take first.
 *
 * Tiers are shortest supply distances: upstream hop h(i) over supplier links into the anchor, downstream
 * hop over buyer links out of it (a firm may sit on both sides), up to `depth`. The chain's links are those
 * that step one tier towards the anchor — upstream i→j with h(j) = h(i) − 1, downstream i→j with
 * h(i) = h(j) − 1 — so every chain link belongs to exactly one partner (its far end), and
 *   carried_p = Σ value of the chain links whose far end is p   (KRW million a year, latest year per pair)
 *   cover(G)  = Σ_{p∈G} carried_p / Σ_p carried_p               (the share of the anchor's chain G handles).
 * A partner lags when its axLevel is known and below `target`; unknown levels are counted, never guessed.
 * The suggested group: lagging partners by carried value (then id), at most `groupSize`, with the
 * cumulative cover after each.
 */
import type { Snapshot } from './snapshot.ts';
import { AnalyticsInputError, UnknownFirmError } from './errors.ts';

export interface AxPlanOptions {
  /** Tiers on each side, 1–6. */
  depth: number;
  /** axLevel a partner should reach; below it, it lags. */
  target: number;
  /** Most partners in the suggested joint-AX group. */
  groupSize: number;
}

export const AX_PLAN_DEFAULTS: Readonly<AxPlanOptions> = { depth: 2, target: 3, groupSize: 10 };
export const AX_LEVELS = [0, 1, 2, 3, 4, 5] as const;

export type ChainSide = 'upstream' | 'downstream';

export interface AxTier {
  side: ChainSide;
  hop: number;
  firms: number;
  /** Firms whose axLevel is known. */
  known: number;
  /** Mean axLevel over the known ones; null when none is known. */
  meanLevel: number | null;
  /** Firms at each level 0..5. */
  distribution: number[];
  lagging: number;
  /** Value of this tier's chain links (KRW million). */
  carried: number;
}

export interface AxPartner {
  id: string;
  name: string;
  nameKo: string | null;
  axLevel: number | null;
  /** Tier upstream (a supplier's distance) or null; likewise downstream. */
  upstreamHop: number | null;
  downstreamHop: number | null;
  carried: number;
  /** carried / the chain's total. */
  share: number;
  lagging: boolean;
}

export interface AxGroupMember extends AxPartner {
  rank: number;
  cumulativeCover: number;
}

export interface AxPlan {
  anchor: { id: string; name: string; nameKo: string | null; axLevel: number | null };
  options: AxPlanOptions;
  tiers: AxTier[];
  /** Every partner in the chain, by carried value. */
  partners: AxPartner[];
  chainValue: number;
  laggingCount: number;
  unknownCount: number;
  /** Share of the chain the lagging partners carry. */
  laggingCover: number;
  group: AxGroupMember[];
  groupCover: number;
}

/** `axLevel(i)` gives firm i's level (0–5) or null when unknown. */
export function axPlan(snapshot: Snapshot, anchorId: string, axLevel: (i: number) => number | null, options: Partial<AxPlanOptions> = {}): AxPlan {
  const o = { ...AX_PLAN_DEFAULTS, ...options };
  if (!Number.isInteger(o.depth) || o.depth < 1 || o.depth > 6) throw new AnalyticsInputError('depth', 'axPlan: depth must be an integer 1–6');
  if (!Number.isFinite(o.target) || o.target < 0 || o.target > 5) throw new AnalyticsInputError('target', 'axPlan: target must be 0–5');
  if (!Number.isInteger(o.groupSize) || o.groupSize < 1 || o.groupSize > 1_000) throw new AnalyticsInputError('groupSize', 'axPlan: groupSize must be an integer 1–1000');
  const a = snapshot.index.get(anchorId);
  if (a === undefined) throw new UnknownFirmError('axPlan', anchorId);

  const up = walk(snapshot.n, a, o.depth, snapshot.inOffsets, snapshot.inSources);
  const down = walk(snapshot.n, a, o.depth, snapshot.outOffsets, snapshot.outTargets);
  const carriedUp = new Float64Array(snapshot.n);
  const carriedDown = new Float64Array(snapshot.n);
  for (let i = 0; i < snapshot.n; i++) {
    for (let p = snapshot.outOffsets[i]; p < snapshot.outOffsets[i + 1]; p++) {
      const j = snapshot.outTargets[p];
      const z = snapshot.outValues[p];
      if (up[i] > 0 && up[j] === up[i] - 1) carriedUp[i] += z;
      if (down[j] > 0 && down[i] === down[j] - 1) carriedDown[j] += z;
    }
  }

  const tiers = new Map<string, AxTier>();
  const tier = (side: ChainSide, hop: number) => {
    const key = `${side}:${hop}`;
    let t = tiers.get(key);
    if (!t) tiers.set(key, (t = { side, hop, firms: 0, known: 0, meanLevel: null, distribution: AX_LEVELS.map(() => 0), lagging: 0, carried: 0 }));
    return t;
  };
  const partners: AxPartner[] = [];
  let chainValue = 0;
  for (let i = 0; i < snapshot.n; i++) {
    if (i === a || (up[i] < 0 && down[i] < 0)) continue;
    const level = axLevel(i);
    const lagging = level !== null && level < o.target;
    for (const [side, hop, carried] of [['upstream', up[i], carriedUp[i]], ['downstream', down[i], carriedDown[i]]] as const) {
      if (hop < 0) continue;
      const t = tier(side, hop);
      t.firms++;
      t.carried += carried;
      if (level !== null) {
        t.known++;
        t.distribution[Math.round(level)]++;
        t.meanLevel = (t.meanLevel ?? 0) + level;
      }
      if (lagging) t.lagging++;
    }
    const carried = carriedUp[i] + carriedDown[i];
    chainValue += carried;
    partners.push({
      id: snapshot.ids[i],
      name: snapshot.names[i],
      nameKo: snapshot.namesKo[i],
      axLevel: level,
      upstreamHop: up[i] < 0 ? null : up[i],
      downstreamHop: down[i] < 0 ? null : down[i],
      carried,
      share: 0,
      lagging,
    });
  }
  for (const t of tiers.values()) if (t.known > 0) t.meanLevel = t.meanLevel! / t.known;
  for (const p of partners) p.share = chainValue > 0 ? p.carried / chainValue : 0;
  partners.sort(byCarried);

  const laggards = partners.filter((p) => p.lagging);
  let cumulative = 0;
  const group = laggards.slice(0, o.groupSize).map((p, k) => {
    cumulative += p.carried;
    return { ...p, rank: k + 1, cumulativeCover: chainValue > 0 ? cumulative / chainValue : 0 };
  });
  const laggingValue = laggards.reduce((s, p) => s + p.carried, 0);
  return {
    anchor: { id: anchorId, name: snapshot.names[a], nameKo: snapshot.namesKo[a], axLevel: axLevel(a) },
    options: o,
    tiers: [...tiers.values()].sort((x, y) => (x.side === y.side ? x.hop - y.hop : x.side === 'upstream' ? -1 : 1)),
    partners,
    chainValue,
    laggingCount: laggards.length,
    unknownCount: partners.filter((p) => p.axLevel === null).length,
    laggingCover: chainValue > 0 ? laggingValue / chainValue : 0,
    group,
    groupCover: group.at(-1)?.cumulativeCover ?? 0,
  };
}

/** The firms within `depth` tiers of the anchor on either side (the anchor included): whose axLevel axPlan reads. */
export function axChainMembers(snapshot: Snapshot, anchorId: string, depth: number): number[] {
  const a = snapshot.index.get(anchorId);
  if (a === undefined) throw new UnknownFirmError('axChainMembers', anchorId);
  const up = walk(snapshot.n, a, depth, snapshot.inOffsets, snapshot.inSources);
  const down = walk(snapshot.n, a, depth, snapshot.outOffsets, snapshot.outTargets);
  const members: number[] = [];
  for (let i = 0; i < snapshot.n; i++) if (up[i] >= 0 || down[i] >= 0) members.push(i);
  return members;
}

function byCarried(x: AxPartner, y: AxPartner): number {
  return y.carried - x.carried || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/** Breadth-first hop distances from `start` along one CSR direction, −1 beyond `depth` or unreached. */
function walk(n: number, start: number, depth: number, offsets: Int32Array, targets: Int32Array): Int32Array {
  const hop = new Int32Array(n).fill(-1);
  hop[start] = 0;
  let frontier = [start];
  for (let h = 1; h <= depth && frontier.length > 0; h++) {
    const next: number[] = [];
    for (const i of frontier) {
      for (let p = offsets[i]; p < offsets[i + 1]; p++) {
        const j = targets[p];
        if (hop[j] >= 0) continue;
        hop[j] = h;
        next.push(j);
      }
    }
    frontier = next;
  }
  return hop;
}
