/** Builds every service over one database connection. */
import type { Database } from '../db/database.ts';
import { CandidateService } from './candidateService.ts';
import { FirmService } from './firmService.ts';
import { ImportService } from './importService.ts';
import { JobRegistry } from './jobs.ts';
import { MetricsService } from './metricsService.ts';
import { ProgrammeService } from './programmeService.ts';
import { RippleService } from './rippleService.ts';
import { SnapshotStore } from './snapshotStore.ts';

export interface ServiceOptions {
  /** Recompute the metrics after every import (they describe one data version). */
  recomputeOnImport: boolean;
}

export function createServices(db: Database, options: ServiceOptions = { recomputeOnImport: true }) {
  const snapshots = new SnapshotStore(db);
  const jobs = new JobRegistry();
  const metrics = new MetricsService(db, snapshots, jobs);
  const importer = new ImportService(db);
  if (options.recomputeOnImport) importer.onWritten = () => void metrics.recompute();
  return {
    db,
    snapshots,
    jobs,
    metrics,
    importer,
    firms: new FirmService(db, snapshots),
    ripple: new RippleService(snapshots),
    candidates: new CandidateService(db, snapshots),
    programme: new ProgrammeService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
