/**
 * The force layout, headless: d3-force with a seeded random source and deterministic starting positions,
 * stepped in time-boxed batches. The same firms, links and seed give the same layout, in a worker or not.
 * Forces: links pull partners together, many-body (Barnes–Hut) pushes firms apart, weak centring keeps
 * separate components in view, and small graphs also get collision so circles do not overlap.
 */
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type Simulation,
  type SimulationNodeDatum,
} from 'd3-force';

export interface EngineNode extends SimulationNodeDatum {
  index: number;
  r: number;
}

export interface LayoutInput {
  /** x and y per node; NaN where unknown (a deterministic position is chosen). */
  x: Float32Array;
  y: Float32Array;
  /** 1 where the node is pinned at its x, y. */
  fixed: Uint8Array;
  r: Float32Array;
  /** Link endpoints as node indices: [s0, t0, s1, t1, …]. */
  links: Int32Array;
  seed: number;
  /** Starting heat: 1 for a fresh layout, lower when most nodes already have positions. */
  alpha: number;
}

/** Mulberry32: a small, fast 32-bit generator; good enough for jiggle and tie-breaking. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, for per-firm deterministic offsets and layout seeds. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Starting positions: known ones are kept; a new firm next to a placed neighbour starts near it (at an
 * angle given by its id's hash), the rest on a phyllotaxis spiral, as d3-force itself would place them.
 */
export function initialPositions(
  ids: readonly string[],
  links: Int32Array,
  known: ReadonlyMap<string, readonly [number, number]>,
): { x: Float32Array; y: Float32Array } {
  const n = ids.length;
  const x = new Float32Array(n).fill(NaN);
  const y = new Float32Array(n).fill(NaN);
  const queue: number[] = [];
  let cx = 0;
  let cy = 0;
  ids.forEach((id, i) => {
    const p = known.get(id);
    if (p) {
      x[i] = p[0];
      y[i] = p[1];
      cx += p[0];
      cy += p[1];
      queue.push(i);
    }
  });
  if (queue.length > 0) {
    cx /= queue.length;
    cy /= queue.length;
    const adj: number[][] = Array.from({ length: n }, () => []);
    for (let k = 0; k + 1 < links.length; k += 2) {
      adj[links[k]].push(links[k + 1]);
      adj[links[k + 1]].push(links[k]);
    }
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q];
      for (const j of adj[i]) {
        if (!Number.isNaN(x[j])) continue;
        const h = hashString(ids[j]);
        const angle = (h / 4294967296) * 2 * Math.PI;
        const dist = 25 + (h % 17);
        x[j] = x[i] + dist * Math.cos(angle);
        y[j] = y[i] + dist * Math.sin(angle);
        queue.push(j);
      }
    }
  }
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isNaN(x[i])) continue;
    const radius = 10 * Math.sqrt(0.5 + k);
    const angle = k * GOLDEN_ANGLE;
    x[i] = cx + radius * Math.cos(angle);
    y[i] = cy + radius * Math.sin(angle);
    k++;
  }
  return { x, y };
}

export class LayoutEngine {
  readonly nodes: EngineNode[];
  readonly simulation: Simulation<EngineNode, undefined>;
  ticks = 0;
  private tickMs = 0;

  constructor(input: LayoutInput) {
    const n = input.r.length;
    this.nodes = Array.from({ length: n }, (_, i) => {
      const node: EngineNode = { index: i, r: input.r[i] };
      if (!Number.isNaN(input.x[i])) node.x = input.x[i];
      if (!Number.isNaN(input.y[i])) node.y = input.y[i];
      if (input.fixed[i] && node.x !== undefined && node.y !== undefined) {
        node.fx = node.x;
        node.fy = node.y;
      }
      return node;
    });
    const links: { source: number; target: number }[] = [];
    for (let k = 0; k + 1 < input.links.length; k += 2) links.push({ source: input.links[k], target: input.links[k + 1] });
    const large = n > 5000;
    const charge = forceManyBody<EngineNode>()
      .strength(n > 2000 ? -18 : -45)
      .theta(large ? 1.1 : 0.9)
      .distanceMax(large ? 300 : 800);
    this.simulation = forceSimulation<EngineNode>(this.nodes)
      .randomSource(seededRandom(input.seed))
      .alpha(input.alpha)
      .alphaDecay(large ? 0.045 : n > 2000 ? 0.035 : 0.0228)
      .velocityDecay(0.45)
      .force('link', forceLink<EngineNode, { source: number; target: number }>(links).distance((l) => 18 + (l.source as unknown as EngineNode).r + (l.target as unknown as EngineNode).r))
      .force('charge', charge)
      .force('x', forceX<EngineNode>(0).strength(0.04))
      .force('y', forceY<EngineNode>(0).strength(0.04))
      .stop();
    if (n <= 2000) this.simulation.force('collide', forceCollide<EngineNode>((d) => d.r + 1.5).iterations(1));
  }

  get alpha(): number {
    return this.simulation.alpha();
  }

  get running(): boolean {
    return this.simulation.alpha() >= this.simulation.alphaMin() || this.simulation.alphaTarget() > 0;
  }

  /** Mean wall time of one tick so far (ms). */
  get msPerTick(): number {
    return this.ticks === 0 ? 0 : this.tickMs / this.ticks;
  }

  /** Runs ticks until `budgetMs` has passed (at least one) or the layout has cooled; true while running. */
  step(budgetMs: number, maxTicks = Infinity): boolean {
    const start = performance.now();
    let done = 0;
    while (this.running && done < maxTicks) {
      const t0 = performance.now();
      this.simulation.tick();
      this.tickMs += performance.now() - t0;
      this.ticks++;
      done++;
      if (performance.now() - start >= budgetMs) break;
    }
    return this.running;
  }

  /** Runs to the end (for tests and small static drawings). */
  settle(maxTicks = 1000): void {
    while (this.running && this.ticks < maxTicks) this.step(Infinity, maxTicks - this.ticks);
  }

  positions(): Float32Array {
    const out = new Float32Array(this.nodes.length * 2);
    this.nodes.forEach((d, i) => {
      out[2 * i] = d.x ?? 0;
      out[2 * i + 1] = d.y ?? 0;
    });
    return out;
  }

  drag(i: number, x: number, y: number): void {
    const d = this.nodes[i];
    if (!d) return;
    d.fx = x;
    d.fy = y;
    this.simulation.alphaTarget(0.25);
    if (this.simulation.alpha() < 0.25) this.simulation.alpha(0.25);
  }

  release(i: number, pin: boolean): void {
    const d = this.nodes[i];
    if (d && !pin) {
      d.fx = null;
      d.fy = null;
    }
    this.simulation.alphaTarget(0);
  }

  unpin(i: number): void {
    const d = this.nodes[i];
    if (d) {
      d.fx = null;
      d.fy = null;
    }
    this.reheat(0.3);
  }

  reheat(alpha: number): void {
    this.simulation.alpha(Math.max(this.simulation.alpha(), alpha));
  }
}

export type ToWorker =
  | ({ type: 'start' } & LayoutInput)
  | { type: 'drag'; i: number; x: number; y: number }
  | { type: 'release'; i: number; pin: boolean }
  | { type: 'unpin'; i: number }
  | { type: 'reheat'; alpha: number }
  | { type: 'stop' };

export type FromWorker =
  | { type: 'tick'; generation: number; positions: Float32Array; alpha: number; ticks: number; msPerTick: number }
  | { type: 'end'; generation: number; positions: Float32Array; ticks: number; msPerTick: number }
  | { type: 'error'; message: string };

/** Runs an engine in time-boxed batches and reports positions; shared by the worker and the fallback. */
export class LayoutLoop {
  private engine: LayoutEngine | null = null;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly post: (msg: FromWorker, transfer: Transferable[]) => void,
    private readonly budgetMs = 12,
  ) {}

  handle(msg: ToWorker): void {
    const e = this.engine;
    switch (msg.type) {
      case 'start':
        this.generation++;
        this.engine = new LayoutEngine(msg);
        break;
      case 'drag':
        e?.drag(msg.i, msg.x, msg.y);
        break;
      case 'release':
        e?.release(msg.i, msg.pin);
        break;
      case 'unpin':
        e?.unpin(msg.i);
        break;
      case 'reheat':
        e?.reheat(msg.alpha);
        break;
      case 'stop':
        this.engine = null;
        break;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null || !this.engine) return;
    this.timer = setTimeout(() => this.run(), 0);
  }

  private run(): void {
    this.timer = null;
    const e = this.engine;
    if (!e) return;
    const running = e.step(this.budgetMs);
    const positions = e.positions();
    if (running) {
      this.post({ type: 'tick', generation: this.generation, positions, alpha: e.alpha, ticks: e.ticks, msPerTick: e.msPerTick }, [positions.buffer]);
      this.schedule();
    } else {
      this.post({ type: 'end', generation: this.generation, positions, ticks: e.ticks, msPerTick: e.msPerTick }, [positions.buffer]);
    }
  }
}
