/**
 * Long work (metric computation) runs as a job whose progress anyone can poll: GET /api/jobs/:jobId.
 * Jobs live in memory; the last 50 are kept.
 */
import { randomUUID } from 'node:crypto';

export type JobStatus = 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  stage: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  result: Record<string, unknown> | null;
  /** Work counted in rows (an import): how many are done, at what rate, and the time left; absent otherwise. */
  rows?: number;
  rowsPerSecond?: number | null;
  etaSeconds?: number | null;
}

export type JobThroughput = Pick<Job, 'rows' | 'rowsPerSecond' | 'etaSeconds'>;

export interface JobHandle {
  job: Job;
  /** Ignored once the job has finished (work it started may still report, e.g. a background cleanup). */
  report(stage: string, progress: number, throughput?: JobThroughput): void;
}

const KEEP = 50;

export interface JobOptions {
  /** Turns a failure into the message users see (default: the error's message). */
  describeError?: (error: unknown) => string;
  /**
   * A failure the user caused (input the work refused): its result for the job, which then is not reported
   * as a server failure; null for any other failure.
   */
  refusal?: (error: unknown) => Record<string, unknown> | null;
  /** Called once the job has finished, either way. */
  onSettled?: (job: Job) => void;
}

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  /** `onFailure` hears of every failed job (the server logs them). */
  constructor(private readonly onFailure: (job: Job, error: unknown) => void = () => {}) {}

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  running(kind: string): Job | undefined {
    return [...this.jobs.values()].find((j) => j.kind === kind && j.status === 'running');
  }

  latest(kind: string): Job | undefined {
    return [...this.jobs.values()].filter((j) => j.kind === kind).at(-1);
  }

  /** Starts `work` now and returns its job at once; failures are recorded on the job, never thrown. */
  start(kind: string, work: (handle: JobHandle) => Promise<Record<string, unknown>>, options: JobOptions = {}): Job {
    // A failure always says something, even when what was thrown has no message.
    const describe = options.describeError ?? ((e: unknown) => (e instanceof Error && e.message) || `failed without a message (${e instanceof Error ? e.name : String(e)})`);
    const job: Job = { id: randomUUID(), kind, status: 'running', progress: 0, stage: 'starting', startedAt: new Date().toISOString(), finishedAt: null, error: null, result: null };
    this.jobs.set(job.id, job);
    while (this.jobs.size > KEEP) this.jobs.delete(this.jobs.keys().next().value!);
    const handle: JobHandle = {
      job,
      report(stage, progress, throughput) {
        if (job.status !== 'running') return;
        job.stage = stage;
        job.progress = Math.max(job.progress, Math.min(1, progress));
        if (throughput) Object.assign(job, throughput);
      },
    };
    void work(handle).then(
      (result) => {
        job.status = 'done';
        job.progress = 1;
        job.stage = 'done';
        job.result = result;
        job.finishedAt = new Date().toISOString();
        options.onSettled?.(job);
      },
      (error: unknown) => {
        const refused = options.refusal?.(error) ?? null;
        job.status = 'failed';
        job.error = describe(error);
        job.result = refused;
        job.finishedAt = new Date().toISOString();
        if (!refused) this.onFailure(job, error);
        options.onSettled?.(job);
      },
    );
    return job;
  }
}
