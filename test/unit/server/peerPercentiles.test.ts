import { describe, expect, it } from 'vitest';
import { peerPercentiles } from '../../../server/services/firmService.ts';
import { METRIC_IDS, type FirmMetrics } from '../../../server/domain/metrics.ts';
import { mulberry32 } from '../../../server/analytics/seeded-random.ts';

describe('peerPercentiles', () => {
  it('gives the mid-rank percentile, 100·(below + ½·equal)/peers, as counting every peer would', () => {
    const random = mulberry32(3);
    // Values from a small set, so that ties are common; some peers lack a value.
    const peers = Array.from({ length: 57 }, () => METRIC_IDS.map(() => (random() < 0.1 ? null : Math.floor(random() * 6))));
    const sorted = METRIC_IDS.map((_, k) => Float64Array.from(peers.flatMap((p) => (p[k] === null ? [] : [p[k]!]))).sort());
    const firm = Object.fromEntries(METRIC_IDS.map((id, k) => [id, k === 0 ? null : k % 6])) as FirmMetrics;
    const got = peerPercentiles(sorted, firm);
    METRIC_IDS.forEach((id, k) => {
      const x = firm[id];
      if (x === null) return expect(got[id]).toBeNull();
      const values = peers.map((p) => p[k]).filter((v): v is number => v !== null);
      const below = values.filter((v) => v < x).length;
      const equal = values.filter((v) => v === x).length;
      expect(got[id], id).toBeCloseTo((100 * (below + equal / 2)) / values.length, 12);
    });
  });

  it('places a firm equal to all its peers at 50, above all at 100, and has no percentile without peers', () => {
    const one = (v: number) => METRIC_IDS.map(() => Float64Array.from([v, v, v]));
    const firm = Object.fromEntries(METRIC_IDS.map((id) => [id, 2])) as FirmMetrics;
    expect(peerPercentiles(one(2), firm)[METRIC_IDS[1]]).toBe(50);
    expect(peerPercentiles(one(1), firm)[METRIC_IDS[1]]).toBe(100);
    expect(peerPercentiles(METRIC_IDS.map(() => new Float64Array(0)), firm)[METRIC_IDS[1]]).toBeNull();
  });
});
