import { describe, expect, it } from 'vitest';
import { cypher } from '../../../server/db/cypher.ts';
import { METRIC_IDS, type FirmMetrics } from '../../../server/domain/metrics.ts';
import { METRIC_INDEX, decodeMetricValues, sameMetricLayout } from '../../../server/domain/metricValues.ts';

describe('cypher/metrics/write-values.cypher', () => {
  it('stores each firm its list of values beside the data version, and nothing else', () => {
    const sets = cypher('metrics/write-values').match(/SET (.*)/)![1];
    expect(sets).toBe('f.metricsVersion = $dataVersion, f.metricValues = $values[i]');
  });
});

describe('metricValues layout', () => {
  it('places each metric at its position in METRIC_IDS', () => {
    expect(METRIC_INDEX.pagerank).toBe(0);
    expect(METRIC_INDEX.community).toBe(3);
    expect(METRIC_INDEX.regionForwardLinkageII).toBe(35);
    expect(Object.keys(METRIC_INDEX)).toHaveLength(36);
  });

  it('reads a stored list by position, NaN as no value', () => {
    const stored = METRIC_IDS.map((_, k) => k / 8);
    stored[2] = NaN;
    const metrics = decodeMetricValues(stored) as FirmMetrics;
    expect(metrics.pagerank).toBe(0);
    expect(metrics.pagerankReverse).toBe(0.125);
    expect(metrics.betweenness).toBeNull();
    expect(metrics.regionForwardLinkageII).toBe(4.375);
  });

  it('reads nothing from a missing list or one of another layout', () => {
    expect(decodeMetricValues(undefined)).toBeNull();
    expect(decodeMetricValues(null)).toBeNull();
    expect(decodeMetricValues([1, 2, 3])).toBeNull();
  });

  it('tells the stored layout from another', () => {
    expect(sameMetricLayout([...METRIC_IDS])).toBe(true);
    expect(sameMetricLayout(METRIC_IDS.slice(1))).toBe(false);
    expect(sameMetricLayout([...METRIC_IDS].reverse())).toBe(false);
    expect(sameMetricLayout(undefined)).toBe(false);
  });
});
