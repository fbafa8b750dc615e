import { describe, expect, it } from 'vitest';
import { formatState, internalHref, networkContent, parseState, replaySteps } from '../../../client/src/state.ts';

describe('replaySteps (undo history of a view opened from a link)', () => {
  it('walks back expansion by expansion, in the order the link lists them', () => {
    const s = parseState('#/network?exp=bmt:up:2,jmj:down&sel=bmt');
    const steps = replaySteps(networkContent(s.network));
    expect(steps.map((c) => c.expand.map((e) => `${e.id}:${e.dir}:${e.depth}`))).toEqual([[], ['bmt:up:2'], ['bmt:up:2', 'jmj:down:1']]);
    expect(steps.at(-1)).toEqual(networkContent(s.network));
  });

  it('has one step for a link without history, and ends on collapses and paths', () => {
    expect(replaySteps(networkContent(parseState('#/network').network))).toHaveLength(1);
    const s = parseState('#/network?focus=bmt&exp=bmt:up:2&col=bmt&path=bmt,jmj');
    const steps = replaySteps(networkContent(s.network));
    expect(steps).toHaveLength(3);
    expect(steps[2].collapsed).toEqual(['bmt']);
    expect(steps[2].path).toEqual(['bmt', 'jmj']);
  });

  it('keeps overview drill-downs and list filters in the link', () => {
    const s = parseState('#/network?src=graph&ov=division&og=30,31&oc=1&lf=district:Gangseo-gu;band:u2&ls=-revenue');
    expect(s.network.ov).toBe('division');
    expect(s.network.og).toEqual(['30', '31']);
    expect(s.network.oc).toBe(true);
    expect(s.list).toEqual({ filters: { district: 'Gangseo-gu', band: 'u2' }, sort: '-revenue' });
    expect(parseState(formatState(s))).toEqual(s);
    expect(replaySteps(networkContent(s.network)).map((c) => c.og)).toEqual([[], ['30'], ['30', '31']]);
  });
});

describe('internalHref', () => {
  it('keeps the language on every internal link, and leaves it out when the reader chose none', () => {
    const ko = internalHref('ko', { view: 'firm', firm: { id: 'bmt' } });
    expect(ko).toBe('#/firm?lang=ko&id=bmt');
    expect(parseState(ko).lang).toBe('ko');
    expect(internalHref(null, { view: 'tiers', tiers: { focus: 'bmt' } })).toBe('#/tiers?tf=bmt');
  });
});

describe('pins in a link', () => {
  it('round-trips hand-placed firms and ignores malformed ones', () => {
    const s = parseState('#/network?pin=bmt:12.5:-3;bad id:1:2;jmj:x:1;halla-ims:0:0');
    expect(s.network.pins).toEqual([
      ['bmt', 12.5, -3],
      ['halla-ims', 0, 0],
    ]);
    expect(parseState(formatState(s)).network.pins).toEqual(s.network.pins);
  });
});
