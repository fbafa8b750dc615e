/**
 * Named API tokens. A token is shown once, when issued; Neo4j keeps only the SHA-256 of its secret (the
 * secret is 256 random bits, so a fast hash is enough: there is nothing to guess). Revoking a token ends
 * the browser sessions opened with it.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import type { Actor, Role } from '../domain/roles.ts';
import { DomainError } from './errors.ts';

export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex');

export class TokenService {
  constructor(private readonly db: Database) {}

  /** Issues a token; the returned `token` is the only copy of the secret. */
  async issue(name: string, role: Role, createdBy: Actor): Promise<TokenInfo & { token: string }> {
    const token = `anc_${randomBytes(32).toString('base64url')}`;
    const [row] = await this.db.write<Omit<TokenInfo, 'revokedAt'>>('tokens/create', {
      id: randomUUID(),
      name,
      role,
      hash: secretHash(token),
      createdBy: createdBy.name,
    });
    if (!row) {
      throw new DomainError(409, 'Token name in use', `An active token is already named "${name}"; revoke it or choose another name.`, [
        { path: 'body.name', message: 'an active token has this name' },
      ]);
    }
    return { ...row, revokedAt: null, token };
  }

  async list(includeRevoked: boolean): Promise<TokenInfo[]> {
    return this.db.read<TokenInfo>('tokens/list', { includeRevoked });
  }

  /** Revokes a token; returns it with the time it was revoked, and whether it was active until now. */
  async revoke(id: string): Promise<{ token: Pick<TokenInfo, 'id' | 'name' | 'role' | 'revokedAt'>; wasActive: boolean }> {
    const [row] = await this.db.write<{ id: string; name: string; role: Role; wasRevokedAt: string | null; revokedAt: string }>('tokens/revoke', { id });
    if (!row) throw new DomainError(404, 'Unknown token', `No token with id "${id}".`, [{ path: 'params.id', message: 'unknown token' }]);
    const { wasRevokedAt, ...token } = row;
    return { token, wasActive: wasRevokedAt === null };
  }

  /** The actor holding this secret, or null when no active token has it. */
  async find(secret: string): Promise<Actor | null> {
    const [row] = await this.db.read<Actor>('tokens/find-by-hash', { hash: secretHash(secret) });
    return row ?? null;
  }
}
