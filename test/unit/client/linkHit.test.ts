/** Link hit-testing against distances worked out by hand (3-4-5 triangles, end caps, zoom). */
import { describe, expect, it } from 'vitest';
import { linkAt, segmentDistance } from '../../../client/src/render/linkHit.ts';

describe('segmentDistance', () => {
  it('is the perpendicular distance inside the segment and the distance to the nearer end outside it', () => {
    expect(segmentDistance(5, 3, 0, 0, 10, 0)).toBeCloseTo(3, 12);
    expect(segmentDistance(13, 4, 0, 0, 10, 0)).toBeCloseTo(5, 12);
    expect(segmentDistance(-3, -4, 0, 0, 10, 0)).toBeCloseTo(5, 12);
    expect(segmentDistance(1, 1, 2, 2, 2, 2)).toBeCloseTo(Math.SQRT2, 12);
  });
});

describe('linkAt', () => {
  // Firms 0 (0,0), 1 (100,0), 2 (0,100); links 0→1 and 0→2.
  const positions = new Float32Array([0, 0, 100, 0, 0, 100]);
  const scene = { linkSource: Int32Array.from([0, 0]), linkTarget: Int32Array.from([1, 2]) };
  const identity = { x: 0, y: 0, k: 1 };

  it('finds the link within the tolerance in screen pixels, the nearest when two are close', () => {
    expect(linkAt(scene, positions, identity, 50, 3)).toBe(0);
    expect(linkAt(scene, positions, identity, 3, 50)).toBe(1);
    expect(linkAt(scene, positions, identity, 50, 5)).toBe(-1);
    expect(linkAt(scene, positions, identity, 3, 2)).toBe(0);
    expect(linkAt(scene, positions, identity, 2, 3)).toBe(1);
  });

  it('measures after the camera: zoomed in twice and panned, 3 px off screen is 1.5 world units', () => {
    const t = { x: 10, y: 20, k: 2 };
    // Link 0→1 runs on screen from (10, 20) to (210, 20).
    expect(linkAt(scene, positions, t, 110, 23)).toBe(0);
    expect(linkAt(scene, positions, t, 110, 25)).toBe(-1);
    expect(linkAt(scene, positions, t, 110, 25, 6)).toBe(0);
  });
});
