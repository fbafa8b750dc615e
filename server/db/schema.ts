/**
 * Applies the constraints and indexes in cypher/schema/ in order; each is idempotent (IF NOT EXISTS).
 * Then brings data stored before generations into generation 0 (a no-op once done).
 */
import type { Database } from './database.ts';
import { cypherFolder } from './cypher.ts';

/** The schema statements in the order they apply (also run on a staged store by the offline replace). */
export const schemaStatements = (): string[] => cypherFolder('schema');

const MIGRATE_BATCH = 10_000;

export async function applySchema(db: Database): Promise<void> {
  for (const name of schemaStatements()) await db.write(name);
  await db.write('schema-await');
  const [{ generation }] = await db.write<{ generation: number }>('migrate/01-meta');
  for (;;) {
    const [{ updated }] = await db.write<{ updated: number }>('migrate/02-firm-gen-batch', { batch: MIGRATE_BATCH, generation });
    if (updated < MIGRATE_BATCH) break;
  }
  await db.write('migrate/03-counts');
}
