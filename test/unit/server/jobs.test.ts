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
});
