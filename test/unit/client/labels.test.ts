import { describe, expect, it } from 'vitest';
import { approxTextWidth, fitText, placeLabels, textMeasurer, type LabelCandidate } from '../../../client/src/render/labels.ts';

const opts = { width: 400, height: 300, fontSize: 12, max: 100, minRadius: 4, always: 2 };

describe('placeLabels', () => {
  it('places the most important label first and skips ones that would overlap it', () => {
    const c: LabelCandidate[] = [
      { index: 0, sx: 100, sy: 100, sr: 10, width: 80 },
      { index: 1, sx: 105, sy: 104, sr: 10, width: 80 },
      { index: 2, sx: 100, sy: 200, sr: 10, width: 80 },
    ];
    expect(placeLabels(c, opts).map((l) => l.index)).toEqual([0, 2]);
  });

  it('leaves out labels that would cross the edge, tiny firms after the first few, and stops at max', () => {
    const c: LabelCandidate[] = [
      { index: 0, sx: 390, sy: 50, sr: 8, width: 60 },
      { index: 1, sx: 10, sy: 50, sr: 1, width: 20 },
      { index: 2, sx: 10, sy: 100, sr: 1, width: 20 },
      { index: 3, sx: 10, sy: 150, sr: 1, width: 20 },
      { index: 4, sx: 10, sy: 200, sr: 8, width: 20 },
      { index: 5, sx: 10, sy: 250, sr: 8, width: 20 },
    ];
    expect(placeLabels(c, opts).map((l) => l.index)).toEqual([1, 4, 5]);
    expect(placeLabels(c, { ...opts, max: 2 }).map((l) => l.index)).toEqual([1, 4]);
  });

  it('keeps Korean names apart: a label starting where another ends on its row is skipped, one a gap away is kept', () => {
    const width = approxTextWidth('대양전기공업', 12);
    const first = { index: 0, sx: 50, sy: 100, sr: 6, width };
    const end = first.sx + first.sr + 3 + width;
    const touching = { index: 1, sx: end - 6 - 3, sy: 100, sr: 6, width: approxTextWidth('보선모텍', 12) };
    expect(placeLabels([first, touching], opts).map((l) => l.index)).toEqual([0]);
    const apart = { ...touching, sx: touching.sx + 6 };
    expect(placeLabels([first, apart], opts).map((l) => l.index)).toEqual([0, 1]);
  });

  it('counts Hangul as wider than Latin letters', () => {
    expect(approxTextWidth('대양전기', 12)).toBeGreaterThan(approxTextWidth('Daey', 12));
  });

  it('cuts a name to the width it has, as measured, and leaves one that fits alone', () => {
    const measure = textMeasurer('12px sans-serif', 12);
    expect(fitText('BMT', 100, measure)).toBe('BMT');
    const cut = fitText('선박·기타 운송장비 제조업체 협의회', 100, measure);
    expect(cut.endsWith('…')).toBe(true);
    expect(measure(cut)).toBeLessThanOrEqual(100);
    expect(measure(fitText('선박·기타 운송장비 제조업체 협의회', 100, measure).replace('…', '') + '가…')).toBeGreaterThan(100);
    expect(fitText('Fabricated metal products', 5, measure)).toBe('…');
  });
});
