/**
 * Which firm names to print: greedily by importance, skipping any label that would overlap one already
 * placed or leave the viewport, so labels never pile up. Collision test on a uniform grid of cells. Boxes
 * keep half a font size apart side by side: Korean names have no spaces, so two that merely touch read
 * as one (대양전기공업보선모텍).
 */
export interface LabelCandidate {
  index: number;
  /** Screen position of the node centre and its screen radius. */
  sx: number;
  sy: number;
  sr: number;
  width: number;
}

export interface PlacedLabel {
  index: number;
  x: number;
  y: number;
}

export interface LabelOptions {
  width: number;
  height: number;
  fontSize: number;
  /** Stop after this many labels. */
  max: number;
  /** Nodes drawn smaller than this (screen px radius) get no label unless among the first `always`. */
  minRadius: number;
  always: number;
}

/** Candidates must come most important first. */
export function placeLabels(candidates: Iterable<LabelCandidate>, o: LabelOptions): PlacedLabel[] {
  const cell = 32;
  const cols = Math.ceil(o.width / cell) + 1;
  const grid = new Map<number, { x0: number; y0: number; x1: number; y1: number }[]>();
  const placed: PlacedLabel[] = [];
  const h = o.fontSize * 1.25;
  const gap = o.fontSize / 2;
  let seen = 0;
  for (const c of candidates) {
    if (placed.length >= o.max) break;
    seen++;
    if (c.sr < o.minRadius && seen > o.always) continue;
    const x0 = c.sx + c.sr + 3;
    const y0 = c.sy - h / 2;
    const x1 = x0 + c.width;
    const y1 = y0 + h;
    if (x0 < 0 || y0 < 0 || x1 > o.width || y1 > o.height) continue;
    const cx0 = Math.floor((x0 - gap) / cell);
    const cx1 = Math.floor((x1 + gap) / cell);
    const cy0 = Math.floor(y0 / cell);
    const cy1 = Math.floor(y1 / cell);
    let clash = false;
    for (let gy = cy0; gy <= cy1 && !clash; gy++) {
      for (let gx = cx0; gx <= cx1 && !clash; gx++) {
        for (const r of grid.get(gy * cols + gx) ?? []) {
          if (r.x0 < x1 + gap && x0 < r.x1 + gap && r.y0 < y1 && y0 < r.y1) {
            clash = true;
            break;
          }
        }
      }
    }
    if (clash) continue;
    const rect = { x0, y0, x1, y1 };
    for (let gy = cy0; gy <= cy1; gy++) {
      for (let gx = cx0; gx <= cx1; gx++) {
        const key = gy * cols + gx;
        const list = grid.get(key);
        if (list) list.push(rect);
        else grid.set(key, [rect]);
      }
    }
    placed.push({ index: c.index, x: x0, y: c.sy });
  }
  return placed;
}

/** Approximate text width without a canvas: Hangul and other wide glyphs count about twice. */
export function approxTextWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) > 0x2e80 ? 1.0 : 0.56;
  return units * fontSize;
}

/**
 * A text-width function for a CSS font: the browser's own measurement when a canvas is at hand (exact
 * for the glyphs in use), else the approximation above (tests, workers).
 */
export function textMeasurer(font: string, fontSize: number): (text: string) => number {
  const ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!ctx) return (text) => approxTextWidth(text, fontSize);
  ctx.font = font;
  return (text) => ctx.measureText(text).width;
}

/** The text cut with an ellipsis so that it fits `maxWidth` as measured; unchanged when it fits. */
export function fitText(text: string, maxWidth: number, measure: (text: string) => number): string {
  if (measure(text) <= maxWidth) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(`${chars.slice(0, mid).join('').trimEnd()}…`) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}
