import { describe, expect, it } from 'vitest';
import { ImportProgressEstimate } from '../../../server/services/importJobProgress.ts';

/** A clock the test moves by hand (milliseconds). */
function clock() {
  let t = 0;
  return { now: () => t, at: (ms: number) => (t = ms) };
}

describe('ImportProgressEstimate', () => {
  it('weights the two files by size and estimates the time left from the share read', () => {
    // 1,000 bytes of firms, 3,000 of supplies: the whole firms file is a quarter of the work.
    const c = clock();
    const e = new ImportProgressEstimate({ firmsBytes: 1_000, suppliesBytes: 3_000, mode: 'replace', dryRun: false }, c.now);
    c.at(0);
    expect(e.update({ stage: 'firms', rows: 0 })).toMatchObject({ progress: 0, rows: 0, rowsPerSecond: null, etaSeconds: null });
    c.at(2_000);
    // Half the firms file (500 of 4,000 bytes = 0.125) in 2 s: 2 · 0.875 / 0.125 = 14 s left; 100 rows / 2 s.
    const half = e.update({ stage: 'firms', rows: 100, fraction: 0.5 });
    expect(half.progress).toBeCloseTo(0.125, 12);
    expect(half.etaSeconds).toBeCloseTo(14, 12);
    expect(half.rowsPerSecond).toBeCloseTo(50, 12);
    c.at(4_000);
    // Firms done, a third of supplies: (1,000 + 1,000) / 4,000 = 0.5 in 4 s: 4 s left; 200 + 300 rows in 4 s.
    const mid = e.update({ stage: 'supplies', rows: 300, fraction: 1 / 3 });
    expect(mid.progress).toBeCloseTo(0.5, 12);
    expect(mid.etaSeconds).toBeCloseTo(4, 12);
    expect(mid.rows).toBe(300 + 100);
    expect(mid.rowsPerSecond).toBeCloseTo(100, 12);
    c.at(8_000);
    expect(e.update({ stage: 'supplies', rows: 900, fraction: 1 })).toMatchObject({ progress: 1, etaSeconds: 0 });
    // 1,000 rows in the 8 s of the read pass, still shown while publishing.
    expect(e.update({ stage: 'publish', rows: 900 })).toMatchObject({ stage: 'publish', progress: 1, rows: 1000, rowsPerSecond: 125 });
  });

  it('counts a merge as two passes: reading half the work, writing the other half by rows', () => {
    const c = clock();
    const e = new ImportProgressEstimate({ firmsBytes: 100, suppliesBytes: 100, mode: 'merge', dryRun: false }, c.now);
    c.at(0);
    e.update({ stage: 'read-existing', rows: 0 });
    c.at(1_000);
    e.update({ stage: 'firms', rows: 10, fraction: 1 });
    c.at(2_000);
    expect(e.update({ stage: 'supplies', rows: 30, fraction: 1 }).progress).toBeCloseTo(0.5, 12);
    c.at(3_000);
    // 20 of the 40 rows written: 0.5 + 0.5 · 0.5 = 0.75, 2 s since the first row: 2 · 0.25 / 0.75 s left.
    const w = e.update({ stage: 'write', rows: 20 });
    expect(w.progress).toBeCloseTo(0.75, 12);
    expect(w.etaSeconds).toBeCloseTo(2 / 3, 12);
    c.at(5_000);
    // The write pass is timed from its first report: 40 rows in 2 s.
    expect(e.update({ stage: 'write', rows: 40 }).rowsPerSecond).toBeCloseTo(20, 12);
  });

  it('a dry-run merge is one pass, and the share never goes back', () => {
    const c = clock();
    const e = new ImportProgressEstimate({ firmsBytes: 100, suppliesBytes: 300, mode: 'merge', dryRun: true }, c.now);
    c.at(1);
    expect(e.update({ stage: 'firms', rows: 5, fraction: 1 }).progress).toBeCloseTo(0.25, 12);
    expect(e.update({ stage: 'supplies', rows: 5 }).progress).toBeCloseTo(0.25, 12);
    expect(e.update({ stage: 'validate', rows: 5 }).progress).toBe(1);
  });

  it('empty files are done once read', () => {
    const e = new ImportProgressEstimate({ firmsBytes: 0, suppliesBytes: 0, mode: 'replace', dryRun: true }, () => 0);
    expect(e.update({ stage: 'firms', rows: 0, fraction: 1 }).progress).toBe(1);
  });
});
