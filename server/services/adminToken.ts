/**
 * The admin token: from ANCHORAGE_ADMIN_TOKEN (or its former name ANCHORAGE_EDITOR_TOKEN), or generated
 * once and kept in DATA_DIR/admin-token (readable by the owner only), so that a local install has a working
 * admin without set-up. A DATA_DIR/editor-token left by an earlier version becomes the admin token.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const MIN_TOKEN_LENGTH = 16;

function readSaved(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  const saved = fs.readFileSync(file, 'utf8').trim();
  // A short or empty file (say, from a crash while writing it) is replaced, never trusted.
  return saved.length >= MIN_TOKEN_LENGTH ? saved : undefined;
}

export function resolveAdminToken(configured: string | undefined, dataDir: string): { token: string; file?: string } {
  if (configured) return { token: configured };
  const file = path.join(dataDir, 'admin-token');
  const saved = readSaved(file);
  if (saved) return { token: saved, file };
  fs.mkdirSync(dataDir, { recursive: true });
  const legacy = path.join(dataDir, 'editor-token');
  const token = readSaved(legacy) ?? randomBytes(24).toString('base64url');
  fs.writeFileSync(file, token + '\n', { mode: 0o600 });
  fs.rmSync(legacy, { force: true });
  return { token, file };
}
