/** What both network renderers (canvas for many firms, SVG for few) offer to the stage. */
import { placeLabels, textMeasurer, type LabelCandidate, type PlacedLabel } from './labels.ts';
import type { Scene } from './scene.ts';

export interface Transform {
  x: number;
  y: number;
  k: number;
}

export interface NetworkRenderer {
  readonly kind: 'canvas' | 'svg';
  readonly element: Element;
  resize(width: number, height: number): void;
  /**
   * Draws the scene at the positions ([x0, y0, x1, y1, …] in world units) through the camera.
   * `version` changes whenever a position does, so a renderer may reuse what it drew before.
   */
  draw(scene: Scene, positions: Float32Array, t: Transform, focusIndex: number, version: number): void;
  destroy(): void;
}

export const LABEL_FONT_SIZE = 12;
export const LABEL_FONT = `${LABEL_FONT_SIZE}px system-ui, "Noto Sans KR", "Apple SD Gothic Neo", sans-serif`;
export const LINK_COLOUR = '#5b6472';
export const HIGHLIGHT_COLOUR = '#111111';
export const SELECT_COLOUR = '#111111';
/** The ring around the firms a view is about (cohort anchors, focal firms). */
export const EMPHASIS_COLOUR = '#1a1a1a';

const labelWidths = new WeakMap<Scene, Float32Array>();
/** Widths by name, kept across scenes: a new selection or colour makes a new scene of the same firms. */
const widthByName = new Map<string, number>();
let measureLabel: ((text: string) => number) | null = null;

/** Label widths are measured once per name, not once per frame or per scene. */
function widthsOf(scene: Scene): Float32Array {
  let w = labelWidths.get(scene);
  if (!w) {
    measureLabel ??= textMeasurer(LABEL_FONT, LABEL_FONT_SIZE);
    w = Float32Array.from(scene.labels, (l) => {
      let width = widthByName.get(l);
      if (width === undefined) widthByName.set(l, (width = measureLabel!(l)));
      return width;
    });
    labelWidths.set(scene, w);
  }
  return w;
}

/** Labels for the visible, most important firms that fit without overlapping. */
export function sceneLabels(scene: Scene, positions: Float32Array, t: Transform, width: number, height: number): PlacedLabel[] {
  const n = scene.ids.length;
  const max = n > 5000 ? 60 : 150;
  const widths = widthsOf(scene);
  // The selection, the path and the firms the view is about first, then by importance; only the first
  // few thousand are worth testing.
  const first: number[] = [];
  if (scene.selected >= 0) first.push(scene.selected);
  for (let i = 0; i < n; i++) if (scene.nodeHighlight[i] && i !== scene.selected) first.push(i);
  for (let i = 0; i < n; i++) if (scene.emphasis[i] && !scene.nodeHighlight[i] && i !== scene.selected) first.push(i);
  function* candidates(): Generator<LabelCandidate> {
    const seen = new Set(first);
    const rest = Array.from(scene.order.subarray(0, Math.min(n, 3000))).filter((i) => !seen.has(i));
    for (const i of [...first, ...rest]) {
      const sx = positions[2 * i] * t.k + t.x;
      const sy = positions[2 * i + 1] * t.k + t.y;
      if (sx < -50 || sy < -20 || sx > width || sy > height + 20) continue;
      yield { index: i, sx, sy, sr: scene.r[i] * t.k, width: widths[i] };
    }
  }
  return placeLabels(candidates(), { width, height, fontSize: LABEL_FONT_SIZE, max, minRadius: 5, always: 12 + first.length });
}

/** The world rectangle the camera sees, with a margin. */
export function worldViewport(t: Transform, width: number, height: number, margin = 30): [number, number, number, number] {
  return [(-margin - t.x) / t.k, (-margin - t.y) / t.k, (width + margin - t.x) / t.k, (height + margin - t.y) / t.k];
}
