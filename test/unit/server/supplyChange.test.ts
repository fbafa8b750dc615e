import { describe, expect, it } from 'vitest';
import { classifyChange, compareByKey } from '../../../server/domain/supplyChange.ts';

describe('classifyChange', () => {
  it('names each case, and refuses negative values', () => {
    expect([classifyChange(5, 0), classifyChange(0, 5), classifyChange(6, 5), classifyChange(4, 5), classifyChange(5, 5), classifyChange(0, 0)]).toEqual([
      'added', 'removed', 'grown', 'shrunk', 'unchanged', 'unchanged',
    ]);
    expect(() => classifyChange(-1, 2)).toThrow(/classifyChange/);
  });
});

describe('compareByKey', () => {
  it('joins now and then, keys only then has last, with clean differences', () => {
    const now = [{ k: 'x', v: 12.3 }, { k: 'y', v: 1 }];
    const then = [{ k: 'z', v: 7 }, { k: 'x', v: 12.2 }];
    const joined = compareByKey(now, then, (r) => r.k, (r) => r.v).map(({ item, compared }) => [item.k, compared.change, compared.value, compared.compareValue, compared.delta]);
    expect(joined).toEqual([['x', 'grown', 12.3, 12.2, 0.1], ['y', 'added', 1, 0, 1], ['z', 'removed', 0, 7, -7]]);
  });
});
