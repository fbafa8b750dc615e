/**
 * The editor token: from ANCHORAGE_EDITOR_TOKEN, or generated once and kept in DATA_DIR/editor-token
 * (readable by the owner only), so that a local install has a working write role without set-up.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function resolveEditorToken(configured: string | undefined, dataDir: string): { token: string; file?: string } {
  if (configured) return { token: configured };
  const file = path.join(dataDir, 'editor-token');
  if (fs.existsSync(file)) {
    const saved = fs.readFileSync(file, 'utf8').trim();
    // A short or empty file (say, from a crash while writing it) is replaced, never trusted.
    if (saved.length >= 16) return { token: saved, file };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, token + '\n', { mode: 0o600 });
  return { token, file };
}
