/**
 * Roles, named tokens, sessions and the audit trail, over the real app and Neo4j. Every operation the
 * OpenAPI document marks with roles is refused without credentials (401) and for every role that does not
 * grant it (403), and changes nothing; the allowed roles get through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleGrants, type Role } from '../../server/domain/roles.ts';
import { smallDataset } from '../support/fixtures.ts';
import { ADMIN_TOKEN, asAdmin, startHarness, type Harness } from './harness.ts';

let h: Harness;
const as: Partial<Record<Role, Record<string, string>>> = {};

async function counts() {
  const r = await h.call('GET', '/api/health');
  return { firms: r.body.firms as number, supplies: r.body.supplies as number };
}

beforeAll(async () => {
  h = await startHarness();
  expect((await h.call('POST', '/api/import?mode=replace', smallDataset(30, 'a'), asAdmin)).status).toBe(201);
  for (const role of ROLES) as[role] = await h.tokenFor(role);
});
afterAll(async () => h?.close());

describe('the issue\'s acceptance walk', () => {
  it('admin issues viewer and analyst tokens; nobody/viewer/analyst cannot import; the audit shows the admin\'s work, no secret', async () => {
    const viewer = await h.call('POST', '/api/tokens', { name: 'Kim viewer', role: 'viewer' }, asAdmin);
    const analyst = await h.call('POST', '/api/tokens', { name: 'Lee analyst', role: 'analyst' }, asAdmin);
    expect(viewer.status).toBe(201);
    expect(analyst.status).toBe(201);
    expect(viewer.body).toMatchObject({ name: 'Kim viewer', role: 'viewer', revokedAt: null });
    expect(viewer.body.token).toMatch(/^anc_[A-Za-z0-9_-]{43}$/);
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

    const before = await counts();
    const data = smallDataset(5, 'x');
    expect((await h.call('POST', '/api/import?mode=replace', data)).status).toBe(401);
    expect((await h.call('POST', '/api/import?mode=replace', data, bearer(viewer.body.token))).status).toBe(403);
    expect((await h.call('POST', '/api/import?mode=replace', data, bearer(analyst.body.token))).status).toBe(403);
    expect(await counts()).toEqual(before);

    const imported = await h.call('POST', '/api/import?mode=merge', smallDataset(31, 'a'), asAdmin);
    expect(imported.status).toBe(201);

    expect((await h.call('GET', '/api/audit')).status).toBe(401);
    expect((await h.call('GET', '/api/audit', undefined, bearer(analyst.body.token))).status).toBe(403);
    const audit = await h.call('GET', '/api/audit?limit=50', undefined, asAdmin);
    expect(audit.status).toBe(200);
    const entries = audit.body.entries as { action: string; target: string; actor: { name: string }; before: any; after: any; details: any }[];
    const imports = entries.filter((e) => e.action === 'import');
    expect(imports[0]).toMatchObject({ actor: { name: 'admin' }, target: 'network', before: before, after: { firms: 31, supplies: 30 } });
    expect(imports[0].details).toMatchObject({ mode: 'merge', received: { firms: 31, supplies: 30 } });
    for (const issued of [viewer.body, analyst.body]) {
      expect(entries).toContainEqual(expect.objectContaining({ action: 'token.issue', target: `token:${issued.id}`, after: { id: issued.id, name: issued.name, role: issued.role } }));
    }
    const text = JSON.stringify(audit.body);
    for (const secret of [viewer.body.token, analyst.body.token, ADMIN_TOKEN]) expect(text).not.toContain(secret);
  });
});

describe('every operation that needs a role', () => {
  it('refuses anyone without credentials (401) and every role that does not grant it (403), changing nothing', async () => {
    const doc = (await h.call('GET', '/api/openapi.json')).body;
    const guarded: { method: string; path: string; roles: Role[] }[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        if (op['x-roles']) guarded.push({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000'), roles: op['x-roles'] });
      }
    }
    expect(guarded.map((g) => `${g.method} ${g.path.split('/')[2]}`)).toEqual(expect.arrayContaining(['POST import', 'POST metrics', 'POST tokens', 'GET tokens', 'DELETE tokens', 'GET audit']));
    const before = await counts();
    const auditBefore = (await h.call('GET', '/api/audit?limit=1', undefined, asAdmin)).body.entries[0].seq;
    for (const op of guarded) {
      const none = await h.call(op.method, op.path, op.method === 'GET' || op.method === 'DELETE' ? undefined : {});
      expect(none.status, `${op.method} ${op.path} without credentials`).toBe(401);
      expect(none.type).toMatch(/problem\+json/);
      for (const role of ROLES) {
        if (op.roles.some((needed) => roleGrants(role, needed))) continue;
        const r = await h.call(op.method, op.path, op.method === 'GET' || op.method === 'DELETE' ? undefined : {}, as[role]);
        expect(r.status, `${op.method} ${op.path} as ${role}`).toBe(403);
      }
    }
    expect(await counts()).toEqual(before);
    expect((await h.call('GET', '/api/audit?limit=1', undefined, asAdmin)).body.entries[0].seq).toBe(auditBefore);
  });

  it('lets the roles that grant it through', async () => {
    const data = smallDataset(30, 'a');
    for (const role of ROLES) {
      const expected = role === 'admin' ? 201 : 403;
      expect((await h.call('POST', '/api/import?mode=merge', data, as[role])).status, role).toBe(expected);
      expect((await h.call('POST', '/api/metrics/recompute', undefined, as[role])).status, role).toBe(role === 'admin' ? 202 : 403);
      expect((await h.call('GET', '/api/tokens', undefined, as[role])).status, role).toBe(role === 'admin' ? 200 : 403);
      expect((await h.call('POST', '/api/tokens', { name: `by ${role}`, role: 'viewer' }, as[role])).status, role).toBe(role === 'admin' ? 201 : 403);
    }
  });

  it('reads and scenarios need no credentials', async () => {
    expect((await h.call('GET', '/api/firms?limit=5')).status).toBe(200);
    expect((await h.call('POST', '/api/ripple', { shocks: [{ firmId: 'a1', amount: 10 }] })).status).toBe(200);
  });
});

describe('tokens', () => {
  it('are listed without secrets, and a revoked token stops working at once', async () => {
    const issued = await h.call('POST', '/api/tokens', { name: 'Park temporary', role: 'admin' }, asAdmin);
    const bearer = { authorization: `Bearer ${issued.body.token}` };
    expect((await h.call('GET', '/api/tokens', undefined, bearer)).status).toBe(200);
    const list = await h.call('GET', '/api/tokens', undefined, asAdmin);
    const listed = list.body.tokens.find((t: { id: string }) => t.id === issued.body.id);
    expect(listed).toEqual({ id: issued.body.id, name: 'Park temporary', role: 'admin', createdAt: issued.body.createdAt, createdBy: 'admin', revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(issued.body.token);

    const revoked = await h.call('DELETE', `/api/tokens/${issued.body.id}`, undefined, asAdmin);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await h.call('GET', '/api/tokens', undefined, bearer)).status).toBe(401);
    expect((await h.call('GET', '/api/tokens', undefined, asAdmin)).body.tokens.map((t: { id: string }) => t.id)).not.toContain(issued.body.id);
    expect((await h.call('GET', '/api/tokens?includeRevoked=true', undefined, asAdmin)).body.tokens.map((t: { id: string }) => t.id)).toContain(issued.body.id);
    const audit = await h.call('GET', `/api/audit?target=token:${issued.body.id}`, undefined, asAdmin);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(['token.revoke', 'token.issue']);
    // Revoking again changes nothing and records nothing.
    expect((await h.call('DELETE', `/api/tokens/${issued.body.id}`, undefined, asAdmin)).status).toBe(200);
    expect((await h.call('GET', `/api/audit?target=token:${issued.body.id}`, undefined, asAdmin)).body.entries).toHaveLength(2);
  });

  it('refuse bad names, unknown roles, a name already in use, and unknown ids', async () => {
    for (const body of [{ name: '', role: 'viewer' }, { name: '=cmd', role: 'viewer' }, { name: 'x', role: 'root' }, { role: 'viewer' }]) {
      const r = await h.call('POST', '/api/tokens', body, asAdmin);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors[0].path).toMatch(/^body\.(name|role)$/);
    }
    expect((await h.call('POST', '/api/tokens', { name: 'Choi', role: 'viewer' }, asAdmin)).status).toBe(201);
    const clash = await h.call('POST', '/api/tokens', { name: 'Choi', role: 'analyst' }, asAdmin);
    expect(clash.status).toBe(409);
    expect((await h.call('DELETE', '/api/tokens/00000000-0000-4000-8000-000000000000', undefined, asAdmin)).status).toBe(404);
    expect((await h.call('DELETE', '/api/tokens/nope', undefined, asAdmin)).status).toBe(400);
  });
});

describe('browser sessions', () => {
  async function signIn(token: string) {
    const res = await fetch(`${h.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    return { status: res.status, body: await res.json(), cookie: res.headers.get('set-cookie') ?? '' };
  }

  it('sign in with a token sets an httpOnly, SameSite=Strict cookie that carries the role until sign-out', async () => {
    const issued = await h.call('POST', '/api/tokens', { name: 'Jung session', role: 'official' }, asAdmin);
    const r = await signIn(issued.body.token);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ signedIn: true, name: 'Jung session', role: 'official' });
    expect(r.cookie).toMatch(/^anchorage_session=[A-Za-z0-9_-]{43};/);
    expect(r.cookie).toMatch(/HttpOnly/);
    expect(r.cookie).toMatch(/SameSite=Strict/);
    expect(r.cookie).toMatch(/Path=\/api/);
    expect(r.cookie).not.toContain(issued.body.token);
    const cookie = { cookie: r.cookie.split(';')[0] };
    expect((await h.call('GET', '/api/session', undefined, cookie)).body).toMatchObject({ signedIn: true, role: 'official' });
    expect((await h.call('GET', '/api/tokens', undefined, cookie)).status).toBe(403);
    expect((await h.call('GET', '/api/session')).body).toEqual({ signedIn: false });

    expect((await h.call('DELETE', '/api/session', undefined, cookie)).status).toBe(204);
    expect((await h.call('GET', '/api/session', undefined, cookie)).body).toEqual({ signedIn: false });
    expect((await h.call('POST', '/api/metrics/recompute', undefined, cookie)).status).toBe(401);
  });

  it('a session ends with its token, and a bad token signs nobody in', async () => {
    const issued = await h.call('POST', '/api/tokens', { name: 'Han session', role: 'admin' }, asAdmin);
    const cookie = { cookie: (await signIn(issued.body.token)).cookie.split(';')[0] };
    expect((await h.call('GET', '/api/tokens', undefined, cookie)).status).toBe(200);
    await h.call('DELETE', `/api/tokens/${issued.body.id}`, undefined, asAdmin);
    expect((await h.call('GET', '/api/tokens', undefined, cookie)).status).toBe(401);
    expect((await signIn('anc_not-a-token')).status).toBe(401);
    expect((await signIn(issued.body.token)).status).toBe(401);
  });
});

describe('GET /api/audit', () => {
  it('filters by actor, action and time, pages with a cursor, and exports CSV with formulas neutralised', async () => {
    const name = '=HYPERLINK("http://x")';
    expect((await h.call('POST', '/api/tokens', { name, role: 'viewer' }, asAdmin)).status).toBe(400);
    const by = await h.call('POST', '/api/tokens', { name: 'Audit Admin', role: 'admin' }, asAdmin);
    const other = { authorization: `Bearer ${by.body.token}` };
    const since = new Date(Date.now() - 1000).toISOString();
    for (const n of [1, 2, 3]) expect((await h.call('POST', '/api/tokens', { name: `audit probe ${n}`, role: 'viewer' }, other)).status).toBe(201);

    const mine = await h.call('GET', `/api/audit?actor=Audit%20Admin&action=token&from=${since}`, undefined, asAdmin);
    expect(mine.body.entries.map((e: any) => e.after.name)).toEqual(['audit probe 3', 'audit probe 2', 'audit probe 1']);
    const first = await h.call('GET', `/api/audit?actor=Audit%20Admin&limit=2`, undefined, asAdmin);
    expect(first.body.entries).toHaveLength(2);
    const second = await h.call('GET', `/api/audit?actor=Audit%20Admin&limit=2&cursor=${first.body.nextCursor}`, undefined, asAdmin);
    expect(second.body.entries.map((e: any) => e.after.name)).toEqual(['audit probe 1']);
    expect(second.body.nextCursor).toBeNull();
    expect((await h.call('GET', `/api/audit?to=${since}&actor=Audit%20Admin`, undefined, asAdmin)).body.entries).toEqual([]);

    const csv = await fetch(`${h.baseUrl}/api/audit?actor=Audit%20Admin&format=csv`, { headers: asAdmin });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('seq,at,actorId,actorName,actorRole,action,target,before,after,details');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(',Audit Admin,admin,token.issue,token:');

    for (const q of ['from=yesterday', 'limit=0', 'cursor=abc', 'role=root', 'format=xml']) {
      const r = await h.call('GET', `/api/audit?${q}`, undefined, asAdmin);
      expect(r.status, q).toBe(400);
    }
    const reversed = await h.call('GET', `/api/audit?from=${new Date().toISOString()}&to=${since}`, undefined, asAdmin);
    expect(reversed.status).toBe(422);
    expect(reversed.body.errors[0].path).toBe('query.from');
    // A zone offset that ISO allows but Neo4j refuses (beyond ±18:00) is read as the instant it names.
    const farZone = await h.call('GET', `/api/audit?from=${encodeURIComponent('2000-01-01T00:00:00+20:00')}&action=token`, undefined, asAdmin);
    expect(farZone.status).toBe(200);
    expect(farZone.body.entries.length).toBeGreaterThan(0);
  });

  it('drops anything named like a secret from what it records', async () => {
    await h.services.audit.record({ actor: { id: 'admin', name: 'admin', role: 'admin' }, action: 'test.secret', target: 'nothing', details: { token: 'leak-1', nested: [{ password: 'leak-2', kept: 1 }] } });
    const r = await h.call('GET', '/api/audit?action=test.secret', undefined, asAdmin);
    expect(r.body.entries[0].details).toEqual({ nested: [{ kept: 1 }] });
  });
});
