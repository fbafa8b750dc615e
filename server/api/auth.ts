/**
 * Writes need the editor role: `Authorization: Bearer <token>`, compared in constant time.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpProblem } from './problem.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

export const MIN_TOKEN_LENGTH = 16;

export function requireEditor(token: string): RequestHandler {
  if (token.length < MIN_TOKEN_LENGTH) throw new Error(`requireEditor: the editor token must have at least ${MIN_TOKEN_LENGTH} characters`);
  const expected = digest(token);
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) {
      next(new HttpProblem(401, 'Authentication required', 'This action changes data and needs the editor role: send "Authorization: Bearer <editor token>".'));
      return;
    }
    if (!timingSafeEqual(digest(match[1].trim()), expected)) {
      next(new HttpProblem(403, 'Forbidden', 'The token does not grant the editor role.'));
      return;
    }
    next();
  };
}
