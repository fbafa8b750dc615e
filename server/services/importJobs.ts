/**
 * Imports run as jobs (the explorer's upload): the same ImportService.import as the CLI and POST /api/import,
 * over two spooled files, with its progress on the job (GET /api/jobs/:jobId) and its report, or what it
 * refused, as the job's result. One at a time: the slot is claimed before the upload is read, so that a
 * second upload is refused before it is sent rather than after.
 */
import fs from 'node:fs/promises';
import type { Actor } from '../domain/roles.ts';
import type { AuditService } from './auditService.ts';
import { importAuditRecord, type NetworkCounts } from './importAudit.ts';
import { ImportProgressEstimate } from './importJobProgress.ts';
import type { ImportMode, ImportService } from './importService.ts';
import type { Job, JobRegistry } from './jobs.ts';
import { sourceFromFiles } from './import/rows.ts';

const IMPORT_JOB = 'import';

export interface ImportFiles {
  /** Holds the two files; removed when the job has finished, however it finished. */
  dir: string;
  firms: { path: string; bytes: number };
  supplies: { path: string; bytes: number };
}

export interface ImportJobOptions {
  mode: ImportMode;
  dryRun: boolean;
  allowEmpty: boolean;
  /** A failure the user caused (invalid rows, a refused replace) as the job's result; null for other failures. */
  refusal: (error: unknown) => Record<string, unknown> | null;
}

export class ImportJobs {
  private claimed = false;

  constructor(
    private readonly importer: ImportService,
    private readonly jobs: JobRegistry,
    private readonly audit: AuditService,
    private readonly counts: () => Promise<NetworkCounts>,
  ) {}

  /** Takes the one import slot; false when an import job, or the upload for one, is under way. */
  claim(): boolean {
    if (this.claimed) return false;
    this.claimed = true;
    return true;
  }

  /** Gives the slot back when the upload failed and no job was started. */
  release(): void {
    this.claimed = false;
  }

  /** Starts the import in the claimed slot; the slot is released and the files removed when it ends. */
  start(actor: Actor, files: ImportFiles, options: ImportJobOptions): Job {
    return this.jobs.start(
      IMPORT_JOB,
      async (handle) => {
        const estimate = new ImportProgressEstimate({ firmsBytes: files.firms.bytes, suppliesBytes: files.supplies.bytes, mode: options.mode, dryRun: options.dryRun });
        try {
          const before = options.dryRun ? null : await this.counts();
          const report = await this.importer.import(sourceFromFiles(files.firms.path, files.supplies.path), {
            mode: options.mode,
            dryRun: options.dryRun,
            allowEmpty: options.allowEmpty,
            onProgress: (p) => {
              const { stage, progress, ...throughput } = estimate.update(p);
              handle.report(stage, progress, throughput);
            },
          });
          if (before) await this.audit.record(importAuditRecord(actor, before, await this.counts(), report));
          return { report };
        } finally {
          await fs.rm(files.dir, { recursive: true, force: true });
        }
      },
      { refusal: options.refusal, onSettled: () => this.release() },
    );
  }
}
