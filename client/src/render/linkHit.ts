/**
 * Which drawn link a point is on: the distance from the point to each link's segment, in screen pixels
 * (so the tolerance does not change with zoom), the nearest within the tolerance. Links are straight
 * segments between the firms' centres, as both renderers draw them. A linear scan: it runs on a click or
 * a pointer move, not per frame.
 */
import type { Transform } from './renderer.ts';
import type { Scene } from './scene.ts';

/** Distance from (px, py) to the segment (ax, ay)–(bx, by). */
export function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const s = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + s * dx), py - (ay + s * dy));
}

/** The index of the link nearest to the screen point (sx, sy) within `tolerance` px, or −1. */
export function linkAt(scene: Pick<Scene, 'linkSource' | 'linkTarget'>, positions: ArrayLike<number>, t: Transform, sx: number, sy: number, tolerance = 4): number {
  let best = -1;
  let bestDistance = tolerance;
  const { linkSource, linkTarget } = scene;
  for (let k = 0; k < linkSource.length; k++) {
    const a = linkSource[k];
    const b = linkTarget[k];
    const ax = positions[2 * a] * t.k + t.x;
    const ay = positions[2 * a + 1] * t.k + t.y;
    const bx = positions[2 * b] * t.k + t.x;
    const by = positions[2 * b + 1] * t.k + t.y;
    // Cheap rejection: the point is outside the segment's box grown by the tolerance.
    if (sx < Math.min(ax, bx) - bestDistance || sx > Math.max(ax, bx) + bestDistance) continue;
    if (sy < Math.min(ay, by) - bestDistance || sy > Math.max(ay, by) + bestDistance) continue;
    const d = segmentDistance(sx, sy, ax, ay, bx, by);
    if (d <= bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}
