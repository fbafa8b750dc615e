/**
 * Firms' dated tier history: (:Firm)-[:HAD_TIER]->(:TierSpell {tier, from, to, source, callId}), years
 * inclusive, `to` absent while the spell is open, `from` absent for the tier a firm had before its history
 * began. A change in year Y closes the open spell at Y − 1 (or, for a firm without history, records its
 * tier until Y − 1) and opens one from Y; the firm's `tier` property follows, and its `cohort` becomes the
 * year of its first selection. `tierAsOf` answers "tier and cohort as of a year" for programme outcomes
 * and the explorer.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { run, type Database } from '../db/database.ts';
import type { Tier } from '../domain/firm.ts';
import { DomainError, unknownFirm } from './errors.ts';

export interface TierSpell {
  firmId: string;
  tier: Tier;
  /** First year of the spell; null: since before the recorded history. */
  from: number | null;
  /** Last year; null while the spell is open. */
  to: number | null;
  /** 'selection' (a verification call), or 'before-history' (the tier the firm had until its first change). */
  source: 'selection' | 'before-history';
  callId: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface TierAsOf {
  id: string;
  tier: Tier;
  cohort: number | null;
  /** 'history': a recorded spell covers the year; 'current': no change recorded, the current tier. */
  basis: 'history' | 'current';
}

export function toSpell(p: Record<string, unknown>): TierSpell {
  return {
    firmId: p.firmId as string,
    tier: p.tier as Tier,
    from: (p.from as number | null) ?? null,
    to: (p.to as number | null) ?? null,
    source: p.source as TierSpell['source'],
    callId: (p.callId as string | null) ?? null,
    recordedAt: p.recordedAt as string,
    recordedBy: p.recordedBy as string,
  };
}

/** Each firm's tier and cohort as of `year`; `ids` null: every firm (one read, ordered by id). */
export async function tierAsOf(db: Database, year: number, ids: string[] | null = null): Promise<TierAsOf[]> {
  return db.read<TierAsOf>('tiers/as-of', { year, ids });
}

export async function tierHistory(db: Database, firmId: string) {
  return db.readTx(async (tx) => {
    const [firm] = await run<{ firm: Record<string, unknown> }>(tx, 'firms/get', { id: firmId });
    if (!firm) throw unknownFirm(firmId);
    const spells = await run<{ spell: Record<string, unknown> }>(tx, 'tiers/firm-history', { id: firmId });
    return { firmId, tier: firm.firm.tier as Tier, cohort: (firm.firm.cohort as number | null) ?? null, spells: spells.map((s) => toSpell(s.spell)) };
  });
}

export interface TierChange {
  firmId: string;
  tier: Tier;
  year: number;
  callId: string;
  at: string;
  by: string;
}

/**
 * Records a selection's tier change inside the caller's write transaction. A change in a year the
 * history already has a later change for is refused (409): history is appended, never rewritten.
 */
export async function changeTier(tx: ManagedTransaction, change: TierChange): Promise<{ before: { tier: Tier; cohort: number | null }; spell: TierSpell }> {
  const [firm] = await run<{ firm: Record<string, unknown> }>(tx, 'firms/get', { id: change.firmId });
  if (!firm) throw unknownFirm(change.firmId);
  const before = { tier: firm.firm.tier as Tier, cohort: (firm.firm.cohort as number | null) ?? null };
  const spells = (await run<{ spell: Record<string, unknown> }>(tx, 'tiers/firm-history', { id: change.firmId })).map((s) => toSpell(s.spell));
  const latest = spells.filter((s) => s.from !== null).at(-1);
  if (latest && latest.from! >= change.year) {
    throw new DomainError(409, 'Tier history conflict', `${change.firmId} already has a tier change in ${latest.from}; a change for ${change.year} would rewrite its history.`, [
      { path: 'year', message: `not after the firm's latest tier change (${latest.from})` },
    ]);
  }
  const common = { firmId: change.firmId, at: change.at, by: change.by };
  if (spells.length === 0) {
    await run(tx, 'tiers/create-spell', { ...common, tier: before.tier, from: null, to: change.year - 1, source: 'before-history', callId: null });
  } else {
    await run(tx, 'tiers/close-spell', { firmId: change.firmId, to: change.year - 1 });
  }
  const [created] = await run<{ spell: Record<string, unknown> }>(tx, 'tiers/create-spell', { ...common, tier: change.tier, from: change.year, to: null, source: 'selection', callId: change.callId });
  await run(tx, 'tiers/set-firm-tier', { firmId: change.firmId, tier: change.tier, cohort: change.year });
  // The tier is part of the analytics snapshot (breakdowns by tier, candidate eligibility).
  await run(tx, 'meta/bump-data-version');
  return { before, spell: toSpell(created.spell) };
}
