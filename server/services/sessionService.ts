/**
 * Browser sessions: signing in with a token gives the browser a random session id in an httpOnly cookie;
 * Neo4j keeps the SHA-256 of the id with who it stands for. Sessions expire, end on sign-out, and end
 * with the token they were opened with.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.ts';
import type { Actor } from '../domain/roles.ts';
import { secretHash } from './tokenService.ts';

export const SESSION_TTL_SECONDS = 12 * 60 * 60;

export class SessionService {
  constructor(private readonly db: Database) {}

  /** Opens a session for `actor`; `tokenId` is null for the configured admin token. */
  async open(actor: Actor, tokenId: string | null): Promise<{ id: string; expiresAt: string }> {
    const id = randomBytes(32).toString('base64url');
    const [row] = await this.db.write<{ expiresAt: string }>('sessions/create', {
      hash: secretHash(id),
      tokenId,
      actorId: actor.id,
      actorName: actor.name,
      role: actor.role,
      ttlSeconds: SESSION_TTL_SECONDS,
    });
    return { id, expiresAt: row.expiresAt };
  }

  async find(id: string): Promise<(Actor & { expiresAt: string }) | null> {
    const [row] = await this.db.read<Actor & { expiresAt: string }>('sessions/find', { hash: secretHash(id) });
    return row ?? null;
  }

  async close(id: string): Promise<void> {
    await this.db.write('sessions/delete', { hash: secretHash(id) });
  }
}
