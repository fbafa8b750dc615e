import { describe, expect, it } from 'vitest';
import { cypher } from '../../../server/db/cypher.ts';
import { METRIC_IDS } from '../../../server/domain/metrics.ts';

describe('cypher/metrics/write-columns.cypher', () => {
  it('sets exactly the allowlisted metrics, each from its own column at the same position', () => {
    const text = cypher('metrics/write-columns');
    const sets = [...text.matchAll(/f\.(\w+) = \$columns\.(\w+)\[i\]/g)];
    expect(sets.map((s) => s[1])).toEqual(METRIC_IDS);
    for (const [, property, column] of sets) expect(column).toBe(property);
  });
});
