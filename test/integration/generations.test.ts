/**
 * While a replace is staging, the store holds two firms with the same id: the served one and its staged
 * copy. The statements added beside the staged import (tier history, programme panel, AX levels,
 * localisation inputs) read and change the served generation only.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Firm } from '../../server/domain/firm.ts';
import { firmToNode } from '../../server/services/import/firmRecord.ts';
import { StagedGeneration } from '../../server/services/import/write.ts';
import { ImportService } from '../../server/services/importService.ts';
import { changeTier, tierAsOf, tierHistory } from '../../server/services/tierHistory.ts';
import { smallDataset } from '../support/fixtures.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

const small = smallDataset(20);
// f1 has a history, so that the programme panel has a firm to read.
const data = { ...small, firms: small.firms.map((f) => (f.id === 'f1' ? { ...f, history: [{ year: 2024, revenue: 9_000, employees: 20 }] } : f)) };
let h: Harness;
let staged: StagedGeneration;

beforeAll(async () => {
  h = await startHarness();
  expect((await h.call('POST', '/api/import?mode=replace', data, asEditor)).status).toBe(201);
  // A staged copy of every firm (same ids and data), as a replace writes it before it publishes.
  staged = await StagedGeneration.begin(h.db);
  const stagedNodes = await h.db.write<{ node: number }>('import/stage-firms', { rows: data.firms.map((f) => firmToNode(Firm.parse(f))), generation: staged.generation });
  const node = (id: string) => stagedNodes[data.firms.findIndex((f) => f.id === id)].node;
  await h.db.write('import/stage-supplies', {
    suppliers: data.supplies.map((s) => node(s.supplier)),
    buyers: data.supplies.map((s) => node(s.buyer)),
    values: data.supplies.map((s) => s.value),
    yearKeys: data.supplies.map((s) => s.year ?? 0),
    years: data.supplies.map((s) => s.year ?? null),
    products: data.supplies.map(() => null),
  });
});
afterAll(async () => {
  await staged?.abandon();
  await h?.close();
});

/** Every node with this id, whatever its generation: its generation, tier and number of tier spells. */
async function nodes(id: string): Promise<{ gen: number; tier: string; spells: number }[]> {
  const { records } = await h.db.driver.executeQuery(
    'MATCH (f:Firm {id: $id}) RETURN f.gen AS gen, f.tier AS tier, COUNT { (f)-[:HAD_TIER]->() } AS spells ORDER BY gen',
    { id },
  );
  return records.map((r) => ({ gen: r.get('gen'), tier: r.get('tier'), spells: r.get('spells') }));
}

it('changes the served firm\'s tier and history, not the staged copy', async () => {
  const served = (await nodes('f5'))[0].gen;
  expect(await nodes('f5')).toEqual([
    { gen: served, tier: 'sme', spells: 0 },
    { gen: staged.generation, tier: 'sme', spells: 0 },
  ]);
  const change = { firmId: 'f5', tier: 'pre-anchor' as const, year: 2026, callId: 'call-2026-000000000001', at: new Date().toISOString(), by: 'test' };
  await h.db.writeTx((tx) => changeTier(tx, change));
  // A spell for the tier before the history, and the selection's.
  expect(await nodes('f5')).toEqual([
    { gen: served, tier: 'pre-anchor', spells: 2 },
    { gen: staged.generation, tier: 'sme', spells: 0 },
  ]);
  expect((await tierHistory(h.db, 'f5')).spells.map((s) => s.tier)).toEqual(['sme', 'pre-anchor']);
  expect((await h.call('GET', '/api/firms/f5')).body.tier).toBe('pre-anchor');
});

it('reads one row a firm, from the served generation', async () => {
  const asOf = await tierAsOf(h.db, 2026);
  expect(asOf).toHaveLength(20);
  expect(asOf.find((t) => t.id === 'f5')).toMatchObject({ tier: 'pre-anchor', basis: 'history' });
  expect(await h.db.read('ax/levels', { ids: ['f1', 'f2'] })).toHaveLength(2);
  expect((await h.db.read<{ id: string }>('programme/panel', { homeRegion: 'Busan' })).map((r) => r.id)).toEqual(['f1']);
  expect(await h.db.read('restructuring/candidate-attributes', { ids: ['f1'] })).toHaveLength(1);
  // f0 buys from f1, f2 and f3 (in each generation: one row each from the served one).
  const purchases = await h.db.read<{ supplier: string }>('restructuring/purchases-by-product', { id: 'f0' });
  expect(purchases.map((p) => p.supplier).sort()).toEqual(['f1', 'f2', 'f3']);
});

it('leaves the staged copy to be removed once abandoned', async () => {
  await staged.abandon();
  await new ImportService(h.db).removeStale();
  expect((await nodes('f5')).map((n) => n.tier)).toEqual(['pre-anchor']);
});
