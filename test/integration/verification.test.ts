/**
 * The five-stage verification over HTTP with the real Neo4j: officials' steps and evaluators' scores need
 * their roles (401/403, nothing changed on refusal), stage gates refuse with the reason (409 wrong stage or
 * closed, 422 unmet requirements), evaluators see and score only their assignments after declaring conflicts
 * of interest, AI scores import from CSV all-or-nothing, and selection writes the firm's dated tier history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallDataset } from '../support/fixtures.ts';
import { tierAsOf } from '../../server/services/tierHistory.ts';
import { asAdmin, startHarness, type Harness } from './harness.ts';

let h: Harness;
let official: Record<string, string>;
const evaluators: Record<string, Record<string, string>> = {};
const allPass = { 'production-line': true, 'quality-system': true, 'safety-environment': true, capacity: true, 'records-match': true };

async function evaluatorToken(name: string) {
  const r = await h.call('POST', '/api/tokens', { name, role: 'evaluator' }, asAdmin);
  expect(r.status).toBe(201);
  return { authorization: `Bearer ${r.body.token}` };
}

async function lastAuditSeq(): Promise<number> {
  return (await h.call('GET', '/api/audit?limit=1', undefined, asAdmin)).body.entries[0].seq;
}

async function newCall(year = 2026) {
  const r = await h.call('POST', '/api/calls', { year, title: `Busan anchors ${year}`, panelWeights: { expert: 2, citizen: 1 }, minAiScore: 50 }, official);
  expect(r.status).toBe(201);
  return r.body;
}

async function apply(callId: string, firmId: string) {
  const r = await h.call('POST', `/api/calls/${callId}/applications`, { firmId }, official);
  expect(r.status).toBe(201);
  return r.body;
}

const post = (appId: string, step: string, body: unknown, who = official) => h.call('POST', `/api/applications/${appId}/${step}`, body, who);

beforeAll(async () => {
  h = await startHarness();
  // v0 is an anchor, v9 is outside Busan; the others are Busan SMEs within the eligibility band.
  expect((await h.call('POST', '/api/import?mode=replace', smallDataset(40, 'v'), asAdmin)).status).toBe(201);
  official = await h.tokenFor('official');
  for (const name of ['Expert Kim', 'Citizen Lee', 'Expert Park', 'Citizen Choi']) evaluators[name] = await evaluatorToken(name);
});
afterAll(async () => h?.close());

describe('roles', () => {
  it('opening a call: none 401, viewer/analyst/evaluator 403 and nothing stored or audited; official 201', async () => {
    const body = { year: 2027, title: 'Refused' };
    const others = { viewer: await h.tokenFor('viewer'), analyst: await h.tokenFor('analyst'), evaluator: await h.tokenFor('evaluator') };
    const seq = await lastAuditSeq();
    const before = (await h.call('GET', '/api/calls', undefined, official)).body.items.length;
    expect((await h.call('POST', '/api/calls', body)).status).toBe(401);
    for (const [role, who] of Object.entries(others)) expect((await h.call('POST', '/api/calls', body, who)).status, role).toBe(403);
    expect((await h.call('GET', '/api/calls', undefined, official)).body.items.length).toBe(before);
    expect(await lastAuditSeq()).toBe(seq);
    expect((await h.call('POST', '/api/calls', body, asAdmin)).status).toBe(201);
  });

  it("an official's step refused to an analyst or evaluator changes nothing; evaluators' steps are refused to officials", async () => {
    const call = await newCall();
    const app = await apply(call.id, 'v2');
    for (const who of [await h.tokenFor('analyst'), evaluators['Expert Kim']]) {
      expect((await post(app.id, 'screening', { documentsComplete: true }, who)).status).toBe(403);
      expect((await post(app.id, 'advance', {}, who)).status).toBe(403);
    }
    expect((await post(app.id, 'screening', { documentsComplete: true }, {})).status).toBe(401);
    const after = (await h.call('GET', `/api/applications/${app.id}`, undefined, official)).body;
    expect(after.screening).toBeNull();
    expect(after.stage).toBe(1);
    expect((await post(app.id, 'presentation-score', { score: 50 })).status).toBe(403);
    expect((await post(app.id, 'conflict-declaration', { conflict: false })).status).toBe(403);
  });
});

describe('a call walked from application to selection', () => {
  it('gates every stage, scopes evaluators, and writes the tier history', async () => {
    const call = await newCall();
    expect(call.panelWeights.expert).toBeCloseTo(2 / 3, 12);
    const app = await apply(call.id, 'v1');
    expect(app).toMatchObject({ firmId: 'v1', stage: 1, stageName: 'screening', status: 'in-progress' });
    expect((await h.call('POST', `/api/calls/${call.id}/applications`, { firmId: 'v1' }, official)).status).toBe(409);
    const unknown = await h.call('POST', `/api/calls/${call.id}/applications`, { firmId: 'nobody' }, official);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('body.firmId');

    // Stage 1: nothing recorded yet, and stage 2's records are refused.
    const early = await post(app.id, 'advance', {});
    expect(early.status).toBe(422);
    expect(early.body.errors.map((e: any) => e.path)).toEqual(['screening']);
    const wrong = await post(app.id, 'ai-scores', { evaluator: 'credit-guarantee', score: 70 });
    expect(wrong.status).toBe(409);
    expect(wrong.body.detail).toMatch(/stage 1 \(screening\).*stage 2 \(ai-evaluation\)/);
    expect((await post(app.id, 'screening', { documentsComplete: true, notes: 'all filed' })).body.screening).toMatchObject({ documentsComplete: true, eligible: true, reasons: [] });
    expect((await post(app.id, 'advance', {})).body.stage).toBe(2);

    // Stage 2: a CSV with one bad row records nothing; a good one records both evaluations.
    const bad = await h.call('POST', `/api/calls/${call.id}/ai-scores`, { csv: 'firmId,evaluator,score,notes\nv1,credit-guarantee,72,ok\nv1,technology-finance,abc,\nv7,credit-guarantee,50,\n' }, official);
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ path: 'body.csv[1].score', line: 3 }),
      expect.objectContaining({ path: 'body.csv[2].firmId', line: 4, message: expect.stringContaining('not an applicant') }),
    ]);
    expect((await h.call('GET', `/api/applications/${app.id}`, undefined, official)).body.aiScores).toEqual([]);
    const low = await h.call('POST', `/api/calls/${call.id}/ai-scores`, { csv: 'firmId,evaluator,score\nv1,credit-guarantee,72\nv1,technology-finance,40\n' }, official);
    expect(low.body).toMatchObject({ recorded: 2, applications: 1 });
    const below = await post(app.id, 'advance', {});
    expect(below.status).toBe(422);
    expect(below.body.errors).toEqual([{ path: 'aiScores.technology-finance', message: expect.stringContaining('below the call') }]);
    const rescored = await post(app.id, 'ai-scores', { evaluator: 'technology-finance', score: 81, notes: 're-run' });
    expect(rescored.body.aiScores.map((s: any) => [s.source, s.score])).toEqual([
      ['credit-guarantee', 72],
      ['technology-finance', 81],
    ]);
    expect((await post(app.id, 'advance', {})).body.stage).toBe(3);

    // Stage 3: assignments, declarations, scores.
    for (const [name, panel] of [['Expert Kim', 'expert'], ['Citizen Lee', 'citizen'], ['Expert Park', 'expert']]) {
      expect((await post(app.id, 'assignments', { evaluator: name, panel })).status).toBe(200);
    }
    const kim = evaluators['Expert Kim'];
    const undeclared = await post(app.id, 'presentation-score', { score: 80 }, kim);
    expect(undeclared.status).toBe(409);
    expect(undeclared.body.title).toBe('Conflict of interest not declared');
    expect((await post(app.id, 'conflict-declaration', { conflict: false }, kim)).status).toBe(200);
    expect((await post(app.id, 'presentation-score', { score: 80, notes: 'clear plan' }, kim)).status).toBe(200);
    expect((await post(app.id, 'conflict-declaration', { conflict: true, statement: 'former employer' }, kim)).status).toBe(409);
    const lee = evaluators['Citizen Lee'];
    await post(app.id, 'conflict-declaration', { conflict: false }, lee);
    expect((await post(app.id, 'presentation-score', { score: 60 }, lee)).status).toBe(200);
    const park = evaluators['Expert Park'];
    // A conflict without its statement breaks a rule across fields: unprocessable (422), not malformed.
    expect((await post(app.id, 'conflict-declaration', { conflict: true }, park)).status).toBe(422);
    expect((await post(app.id, 'conflict-declaration', { conflict: true, statement: 'my cousin runs it' }, park)).status).toBe(200);
    const conflicted = await post(app.id, 'presentation-score', { score: 99 }, park);
    expect(conflicted.status).toBe(409);
    expect(conflicted.body.title).toBe('Conflict of interest declared');

    // Evaluators see their own assignment and score only; a stranger sees nothing.
    const choi = evaluators['Citizen Choi'];
    expect((await h.call('GET', `/api/applications/${app.id}`, undefined, choi)).status).toBe(403);
    expect((await post(app.id, 'presentation-score', { score: 10 }, choi)).status).toBe(403);
    const kimView = (await h.call('GET', `/api/applications/${app.id}`, undefined, kim)).body;
    expect(kimView.presentation.scores.map((s: any) => [s.evaluator, s.score])).toEqual([['Expert Kim', 80]]);
    expect(kimView.presentation.assignments.map((a: any) => a.evaluator)).toEqual(['Expert Kim']);
    expect(kimView.presentation.summary.combined).toBeNull();
    expect(kimView.evidence).toHaveProperty('singleSource.dependentBuyers');
    const mine = (await h.call('GET', '/api/assignments', undefined, kim)).body;
    expect(mine.items.map((i: any) => [i.applicationId, i.score.score, i.assignment.conflict])).toEqual([[app.id, 80, false]]);
    expect((await h.call('GET', '/api/assignments', undefined, choi)).body.items).toEqual([]);

    const full = (await h.call('GET', `/api/applications/${app.id}`, undefined, official)).body;
    // (2/3)·80 + (1/3)·60
    expect(full.presentation.summary.combined).toBeCloseTo(220 / 3, 10);
    expect(full.presentation.scores.every((s: any) => s.evaluator && s.at && 'notes' in s)).toBe(true);
    expect((await post(app.id, 'advance', {})).body.stage).toBe(4);

    // Stage 4: a failed checklist item holds the application back.
    await post(app.id, 'inspection', { checklist: { ...allPass, capacity: false }, notes: 'line 2 idle' });
    const held = await post(app.id, 'advance', {});
    expect(held.status).toBe(422);
    expect(held.body.errors.map((e: any) => e.path)).toEqual(['inspection.capacity']);
    await post(app.id, 'inspection', { checklist: allPass, notes: 'revisited' });
    expect((await post(app.id, 'advance', {})).body.stage).toBe(5);

    // Stage 5: the support ceiling, then the selection.
    const tooMuch = await post(app.id, 'selection', { growthStage: 'anchor', supportAmount: 600 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors[0].path).toBe('body.supportAmount');
    const selected = await post(app.id, 'selection', { growthStage: 'anchor', supportAmount: 500, notes: 'unanimous' });
    expect(selected.status).toBe(200);
    expect(selected.body).toMatchObject({ status: 'selected', selection: { growthStage: 'anchor', supportAmount: 500 } });
    expect(selected.body.events.map((e: any) => e.action)).toEqual(['screening', 'advance', 'advance', 'advance', 'inspection', 'inspection', 'advance', 'selection']);
    expect((await post(app.id, 'reject', { reason: 'second thoughts' })).status).toBe(409);

    // The tier history: SME until 2025, Anchor from 2026 (the call's year); cohort 2026.
    const history = (await h.call('GET', '/api/firms/v1/tier-history')).body;
    expect(history).toMatchObject({ tier: 'anchor', cohort: 2026 });
    expect(history.spells).toEqual([
      expect.objectContaining({ tier: 'sme', from: null, to: 2025, source: 'before-history' }),
      expect.objectContaining({ tier: 'anchor', from: 2026, to: null, source: 'selection', callId: call.id }),
    ]);
    expect(await tierAsOf(h.db, 2025, ['v1', 'v2'])).toEqual([
      { id: 'v1', tier: 'sme', cohort: null, basis: 'history' },
      { id: 'v2', tier: 'sme', cohort: null, basis: 'current' },
    ]);
    const asOf = await h.call('GET', '/api/tiers?year=2026&ids=v1,v2');
    expect(asOf.body.items).toEqual([
      { id: 'v1', tier: 'anchor', cohort: 2026, basis: 'history' },
      { id: 'v2', tier: 'sme', cohort: null, basis: 'current' },
    ]);
    expect((await h.call('GET', '/api/firms/v1')).body.tier).toBe('anchor');

    const audit = (await h.call('GET', `/api/audit?target=application:${app.id}&limit=100`, undefined, asAdmin)).body.entries;
    const actions = audit.map((e: any) => e.action);
    for (const a of ['verification.application.add', 'verification.screening', 'verification.ai-score', 'verification.assignment', 'verification.conflict-declaration', 'verification.presentation-score', 'verification.inspection', 'verification.advance', 'verification.select']) expect(actions).toContain(a);
    const rescore = audit.find((e: any) => e.action === 'verification.ai-score' && e.after.score === 81);
    expect(rescore.before).toMatchObject({ score: 40, source: 'technology-finance' });
    const tier = (await h.call('GET', '/api/audit?target=firm:v1', undefined, asAdmin)).body.entries[0];
    expect(tier).toMatchObject({ action: 'firm.tier', before: { tier: 'sme', cohort: null }, after: { tier: 'anchor', cohort: 2026 } });
  });

  it('an ineligible firm is held at screening with the reason; a rejected application is closed', async () => {
    const call = await newCall();
    const app = await apply(call.id, 'v9');
    await post(app.id, 'screening', { documentsComplete: true });
    const held = await post(app.id, 'advance', {});
    expect(held.status).toBe(422);
    expect(held.body.errors).toEqual([{ path: 'screening.eligible', message: expect.stringContaining('region') }]);
    expect((await post(app.id, 'reject', { reason: 'outside Busan' })).body).toMatchObject({ status: 'rejected', rejection: { reason: 'outside Busan' } });
    const closed = await post(app.id, 'screening', { documentsComplete: true });
    expect(closed.status).toBe(409);
    expect(closed.body.title).toBe('Application closed');
    const listed = (await h.call('GET', `/api/calls/${call.id}`, undefined, official)).body;
    expect(listed.applications.map((a: any) => [a.firmId, a.status])).toEqual([['v9', 'rejected']]);
  });

  it('refuses bad ids with 400, weights that break a rule across fields with 422 naming the field, and unknown ones with 404', async () => {
    expect((await h.call('GET', '/api/applications/nope', undefined, official)).status).toBe(400);
    expect((await h.call('GET', '/api/applications/app-000000000000', undefined, official)).status).toBe(404);
    expect((await h.call('GET', '/api/calls/call-2026-000000000000', undefined, official)).status).toBe(404);
    const r = await h.call('POST', '/api/calls', { year: 2026, title: 'x', panelWeights: { expert: 0, citizen: 0 } }, official);
    expect(r.status).toBe(422);
    expect(r.body.errors[0].path).toBe('body.panelWeights');
  });
});
