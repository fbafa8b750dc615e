import { expect, it } from 'vitest';
import { METRIC_KEYS } from '../../../client/src/types.ts';
import { METRIC_IDS } from '../../../server/domain/metrics.ts';

it('the client knows exactly the metrics the server stores', () => {
  expect([...METRIC_KEYS]).toEqual([...METRIC_IDS]);
});
