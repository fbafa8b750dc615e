/**
 * Every statement the server runs lives in cypher/<name>.cypher, one statement a file. Statements are
 * loaded by name (an allowlist: the directory listing), never assembled from request strings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './localNeo4j.ts';

const CYPHER_DIR = path.join(PROJECT_ROOT, 'cypher');
const cache = new Map<string, string>();

export function cypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    if (!/^[a-z0-9/-]+$/.test(name)) throw new Error(`cypher: invalid statement name "${name}"`);
    const file = path.join(CYPHER_DIR, `${name}.cypher`);
    if (!fs.existsSync(file)) throw new Error(`cypher: no statement named "${name}" (${file})`);
    text = fs.readFileSync(file, 'utf8').trim().replace(/;\s*$/, '');
    cache.set(name, text);
  }
  return text;
}

/** Names of the statements in a folder, sorted (used for the schema files, applied in order). */
export function cypherFolder(folder: string): string[] {
  return fs
    .readdirSync(path.join(CYPHER_DIR, folder))
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => `${folder}/${f.slice(0, -'.cypher'.length)}`);
}
