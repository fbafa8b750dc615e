import { describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../server/services/jobs.ts';

const settled = (registry: JobRegistry, id: string) =>
  new Promise<void>((resolve) => {
    const poll = () => (registry.get(id)?.status === 'running' ? setTimeout(poll, 1) : resolve());
    poll();
  });

describe('JobRegistry', () => {
  it('a failed job always says why, even when what was thrown has no message', async () => {
    const registry = new JobRegistry();
    const silent = registry.start('x', async () => {
      throw new Error('');
    });
    const thrownString = registry.start('x', async () => {
      throw 'bare';
    });
    await settled(registry, silent.id);
    await settled(registry, thrownString.id);
    expect(registry.get(silent.id)).toMatchObject({ status: 'failed', error: 'failed without a message (Error)' });
    expect(registry.get(thrownString.id)).toMatchObject({ status: 'failed', error: 'failed without a message (bare)' });
  });

  it('a refusal becomes the failed job\'s result and is not reported as a server failure', async () => {
    const failures: string[] = [];
    const registry = new JobRegistry((job) => failures.push(job.id));
    const refused = registry.start('x', async () => {
      throw new RangeError('bad rows');
    }, { refusal: (e) => (e instanceof RangeError ? { problem: { status: 422 } } : null) });
    const broken = registry.start('x', async () => {
      throw new Error('disk gone');
    }, { refusal: (e) => (e instanceof RangeError ? { problem: { status: 422 } } : null) });
    await settled(registry, refused.id);
    await settled(registry, broken.id);
    expect(registry.get(refused.id)).toMatchObject({ status: 'failed', error: 'bad rows', result: { problem: { status: 422 } } });
    expect(registry.get(broken.id)).toMatchObject({ status: 'failed', error: 'disk gone', result: null });
    expect(failures).toEqual([broken.id]);
  });

  it('keeps the rows, rate and time left a job reports, and ignores reports once it has finished', async () => {
    const registry = new JobRegistry();
    let late: (() => void) | null = null;
    const job = registry.start('x', async (handle) => {
      handle.report('reading', 0.5, { rows: 10, rowsPerSecond: 5, etaSeconds: 2 });
      expect(handle.job).toMatchObject({ stage: 'reading', progress: 0.5, rows: 10, rowsPerSecond: 5, etaSeconds: 2 });
      late = () => handle.report('cleanup', 0.1, { rows: 99 });
      return {};
    });
    await settled(registry, job.id);
    late!();
    expect(registry.get(job.id)).toMatchObject({ status: 'done', stage: 'done', progress: 1, rows: 10 });
  });
});
