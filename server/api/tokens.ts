/** Named tokens (admins issue, list and revoke them) and browser sessions (sign in with a token, sign out). */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { RoleSchema } from '../domain/roles.ts';
import type { AuditService } from '../services/auditService.ts';
import { SESSION_TTL_SECONDS } from '../services/sessionService.ts';
import type { TokenService } from '../services/tokenService.ts';
import { actorOf, bearerResolver, requireActor, requireRole, SESSION_COOKIE, type CredentialStores } from './auth.ts';
import type { ApiDescription } from './openapi.ts';
import { IssuedTokenResponse, RevokedTokenResponse, SessionResponse, TokenListResponse } from './responses.ts';
import { HttpProblem } from './problem.ts';
import { parseBody, parseParams, parseQuery } from './validate.ts';

export const TokenName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._@-]*$/u, 'letters, digits, spaces and . _ @ - only, starting with a letter or digit');

export const IssueTokenBody = z.object({ name: TokenName, role: RoleSchema });
export const TokensQuery = z.object({ includeRevoked: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });
const TokenParams = z.object({ tokenId: z.uuid() });
export const SignInBody = z.object({ token: z.string().min(1).max(512) });

export function tokensRouter(tokens: TokenService, audit: AuditService, api: ApiDescription): Router {
  const router = Router();
  const admin = requireRole('admin');

  api.add({ method: 'post', path: '/api/tokens', summary: 'Issue a named token with a role; the secret is in this answer only', tag: 'access', body: IssueTokenBody, roles: ['admin'], status: 201, response: IssuedTokenResponse, problems: [409] });
  router.post('/api/tokens', admin, async (req, res) => {
    const actor = await requireActor(req, 'admin');
    const { name, role } = parseBody(IssueTokenBody, req);
    const issued = await tokens.issue(name, role, actor);
    await audit.record({ actor, action: 'token.issue', target: `token:${issued.id}`, before: null, after: { id: issued.id, name, role } });
    res.status(201).location(`/api/tokens/${issued.id}`).json(issued);
  });

  api.add({ method: 'get', path: '/api/tokens', summary: 'The issued tokens (never their secrets)', tag: 'access', query: TokensQuery, roles: ['admin'], response: TokenListResponse });
  router.get('/api/tokens', admin, async (req, res) => {
    res.json({ tokens: await tokens.list(parseQuery(TokensQuery, req).includeRevoked) });
  });

  api.add({ method: 'delete', path: '/api/tokens/:tokenId', summary: 'Revoke a token (and end the sessions opened with it)', tag: 'access', params: TokenParams, roles: ['admin'], response: RevokedTokenResponse });
  router.delete('/api/tokens/:tokenId', admin, async (req, res) => {
    const actor = await requireActor(req, 'admin');
    const { tokenId: id } = parseParams(TokenParams, req);
    const { token, wasActive } = await tokens.revoke(id);
    if (wasActive) {
      await audit.record({ actor, action: 'token.revoke', target: `token:${id}`, before: { name: token.name, role: token.role, revokedAt: null }, after: { revokedAt: token.revokedAt } });
    }
    res.json(token);
  });
  return router;
}

export function sessionRouter(stores: CredentialStores, audit: AuditService, api: ApiDescription): Router {
  const router = Router();
  const bearer = bearerResolver(stores);

  api.add({ method: 'post', path: '/api/session', summary: 'Sign in with a token: sets an httpOnly, SameSite=Strict session cookie', tag: 'access', body: SignInBody, status: 201, response: SessionResponse, problems: [401] });
  router.post('/api/session', async (req, res) => {
    const { token } = parseBody(SignInBody, req);
    const held = await bearer(token);
    if (!held) throw new HttpProblem(401, 'Authentication required', 'The token is unknown or has been revoked.', [{ path: 'body.token', message: 'unknown or revoked token' }]);
    const session = await stores.sessions.open(held.actor, held.tokenId);
    await audit.record({ actor: held.actor, action: 'session.open', target: `actor:${held.actor.id}`, details: { expiresAt: session.expiresAt } });
    setSessionCookie(req, res, session.id, SESSION_TTL_SECONDS);
    res.status(201).json({ signedIn: true, ...held.actor, expiresAt: session.expiresAt });
  });

  api.add({ method: 'get', path: '/api/session', summary: 'Who the caller is (signedIn false without credentials)', tag: 'access', response: SessionResponse, problems: [401] });
  router.get('/api/session', async (req, res) => {
    const actor = await actorOf(req);
    res.set('Cache-Control', 'no-store').json(actor ? { signedIn: true, ...actor } : { signedIn: false });
  });

  api.add({ method: 'delete', path: '/api/session', summary: 'Sign out: ends the session and clears its cookie', tag: 'access', status: 204, response: null });
  router.delete('/api/session', async (req, res) => {
    const id = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    if (typeof id === 'string' && id) await stores.sessions.close(id);
    setSessionCookie(req, res, '', 0);
    res.status(204).end();
  });
  return router;
}

function setSessionCookie(req: Request, res: Response, value: string, maxAgeSeconds: number): void {
  res.cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/api',
    maxAge: maxAgeSeconds * 1000,
  });
}
