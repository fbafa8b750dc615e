/** Applies the constraints and indexes in cypher/schema/ in order; each is idempotent (IF NOT EXISTS). */
import type { Database } from './database.ts';
import { cypherFolder } from './cypher.ts';

export async function applySchema(db: Database): Promise<void> {
  for (const name of cypherFolder('schema')) await db.write(name);
  await db.write('schema-await');
}
