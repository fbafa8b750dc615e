/** Builds every service over one database connection. */
import type { Database } from '../db/database.ts';
import type { Logger } from '../log.ts';
import { AuditService } from './auditService.ts';
import { CandidateService } from './candidateService.ts';
import { FirmService } from './firmService.ts';
import { ImportService } from './importService.ts';
import { JobRegistry } from './jobs.ts';
import { MetricsService } from './metricsService.ts';
import { OverviewService } from './overviewService.ts';
import { ProgrammeService } from './programmeService.ts';
import { RippleService } from './rippleService.ts';
import { SessionService } from './sessionService.ts';
import { RestructuringService } from './restructuringService.ts';
import { SnapshotStore } from './snapshotStore.ts';
import { AxPlanService } from './axPlanService.ts';
import { ScenarioService } from './scenarioService.ts';
import { VerificationService } from './verificationService.ts';
import { candidateStanding } from './candidateStanding.ts';
import { TokenService } from './tokenService.ts';

export interface ServiceOptions {
  /**
   * Recompute the metrics when the data changes (they describe one data version): after an import here,
   * and when a snapshot load finds data changed by another process (the CLI, another server).
   */
  recomputeOnImport: boolean;
  log?: Logger;
  /** Where the analytics snapshot is kept as a file per data version (DATA_DIR/snapshots); none: no files. */
  snapshotDir?: string;
  /** The local Neo4j's live store (DATA_DIR/neo4j), where an offline replace leaves its snapshot file. */
  storeHome?: string;
}

export function createServices(db: Database, options: ServiceOptions = { recomputeOnImport: true }) {
  const snapshots = new SnapshotStore(db, { dir: options.snapshotDir, storeHome: options.storeHome, log: options.log });
  const jobs = new JobRegistry((job) => options.log?.error(`Job ${job.kind} ${job.id} failed: ${job.error}`));
  const metrics = new MetricsService(db, snapshots, jobs);
  const importer = new ImportService(db);
  importer.onWritten = () => {
    if (options.recomputeOnImport) void metrics.recompute();
  };
  if (options.recomputeOnImport) {
    let seen = -1;
    snapshots.onLoaded = (loaded) => {
      if (seen >= 0 && loaded.dataVersion > seen && !jobs.running('metrics')) metrics.recompute();
      seen = Math.max(seen, loaded.dataVersion);
    };
  }
  const candidates = new CandidateService(db, snapshots, () => void metrics.recompute());
  return {
    db,
    snapshots,
    jobs,
    metrics,
    importer,
    firms: new FirmService(db, snapshots),
    overview: new OverviewService(db, snapshots),
    ripple: new RippleService(snapshots),
    candidates,
    programme: new ProgrammeService(db, snapshots),
    axPlan: new AxPlanService(db, snapshots),
    scenarios: new ScenarioService(db),
    verification: new VerificationService(db, snapshots, candidateStanding(candidates)),
    tokens: new TokenService(db),
    sessions: new SessionService(db),
    audit: new AuditService(db),
    restructuring: new RestructuringService(db, snapshots),
  };
}

export type Services = ReturnType<typeof createServices>;
