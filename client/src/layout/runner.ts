/**
 * Runs the layout in a Web Worker, or on the main thread in small batches when workers are unavailable.
 * Reports positions (x, y interleaved) of the latest started layout only.
 */
import { LayoutLoop, type FromWorker, type LayoutInput, type ToWorker } from './engine.ts';

export interface LayoutProgress {
  positions: Float32Array;
  alpha: number;
  ticks: number;
  msPerTick: number;
  done: boolean;
}

export class LayoutRunner {
  private worker: Worker | null = null;
  private loop: LayoutLoop | null = null;
  private generation = 0;
  /** True when the worker could not be used and the layout runs on the main thread. */
  fellBack = false;

  constructor(private readonly onProgress: (p: LayoutProgress) => void) {
    try {
      this.worker = new Worker(new URL('../workers/layout.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (ev: MessageEvent<FromWorker>) => this.receive(ev.data);
      this.worker.onerror = (ev) => {
        ev.preventDefault();
        this.fallBack();
      };
    } catch {
      this.fallBack();
    }
  }

  private fallBack(): void {
    this.worker?.terminate();
    this.worker = null;
    this.fellBack = true;
    this.loop = new LayoutLoop((msg) => this.receive(msg), 8);
    if (this.lastStart) this.loop.handle(this.lastStart);
  }

  private lastStart: (ToWorker & { type: 'start' }) | null = null;

  private receive(msg: FromWorker): void {
    if (msg.type === 'error') {
      this.fallBack();
      return;
    }
    if (msg.generation !== this.generation) return;
    this.onProgress({
      positions: msg.positions,
      alpha: msg.type === 'tick' ? msg.alpha : 0,
      ticks: msg.ticks,
      msPerTick: msg.msPerTick,
      done: msg.type === 'end',
    });
  }

  private send(msg: ToWorker): void {
    if (this.worker) this.worker.postMessage(msg);
    else this.loop?.handle(msg);
  }

  start(input: LayoutInput): void {
    this.generation++;
    // Copies, so that the caller's arrays stay usable and a fallback can replay the start.
    this.lastStart = { type: 'start', ...input, x: input.x.slice(), y: input.y.slice(), fixed: input.fixed.slice(), r: input.r.slice(), links: input.links.slice() };
    this.send(this.lastStart);
  }

  drag(i: number, x: number, y: number): void {
    this.send({ type: 'drag', i, x, y });
  }

  release(i: number, pin: boolean): void {
    this.send({ type: 'release', i, pin });
  }

  unpin(i: number): void {
    this.send({ type: 'unpin', i });
  }

  reheat(alpha: number): void {
    this.send({ type: 'reheat', alpha });
  }

  dispose(): void {
    this.send({ type: 'stop' });
    this.worker?.terminate();
    this.worker = null;
    this.loop = null;
  }
}
