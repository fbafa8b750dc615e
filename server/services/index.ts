/** Builds every service over one database connection. */
import type { Database } from '../db/database.ts';
import { FirmService } from './firmService.ts';
import { ImportService } from './importService.ts';

export function createServices(db: Database) {
  const firms = new FirmService(db);
  const importer = new ImportService(db);
  return { db, firms, importer };
}

export type Services = ReturnType<typeof createServices>;
