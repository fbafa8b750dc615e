/**
 * Saved scenarios over HTTP with the real Neo4j: saved by analysts only (401/403 otherwise, nothing saved),
 * listed, reopened on the current data with the data version, flagged after the data changed, compared,
 * renamed, deleted; every write audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallDataset } from '../support/fixtures.ts';
import { asAdmin, startHarness, type Harness } from './harness.ts';

let h: Harness;
let analyst: Record<string, string>;
let viewer: Record<string, string>;
const ripple = { kind: 'ripple', name: 'Anchor +₩1bn', notes: 'demand pull', request: { shocks: [{ firmId: 's0', amount: 1000 }] } };
const disruption = { kind: 'disruption', name: 'S3 stops', request: { firmIds: ['s3'] } };

async function listed() {
  return (await h.call('GET', '/api/scenarios')).body.items as { id: string; name: string }[];
}

beforeAll(async () => {
  h = await startHarness();
  expect((await h.call('POST', '/api/import?mode=replace', smallDataset(20, 's'), asAdmin)).status).toBe(201);
  analyst = await h.tokenFor('analyst');
  viewer = await h.tokenFor('viewer');
});
afterAll(async () => h?.close());

describe('saving', () => {
  it('needs the analyst role: none 401, viewer and evaluator 403, nothing saved; analyst and official 201', async () => {
    const before = await listed();
    expect((await h.call('POST', '/api/scenarios', ripple)).status).toBe(401);
    expect((await h.call('POST', '/api/scenarios', ripple, viewer)).status).toBe(403);
    expect((await h.call('POST', '/api/scenarios', ripple, await h.tokenFor('evaluator'))).status).toBe(403);
    expect(await listed()).toEqual(before);
    const saved = await h.call('POST', '/api/scenarios', ripple, analyst);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: 'Anchor +₩1bn', notes: 'demand pull', kind: 'ripple', request: { model: 'demand', shocks: [{ firmId: 's0', amount: 1000 }], limit: 1000 } });
    expect(saved.body.link).toBe(`/#/scenarios?open=${saved.body.id}`);
    expect((await h.call('POST', '/api/scenarios', disruption, await h.tokenFor('official'))).status).toBe(201);
    expect((await listed()).map((s) => s.id)).toContain(saved.body.id);
  });

  it('validates the request by its kind, naming the field', async () => {
    const bad = await h.call('POST', '/api/scenarios', { ...ripple, request: { shocks: [] } }, analyst);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.request.shocks');
    const wrongKind = await h.call('POST', '/api/scenarios', { ...ripple, kind: 'teleport' }, analyst);
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors[0].path).toBe('body.kind');
    const mixed = await h.call('POST', '/api/scenarios', { ...disruption, request: ripple.request }, analyst);
    expect(mixed.status).toBe(400);
    expect((await h.call('POST', '/api/scenarios', { ...ripple, name: '  ' }, analyst)).body.errors[0].path).toBe('body.name');
  });
});

describe('reopening and comparing', () => {
  it('recomputes on the current data, equal to running the request now, and flags data changed since saving', async () => {
    const saved = (await h.call('POST', '/api/scenarios', ripple, analyst)).body;
    const reopened = await h.call('GET', `/api/scenarios/${saved.id}/result`);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ dataChanged: false, savedDataVersion: saved.dataVersion, dataVersion: saved.dataVersion });
    const direct = await h.call('POST', '/api/ripple', ripple.request);
    expect(reopened.body.result.totals).toEqual(direct.body.totals);

    // s5 grows: the same scenario now induces a different output, and says the data changed.
    const data = smallDataset(20, 's');
    data.firms[5].revenue *= 2;
    expect((await h.call('POST', '/api/import?mode=merge', data, asAdmin)).status).toBe(201);
    const later = await h.call('GET', `/api/scenarios/${saved.id}/result`);
    expect(later.body.dataChanged).toBe(true);
    expect(later.body.savedDataVersion).toBe(saved.dataVersion);
    expect(later.body.dataVersion).toBeGreaterThan(saved.dataVersion);
    expect(later.body.result.totals.output).not.toBe(reopened.body.result.totals.output);
  });

  it('compares two to four scenarios side by side; unknown ids are named', async () => {
    const a = (await h.call('POST', '/api/scenarios', ripple, analyst)).body;
    const b = (await h.call('POST', '/api/scenarios', disruption, analyst)).body;
    const cmp = await h.call('GET', `/api/scenario-comparison?ids=${a.id},${b.id}`);
    expect(cmp.status).toBe(200);
    expect(cmp.body.items.map((i: any) => [i.scenario.id, i.scenario.kind])).toEqual([
      [a.id, 'ripple'],
      [b.id, 'disruption'],
    ]);
    expect(cmp.body.items[1].result.firms[0].id).toBe('s3');
    const missing = await h.call('GET', `/api/scenario-comparison?ids=${a.id},sc-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].path).toBe('query.ids.1');
    expect((await h.call('GET', `/api/scenario-comparison?ids=${a.id}`)).status).toBe(400);
    expect((await h.call('GET', '/api/scenarios/nope')).status).toBe(400);
    expect((await h.call('GET', '/api/scenarios/sc-000000000000')).status).toBe(404);
  });
});

describe('editing and deleting', () => {
  it('renames (analyst; viewer 403 changes nothing), deletes, and audits each write with before and after', async () => {
    const saved = (await h.call('POST', '/api/scenarios', ripple, analyst)).body;
    expect((await h.call('PUT', `/api/scenarios/${saved.id}`, { name: 'Renamed', notes: '' }, viewer)).status).toBe(403);
    expect((await h.call('GET', `/api/scenarios/${saved.id}`)).body.name).toBe(ripple.name);
    const renamed = await h.call('PUT', `/api/scenarios/${saved.id}`, { name: 'Renamed', notes: 'checked' }, analyst);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed', notes: 'checked', request: saved.request, dataVersion: saved.dataVersion });

    expect((await h.call('DELETE', `/api/scenarios/${saved.id}`)).status).toBe(401);
    expect((await h.call('DELETE', `/api/scenarios/${saved.id}`, undefined, analyst)).status).toBe(204);
    expect((await h.call('GET', `/api/scenarios/${saved.id}`)).status).toBe(404);
    expect((await h.call('DELETE', `/api/scenarios/${saved.id}`, undefined, analyst)).status).toBe(404);

    const audit = (await h.call('GET', `/api/audit?target=scenario:${saved.id}`, undefined, asAdmin)).body.entries;
    expect(audit.map((e: any) => e.action)).toEqual(['scenario.delete', 'scenario.update', 'scenario.save']);
    expect(audit[1]).toMatchObject({ actor: { role: 'analyst' }, before: { name: ripple.name, notes: ripple.notes }, after: { name: 'Renamed', notes: 'checked' } });
    expect(audit[0].before).toMatchObject({ id: saved.id, name: 'Renamed' });
  });
});
