/** How many firms and supplies the network holds (for the audit trail of imports). */
import type { Database } from '../db/database.ts';

export interface NetworkCounts {
  firms: number;
  supplies: number;
}

export async function networkCounts(db: Database): Promise<NetworkCounts> {
  const [counts] = await db.read<NetworkCounts>('health/counts');
  return counts;
}
