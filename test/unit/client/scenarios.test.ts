import { describe, expect, it } from 'vitest';
import { rippleLink, scenarioRequest } from '../../../client/src/views/scenarios.ts';
import { defaultScenario, parseState } from '../../../client/src/state.ts';

describe('saved scenarios and the ripple view', () => {
  it('a demand scenario saves as a ripple request, a disruption as a disruption request', () => {
    expect(scenarioRequest({ ...defaultScenario('demand'), shocks: [{ firmId: 'a', amount: 10 }] })).toEqual({ kind: 'ripple', request: { model: 'demand', scope: 'region', households: true, shocks: [{ firmId: 'a', amount: 10 }] } });
    // The supply model is Type I only: households are never sent with it.
    expect(scenarioRequest({ ...defaultScenario('supply'), scope: 'network', shocks: [{ firmId: 'a', amount: 10 }] })).toEqual({ kind: 'ripple', request: { model: 'supply', scope: 'network', households: false, shocks: [{ firmId: 'a', amount: 10 }] } });
    expect(scenarioRequest({ ...defaultScenario('disruption'), shocks: [{ firmId: 'a', amount: 0 }, { firmId: 'b', amount: 0 }], capacityLoss: 0.5 })).toEqual({ kind: 'disruption', request: { firmIds: ['a', 'b'], capacityLoss: 0.5 } });
  });

  it('a saved request reopens in the ripple view as the same scenario', () => {
    const demand = parseState(rippleLink({ kind: 'ripple', request: { model: 'supply', shocks: [{ firmId: 'a', amount: -5 }] } })!);
    expect(demand.view).toBe('ripple');
    expect(demand.ripple.a).toEqual({ ...defaultScenario('supply'), shocks: [{ firmId: 'a', amount: -5 }] });
    const typeI = parseState(rippleLink({ kind: 'ripple', request: { model: 'demand', scope: 'network', households: false, shocks: [{ firmId: 'a', amount: 5 }] } })!);
    expect(typeI.ripple.a).toEqual({ ...defaultScenario('demand'), scope: 'network', households: false, shocks: [{ firmId: 'a', amount: 5 }] });
    const stop = parseState(rippleLink({ kind: 'disruption', request: { firmIds: ['b'], capacityLoss: 0.25 } })!);
    expect(stop.ripple.a).toMatchObject({ model: 'disruption', shocks: [{ firmId: 'b' }], capacityLoss: 0.25 });
    expect(rippleLink({ kind: 'restructuring', request: {} })).toBeNull();
  });

  it('the scenarios and verification state round-trips through the URL', () => {
    const s = parseState('#/verification?call=call-2026-abc&app=app-0123&lang=ko');
    expect(s.verification).toEqual({ call: 'call-2026-abc', app: 'app-0123' });
    expect(parseState('#/scenarios?open=sc-0123456789ab&cmp=sc-1,sc-2').scenarios).toEqual({ open: 'sc-0123456789ab', compare: ['sc-1', 'sc-2'] });
  });
});
