/**
 * An import job's progress as people read it: the share done, rows, rows per second and the time left,
 * from the importer's stage events and the sizes of the two uploaded files.
 *
 * The share comes from the bytes read: firms then supplies, weighted by their sizes. A merge that writes
 * reads its input twice (validate, then write); its second pass counts rows against those the first found,
 * and each pass is half the work. Time left = elapsed · (1 − share) / share, timed from the first row read
 * (reading the existing network before a merge is not part of the share).
 */
import type { ImportMode, ImportProgress } from './importService.ts';

export interface ImportJobPlan {
  firmsBytes: number;
  suppliesBytes: number;
  mode: ImportMode;
  dryRun: boolean;
}

export interface ImportJobProgress {
  stage: ImportProgress['stage'];
  /** 0..1 */
  progress: number;
  /** Rows read (or written) so far in the current pass. */
  rows: number;
  /** The current pass's rate; after the last pass, its final rate. */
  rowsPerSecond: number | null;
  etaSeconds: number | null;
}

/** Below this share an estimate of the time left is mostly noise. */
const MIN_SHARE_FOR_ETA = 0.01;

export class ImportProgressEstimate {
  private firmsRead = 0;
  private firmsRows = 0;
  private suppliesRead = 0;
  private suppliesRows = 0;
  private written = 0;
  private firstRowAt: number | null = null;
  private passStartedAt: number | null = null;
  private pass: 'read' | 'write' | null = null;
  private share = 0;
  private rate: number | null = null;

  /** `now` in milliseconds (a clock the tests can set). */
  constructor(private readonly plan: ImportJobPlan, private readonly now: () => number = () => performance.now()) {}

  update(p: ImportProgress): ImportJobProgress {
    const t = this.now();
    if (p.stage === 'firms') {
      this.firmsRows = p.rows;
      this.firmsRead = p.fraction ?? this.firmsRead;
    } else if (p.stage === 'supplies') {
      this.firmsRead = 1;
      this.suppliesRows = p.rows;
      this.suppliesRead = p.fraction ?? this.suppliesRead;
    } else if (p.stage === 'validate') {
      this.firmsRead = this.suppliesRead = 1;
    } else if (p.stage === 'write') {
      this.written = p.rows;
    }
    const pass = p.stage === 'firms' || p.stage === 'supplies' ? 'read' : p.stage === 'write' ? 'write' : null;
    if (pass && pass !== this.pass) {
      this.pass = pass;
      this.passStartedAt = t;
    }
    if (pass) this.firstRowAt ??= t;

    const total = this.plan.firmsBytes + this.plan.suppliesBytes;
    const read = total === 0 ? (this.pass ? 1 : 0) : (this.firmsRead * this.plan.firmsBytes + this.suppliesRead * this.plan.suppliesBytes) / total;
    const rowsRead = this.firmsRows + this.suppliesRows;
    const twoPasses = this.plan.mode === 'merge' && !this.plan.dryRun;
    const write = rowsRead === 0 ? 0 : Math.min(1, this.written / rowsRead);
    this.share = Math.max(this.share, twoPasses ? 0.5 * read + 0.5 * write : read);

    const rows = this.pass === 'write' ? this.written : rowsRead;
    const passSeconds = this.passStartedAt === null ? 0 : (t - this.passStartedAt) / 1000;
    // Between passes (validating, publishing) the last pass's rate stands.
    if (pass && passSeconds > 0) this.rate = rows / passSeconds;
    const elapsed = this.firstRowAt === null ? 0 : (t - this.firstRowAt) / 1000;
    return {
      stage: p.stage,
      progress: this.share,
      rows,
      rowsPerSecond: this.rate,
      etaSeconds: this.share >= MIN_SHARE_FOR_ETA && this.share < 1 && elapsed > 0 ? (elapsed * (1 - this.share)) / this.share : this.share >= 1 ? 0 : null,
    };
  }
}
