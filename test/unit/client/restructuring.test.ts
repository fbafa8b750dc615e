import { describe, expect, it } from 'vitest';
import { formatChanges, parseChanges, type Change } from '../../../client/src/restructuring/changes.ts';
import { restructuringLink } from '../../../client/src/restructuring/saved.ts';
import { defaultState, formatState, parseState, withState } from '../../../client/src/state.ts';

const changes: Change[] = [
  { kind: 'move', buyer: 'daeyang-electric', share: 0.3, from: { outsideRegion: true, division: '24', product: 'forgings ~ castings! (cast*)' }, to: [{ supplier: 'sme-1536' }, { supplier: 'sme.2', weight: 2 }] },
  { kind: 'move', buyer: 'a', share: 1, from: { suppliers: ['x', 'y'] }, to: [{ supplier: 'b' }] },
  { kind: 'addLink', supplier: 'a', buyer: 'b', value: 120.5 },
  { kind: 'removeLink', supplier: 'a', buyer: 'c' },
  { kind: 'closeFirm', firm: 'c' },
  { kind: 'setRevenue', firm: 'd', revenue: 1100 },
  { kind: 'setValueAddedRatio', firm: 'd', valueAddedRatio: 0.35 },
];

describe('restructuring scenarios in the URL', () => {
  it('round-trip every kind of change, products with separators included', () => {
    expect(parseChanges(formatChanges(changes))).toEqual(changes);
  });

  it('come back through the whole app state, with the assistant firm, share, scope and a second scenario', () => {
    const s = withState(defaultState(), { view: 'restructuring', restructuring: { a: changes, b: [changes[4]], firm: 'daeyang-electric', share: 0.5, scope: 'network' } });
    const back = parseState(formatState(s));
    expect(back.view).toBe('restructuring');
    expect(back.restructuring).toEqual(s.restructuring);
  });

  it('drop what they do not understand and never throw', () => {
    expect(parseChanges('mv~a~2~out~b;close~;add~a~a~5;rev~x~-1;va~x~1.5;zz~q;mv~a~0.5~~b;close~ok;mv~a~0.5~p:%E0%A4~b')).toEqual([{ kind: 'closeFirm', firm: 'ok' }]);
    expect(parseState('#/restructuring?rsa=%%%').restructuring.a).toEqual([]);
  });

  it('reopen a saved restructuring scenario in the restructuring view', () => {
    const link = restructuringLink({ kind: 'restructuring', request: { changes: [changes[4]], scope: 'region' } });
    expect(parseState(link!).restructuring.a).toEqual([changes[4]]);
    expect(parseState(link!).view).toBe('restructuring');
    expect(restructuringLink({ kind: 'ripple', request: {} })).toBeNull();
  });
});
