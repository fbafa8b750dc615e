import { describe, expect, it } from 'vitest';
import { hashString, initialPositions, LayoutEngine, LayoutLoop, seededRandom, type FromWorker, type LayoutInput } from '../../../client/src/layout/engine.ts';

function ring(n: number): LayoutInput {
  const links = new Int32Array(n * 2);
  for (let i = 0; i < n; i++) {
    links[2 * i] = i;
    links[2 * i + 1] = (i + 1) % n;
  }
  const ids = Array.from({ length: n }, (_, i) => `f${i}`);
  const { x, y } = initialPositions(ids, links, new Map());
  return { x, y, fixed: new Uint8Array(n), r: new Float32Array(n).fill(4), links, seed: 42, alpha: 1 };
}

describe('seeded helpers', () => {
  it('the random source repeats for a seed and differs between seeds', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const c = seededRandom(2);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    expect(xs.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('hashString is stable', () => {
    expect(hashString('daeyang-electric')).toBe(hashString('daeyang-electric'));
    expect(hashString('a')).not.toBe(hashString('b'));
  });
});

describe('initialPositions', () => {
  it('keeps known positions and starts new firms next to a placed neighbour', () => {
    const links = Int32Array.from([0, 1, 1, 2]);
    const { x, y } = initialPositions(['a', 'b', 'c'], links, new Map([['a', [100, 100] as [number, number]]]));
    expect([x[0], y[0]]).toEqual([100, 100]);
    const d1 = Math.hypot(x[1] - 100, y[1] - 100);
    expect(d1).toBeGreaterThan(20);
    expect(d1).toBeLessThan(45);
    expect(Math.hypot(x[2] - x[1], y[2] - y[1])).toBeLessThan(45);
  });

  it('is deterministic without any known position', () => {
    const a = initialPositions(['a', 'b'], new Int32Array(0), new Map());
    const b = initialPositions(['a', 'b'], new Int32Array(0), new Map());
    expect(a).toEqual(b);
    expect(Number.isNaN(a.x[0])).toBe(false);
  });
});

describe('LayoutEngine', () => {
  it('gives the same layout for the same input (seeded, stepped headless)', () => {
    const e1 = new LayoutEngine(ring(30));
    const e2 = new LayoutEngine(ring(30));
    e1.settle();
    e2.settle();
    expect(e1.positions()).toEqual(e2.positions());
    expect(e1.running).toBe(false);
    expect(e1.ticks).toBeGreaterThan(50);
  });

  it('pulls linked firms closer than unlinked ones', () => {
    const e = new LayoutEngine(ring(20));
    e.settle();
    const p = e.positions();
    const d = (i: number, j: number): number => Math.hypot(p[2 * i] - p[2 * j], p[2 * i + 1] - p[2 * j + 1]);
    expect(d(0, 1)).toBeLessThan(d(0, 10));
  });

  it('keeps pinned firms where they are and lets a dragged firm go when not pinned', () => {
    const input = ring(10);
    input.x[0] = 500;
    input.y[0] = 500;
    input.fixed[0] = 1;
    const e = new LayoutEngine(input);
    e.settle();
    expect(e.positions()[0]).toBe(500);
    e.drag(3, -200, -200);
    e.step(Infinity, 5);
    expect(e.positions()[6]).toBe(-200);
    e.release(3, false);
    e.settle(2000);
    expect(e.positions()[6]).not.toBe(-200);
  });

  it('the loop posts ticks and an end in time-boxed batches', async () => {
    const messages: FromWorker[] = [];
    const loop = new LayoutLoop((m) => messages.push(m), 2);
    loop.handle({ type: 'start', ...ring(50) });
    await new Promise<void>((resolve) => {
      const wait = (): void => (messages.at(-1)?.type === 'end' ? resolve() : void setTimeout(wait, 5));
      wait();
    });
    expect(messages.length).toBeGreaterThan(1);
    const end = messages.at(-1)!;
    expect(end.type === 'end' && end.positions.length).toBe(100);
    expect(end.type === 'end' && end.msPerTick).toBeGreaterThan(0);
  });
});
