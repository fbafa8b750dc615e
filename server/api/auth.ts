/**
 * Who sent a request, and whether their role allows what they ask. Credentials are a bearer token
 * (`Authorization: Bearer <token>`: the configured admin token, compared in constant time, or a named
 * token issued by an admin) or the session cookie of a signed-in browser. No credentials → 401 on
 * anything that needs a role; a role that does not grant the action → 403.
 *
 * `authentication(...)` is installed once for the whole API; routes then say what they need with
 * `requireRole('analyst')` (any role that grants `analyst`: analyst, official, admin) and read the caller
 * with `actorOf(req)`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { CONFIGURED_ADMIN, roleGrants, type Actor, type Role } from '../domain/roles.ts';
import { MIN_TOKEN_LENGTH } from '../services/adminToken.ts';
import type { SessionService } from '../services/sessionService.ts';
import type { TokenService } from '../services/tokenService.ts';
import { HttpProblem } from './problem.ts';

export const SESSION_COOKIE = 'anchorage_session';

export interface CredentialStores {
  adminToken: string;
  tokens: TokenService;
  sessions: SessionService;
}

/** A credential the caller presented, before it is looked up. */
export type Credential = { kind: 'bearer'; secret: string } | { kind: 'session'; id: string } | null;

const digest = (s: string) => createHash('sha256').update(s).digest();

const lookups = new WeakMap<Request, () => Promise<Actor | null>>();

export function presentedCredential(req: Request): Credential {
  const header = req.get('authorization');
  if (header !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(header);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    return { kind: 'bearer', secret: match[1] };
  }
  const session = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof session === 'string' && session ? { kind: 'session', id: session } : null;
}

/** Resolves who holds a bearer secret: the configured admin, a named token's holder, or nobody. */
export function bearerResolver(stores: CredentialStores): (secret: string) => Promise<{ actor: Actor; tokenId: string | null } | null> {
  const admin = digest(stores.adminToken);
  return async (secret) => {
    if (timingSafeEqual(digest(secret), admin)) return { actor: CONFIGURED_ADMIN, tokenId: null };
    const actor = await stores.tokens.find(secret);
    return actor ? { actor, tokenId: actor.id } : null;
  };
}

/**
 * Gives every request a lazy, memoised lookup of its caller: reads that need no role never touch the
 * token or session stores. Needs req.cookies (cookie-parser) before it.
 */
export function authentication(stores: CredentialStores): RequestHandler {
  if (stores.adminToken.length < MIN_TOKEN_LENGTH) throw new Error(`authentication: the admin token must have at least ${MIN_TOKEN_LENGTH} characters`);
  const bearer = bearerResolver(stores);
  return (req, _res, next) => {
    let found: Promise<Actor | null> | undefined;
    lookups.set(req, () => {
      found ??= (async () => {
        const credential = presentedCredential(req);
        if (!credential) return null;
        if (credential.kind === 'session') {
          // An expired or ended session is no credential: the browser reads on as anyone may.
          const session = await stores.sessions.find(credential.id);
          return session ? { id: session.id, name: session.name, role: session.role } : null;
        }
        const held = await bearer(credential.secret);
        if (!held) throw unauthenticated('The token is unknown or has been revoked.');
        return held.actor;
      })();
      return found;
    });
    next();
  };
}

/** The caller, or null without credentials. Rejects (401) a bearer token that is not valid. */
export function actorOf(req: Request): Promise<Actor | null> {
  const lookup = lookups.get(req);
  if (!lookup) throw new Error('actorOf: authentication() is not installed before this route');
  return lookup();
}

/** The caller if their role grants one of `roles`; otherwise throws the 401 or 403 problem. */
export async function requireActor(req: Request, ...roles: Role[]): Promise<Actor> {
  const actor = await actorOf(req);
  if (!actor) throw unauthenticated(`This action needs the ${roles.join(' or ')} role: send "Authorization: Bearer <token>" or sign in.`);
  if (!roles.some((role) => roleGrants(actor.role, role))) {
    throw new HttpProblem(403, 'Forbidden', `The ${actor.role} role cannot do this; it needs the ${roles.join(' or ')} role.`);
  }
  return actor;
}

/** Middleware: lets the request through when the caller's role grants one of `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  if (roles.length === 0) throw new Error('requireRole: name at least one role');
  return (req, _res, next) => {
    requireActor(req, ...roles).then(() => next(), next);
  };
}

function unauthenticated(detail: string): HttpProblem {
  return new HttpProblem(401, 'Authentication required', detail);
}
