/**
 * The interactive network drawing shared by the network and ripple views: picks a renderer (canvas for
 * many firms, SVG for few), runs the layout in a worker, and handles zoom, pan, drag-to-pin, hover,
 * click and keyboard. The renderers only draw; everything a user does goes through here.
 */
import { drag, type D3DragEvent } from 'd3-drag';
import { quadtree, type Quadtree } from 'd3-quadtree';
import { pointer, select, type Selection } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { hashString, initialPositions } from '../layout/engine.ts';
import { LayoutRunner, type LayoutProgress } from '../layout/runner.ts';
import { loadPins, savePins, type Pins } from '../pins.ts';
import { CanvasNetworkRenderer } from '../render/canvasNetwork.ts';
import { linkAt } from '../render/linkHit.ts';
import type { NetworkRenderer, Transform } from '../render/renderer.ts';
import type { Scene } from '../render/scene.ts';
import { SvgNetworkRenderer } from '../render/svgNetwork.ts';
import type { Camera, Renderer } from '../state.ts';
import { h } from './dom.ts';

/** Above this many firms the canvas renderer draws; below, SVG. */
export const SVG_MAX_NODES = 400;

export interface StageOptions {
  renderer: Renderer;
  camera: Camera | null;
  ariaLabel: (n: number) => string;
  tooltip: (id: string) => string;
  onSelect: (id: string | null) => void;
  /** A click on a supply link (and not on a firm): its supplier and buyer. Without it links are not picked. */
  onSelectLink?: (supplier: string, buyer: string) => void;
  onOpen?: (id: string) => void;
  onCamera?: (c: Camera) => void;
  onLayout?: (p: LayoutProgress) => void;
  onPinsChanged?: () => void;
  /** Room to keep free on the left when fitting (e.g. for a legend drawn over the stage). */
  fitLeft?: number;
  /** Pins from a link: they win over this browser's saved ones. */
  pins?: readonly [string, number, number][];
}

interface StageStats {
  nodes: number;
  links: number;
  renderer: string;
  frames: number;
  layoutTicks: number;
  layoutMsPerTick: number;
  layoutDone: boolean;
  firstDrawMs: number | null;
}

declare global {
  interface Window {
    /** Hooks for the browser benchmark and end-to-end tests: the stage currently on screen. */
    __anchorage?: { stage: NetworkStage | null };
  }
}

export class NetworkStage {
  readonly root: HTMLDivElement;
  private renderer: NetworkRenderer | null = null;
  private scene: Scene | null = null;
  private positions: Float32Array<ArrayBufferLike> = new Float32Array(0);
  private topology = '';
  private transform: ZoomTransform = zoomIdentity;
  private readonly zoomer: ZoomBehavior<HTMLDivElement, unknown>;
  private readonly selection: Selection<HTMLDivElement, unknown, null, undefined>;
  private readonly layout: LayoutRunner;
  private readonly tooltipEl: HTMLDivElement;
  private readonly resizeObserver: ResizeObserver;
  private tree: Quadtree<number> | null = null;
  private autoFit: boolean;
  private frame = 0;
  private width = 0;
  private height = 0;
  private focusCursor = -1;
  private pins: Pins = loadPins();
  private dragMoved = 0;
  /** Bumped whenever a position changes, so renderers can tell a still picture. */
  private version = 0;
  private lastDrawAt = 0;
  readonly stats: StageStats = { nodes: 0, links: 0, renderer: '', frames: 0, layoutTicks: 0, layoutMsPerTick: 0, layoutDone: false, firstDrawMs: null };

  constructor(
    container: HTMLElement,
    private readonly o: StageOptions,
  ) {
    this.tooltipEl = h('div', { class: 'stage-tooltip', role: 'tooltip', hidden: true });
    this.root = h('div', { class: 'stage', tabindex: 0, testid: 'network-stage', role: 'application', 'aria-roledescription': 'network' }, this.tooltipEl);
    container.append(this.root);
    this.autoFit = o.camera === null;
    for (const [id, x, y] of o.pins ?? []) this.pins.set(id, [x, y]);
    this.layout = new LayoutRunner((p) => this.onLayout(p));
    this.selection = select(this.root);
    this.zoomer = zoom<HTMLDivElement, unknown>()
      .scaleExtent([0.02, 24])
      .on('zoom', (ev: D3ZoomEvent<HTMLDivElement, unknown>) => {
        this.transform = ev.transform;
        if (ev.sourceEvent) this.autoFit = false;
        this.requestDraw();
      })
      .on('end', (ev: D3ZoomEvent<HTMLDivElement, unknown>) => {
        if (ev.sourceEvent) this.o.onCamera?.({ x: ev.transform.x, y: ev.transform.y, k: ev.transform.k });
      });
    this.selection
      .call(
        drag<HTMLDivElement, unknown, number>()
          .subject((ev: MouseEvent) => {
            const i = this.hit(ev);
            return i < 0 ? (undefined as unknown as number) : i;
          })
          .on('start', () => {
            this.dragMoved = 0;
            this.autoFit = false;
          })
          .on('drag', (ev: D3DragEvent<HTMLDivElement, unknown, number>) => {
            this.dragMoved += Math.abs(ev.dx) + Math.abs(ev.dy);
            if (this.dragMoved < 3) return;
            const [wx, wy] = this.transform.invert(pointer(ev.sourceEvent, this.root));
            this.positions[2 * ev.subject] = wx;
            this.positions[2 * ev.subject + 1] = wy;
            this.version++;
            this.tree = null;
            this.layout.drag(ev.subject, wx, wy);
            this.requestDraw();
          })
          .on('end', (ev: D3DragEvent<HTMLDivElement, unknown, number>) => {
            if (this.dragMoved < 3 || !this.scene) {
              this.layout.release(ev.subject, false);
              return;
            }
            const id = this.scene.ids[ev.subject];
            this.pins.set(id, [this.positions[2 * ev.subject], this.positions[2 * ev.subject + 1]]);
            savePins(this.pins);
            this.scene.pinned[ev.subject] = 1;
            this.layout.release(ev.subject, true);
            this.o.onPinsChanged?.();
          }),
      )
      .call(this.zoomer)
      .on('dblclick.zoom', null);
    this.root.addEventListener('click', (ev) => {
      const i = this.hit(ev);
      // Firms win over links: a link is picked only where no firm is.
      const k = i < 0 ? this.hitLink(ev) : -1;
      if (k >= 0 && this.scene) this.o.onSelectLink!(this.scene.ids[this.scene.linkSource[k]], this.scene.ids[this.scene.linkTarget[k]]);
      else this.o.onSelect(i >= 0 && this.scene ? this.scene.ids[i] : null);
    });
    this.root.addEventListener('dblclick', (ev) => {
      const i = this.hit(ev);
      if (i >= 0 && this.scene) this.o.onOpen?.(this.scene.ids[i]);
    });
    this.root.addEventListener('pointermove', (ev) => this.hover(ev));
    this.root.addEventListener('pointerleave', () => {
      this.tooltipEl.hidden = true;
    });
    this.root.addEventListener('keydown', (ev) => this.key(ev));
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.root);
    if (o.camera) this.transform = zoomIdentity.translate(o.camera.x, o.camera.y).scale(o.camera.k);
    this.selection.call(this.zoomer.transform, this.transform);
    window.__anchorage = { stage: this };
  }

  /** Shows a scene; a new set of firms or links starts a layout from the positions known so far. */
  setScene(scene: Scene, renderer: Renderer = this.o.renderer): void {
    const kind = renderer === 'auto' ? (scene.ids.length > SVG_MAX_NODES ? 'canvas' : 'svg') : renderer;
    if (this.renderer?.kind !== kind) {
      this.renderer?.destroy();
      this.renderer = kind === 'canvas' ? new CanvasNetworkRenderer() : new SvgNetworkRenderer();
      this.renderer.element.setAttribute('data-testid', `network-${kind}`);
      this.root.prepend(this.renderer.element);
      this.resize();
    }
    const previous = this.scene;
    this.scene = scene;
    for (const id of this.pins.keys()) {
      const i = scene.index.get(id);
      if (i !== undefined) scene.pinned[i] = 1;
    }
    this.stats.nodes = scene.ids.length;
    this.stats.links = scene.linkSource.length;
    this.stats.renderer = kind;
    this.root.dataset.nodes = String(scene.ids.length);
    this.root.dataset.links = String(scene.linkSource.length);
    this.root.dataset.renderer = kind;
    this.root.setAttribute('aria-label', this.o.ariaLabel(scene.ids.length));
    const topology = `${scene.ids.join(',')}|${Array.from(scene.linkSource).join(',')}|${Array.from(scene.linkTarget).join(',')}`;
    if (topology !== this.topology) {
      // The keyboard cursor survives a restyle (a selection, a colour) but not other firms.
      this.focusCursor = -1;
      this.topology = topology;
      this.startLayout(previous);
    }
    this.requestDraw();
  }

  private startLayout(previous: Scene | null): void {
    const scene = this.scene;
    if (!scene) return;
    // Positions are a function of the firms, links and pins only — never of what was drawn before — so a
    // link reopened elsewhere lays out the same picture. `previous` only continues a restart by the user.
    const known = new Map<string, [number, number]>();
    if (previous && previous === scene) previous.ids.forEach((id, i) => known.set(id, [this.positions[2 * i], this.positions[2 * i + 1]]));
    for (const [id, p] of this.pins) known.set(id, p);
    const links = new Int32Array(scene.linkSource.length * 2);
    scene.linkSource.forEach((s, k) => {
      links[2 * k] = s;
      links[2 * k + 1] = scene.linkTarget[k];
    });
    const { x, y } = initialPositions(scene.ids, links, known);
    const n = scene.ids.length;
    this.positions = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      this.positions[2 * i] = x[i];
      this.positions[2 * i + 1] = y[i];
    }
    this.tree = null;
    this.version++;
    const fixed = new Uint8Array(n);
    scene.ids.forEach((id, i) => {
      if (this.pins.has(id)) fixed[i] = 1;
    });
    const reused = scene.ids.filter((id) => known.has(id)).length;
    this.stats.layoutDone = false;
    this.root.dataset.layout = 'running';
    this.layout.start({ x, y, fixed, r: scene.r, links, seed: hashString('anchorage') ^ n, alpha: n > 0 && reused / n > 0.9 ? 0.3 : 1 });
  }

  private onLayout(p: LayoutProgress): void {
    if (p.positions.length !== this.positions.length) return;
    this.positions = p.positions;
    this.tree = null;
    this.version++;
    this.stats.layoutTicks = p.ticks;
    this.stats.layoutMsPerTick = p.msPerTick;
    this.stats.layoutDone = p.done;
    if (p.done) this.root.dataset.layout = 'done';
    if (this.autoFit) this.fit(false);
    this.o.onLayout?.(p);
    // While a big network settles, draw less often so the layout gets the processor.
    const n = this.scene?.ids.length ?? 0;
    const interval = n > 8000 ? 250 : n > 3000 ? 50 : 0;
    if (p.done || performance.now() - this.lastDrawAt >= interval) this.requestDraw();
  }

  private resize(): void {
    const rect = this.root.getBoundingClientRect();
    this.width = Math.max(1, Math.round(rect.width));
    this.height = Math.max(1, Math.round(rect.height));
    this.renderer?.resize(this.width, this.height);
    if (this.autoFit) this.fit(false);
    this.requestDraw();
  }

  /** Frames the whole network, leaving a margin for labels. */
  fit(userAction = true): void {
    const n = this.scene?.ids.length ?? 0;
    if (n === 0 || this.width < 2) return;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      const r = this.scene!.r[i];
      x0 = Math.min(x0, this.positions[2 * i] - r);
      x1 = Math.max(x1, this.positions[2 * i] + r);
      y0 = Math.min(y0, this.positions[2 * i + 1] - r);
      y1 = Math.max(y1, this.positions[2 * i + 1] + r);
    }
    const pad = 40;
    const left = this.width > 3 * (this.o.fitLeft ?? 0) ? (this.o.fitLeft ?? 0) : 0;
    const k = Math.min(4, Math.max(0.02, Math.min((this.width - left - 2 * pad) / Math.max(1, x1 - x0), (this.height - 2 * pad) / Math.max(1, y1 - y0))));
    const t = zoomIdentity.translate(left + (this.width - left) / 2 - (k * (x0 + x1)) / 2, this.height / 2 - (k * (y0 + y1)) / 2).scale(k);
    this.selection.call(this.zoomer.transform, t);
    if (userAction) {
      this.autoFit = false;
      this.o.onCamera?.({ x: t.x, y: t.y, k: t.k });
    }
  }

  /** Frames the network again once the layout settles (after the firms shown change). */
  refit(): void {
    this.autoFit = true;
    this.fit(false);
  }

  /** Pans by screen pixels (keyboard, benchmark). */
  panBy(dx: number, dy: number): void {
    this.autoFit = false;
    this.selection.call(this.zoomer.translateBy, dx / this.transform.k, dy / this.transform.k);
  }

  zoomBy(factor: number): void {
    this.autoFit = false;
    this.selection.call(this.zoomer.scaleBy, factor, [this.width / 2, this.height / 2]);
  }

  centreOn(id: string): void {
    const i = this.scene?.index.get(id);
    if (i === undefined) return;
    this.autoFit = false;
    const k = this.transform.k;
    const t = zoomIdentity.translate(this.width / 2 - k * this.positions[2 * i], this.height / 2 - k * this.positions[2 * i + 1]).scale(k);
    this.selection.call(this.zoomer.transform, t);
  }

  camera(): Camera {
    return { x: this.transform.x, y: this.transform.y, k: this.transform.k };
  }

  positionOf(id: string): [number, number] | null {
    const i = this.scene?.index.get(id);
    return i === undefined ? null : [this.positions[2 * i], this.positions[2 * i + 1]];
  }

  /** The pinned firms of the current picture, for a link. */
  pinsOnScreen(): [string, number, number][] {
    return (this.scene?.ids ?? []).filter((id) => this.pins.has(id)).map((id) => [id, ...this.pins.get(id)!] as [string, number, number]);
  }

  isPinned(id: string): boolean {
    return this.pins.has(id);
  }

  /** Pins every firm where it is now (and remembers it). */
  pinAll(): void {
    if (!this.scene) return;
    this.scene.ids.forEach((id, i) => {
      this.pins.set(id, [this.positions[2 * i], this.positions[2 * i + 1]]);
      this.scene!.pinned[i] = 1;
    });
    savePins(this.pins);
    this.restartLayout();
    this.o.onPinsChanged?.();
  }

  unpin(id: string): void {
    this.pins.delete(id);
    savePins(this.pins);
    const i = this.scene?.index.get(id);
    if (i !== undefined && this.scene) {
      this.scene.pinned[i] = 0;
      this.layout.unpin(i);
    }
    this.o.onPinsChanged?.();
    this.requestDraw();
  }

  unpinAll(): void {
    if (this.scene) for (const id of this.scene.ids) this.pins.delete(id);
    savePins(this.pins);
    this.scene?.pinned.fill(0);
    this.restartLayout(0.5);
    this.o.onPinsChanged?.();
  }

  /** Runs the layout again from the current positions (keeping pins). */
  restartLayout(alpha = 0.6): void {
    if (!this.scene) return;
    const previous = this.scene;
    this.startLayout(previous);
    this.layout.reheat(alpha);
  }

  /** The renderer's element and the drawing size, for export. */
  snapshot(): { scene: Scene; positions: Float32Array; transform: Transform; width: number; height: number } | null {
    return this.scene ? { scene: this.scene, positions: this.positions, transform: this.camera(), width: this.width, height: this.height } : null;
  }

  private requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws now (the benchmark calls this to time frames). */
  draw(): void {
    if (!this.renderer || !this.scene) return;
    this.renderer.draw(this.scene, this.positions, this.camera(), this.focusCursor, this.version);
    this.lastDrawAt = performance.now();
    this.stats.frames++;
    if (this.stats.firstDrawMs === null && this.scene.ids.length > 0) {
      this.stats.firstDrawMs = performance.now();
      performance.mark('anchorage:first-network');
      this.root.dataset.drawn = 'true';
    }
  }

  private hit(ev: MouseEvent | PointerEvent): number {
    const scene = this.scene;
    if (!scene || scene.ids.length === 0) return -1;
    if (!this.tree) {
      const pos = this.positions;
      this.tree = quadtree<number>()
        .x((i) => pos[2 * i])
        .y((i) => pos[2 * i + 1])
        .addAll(Array.from(scene.ids.keys()));
    }
    const [wx, wy] = this.transform.invert(pointer(ev, this.root));
    let maxR = 0;
    for (const r of scene.r) if (r > maxR) maxR = r;
    const slack = 4 / this.transform.k;
    const i = this.tree.find(wx, wy, maxR + slack);
    if (i === undefined) return -1;
    const d = Math.hypot(this.positions[2 * i] - wx, this.positions[2 * i + 1] - wy);
    return d <= scene.r[i] + slack ? i : -1;
  }

  /** The link under the pointer (within 4 px on screen), when links can be picked; −1 otherwise. */
  private hitLink(ev: MouseEvent | PointerEvent): number {
    if (!this.o.onSelectLink || !this.scene) return -1;
    const [sx, sy] = pointer(ev, this.root);
    return linkAt(this.scene, this.positions, this.transform, sx, sy, 4);
  }

  private hover(ev: PointerEvent): void {
    const i = this.hit(ev);
    this.root.style.cursor = i >= 0 || (this.o.onSelectLink && this.hitLink(ev) >= 0) ? 'pointer' : 'grab';
    if (i < 0 || !this.scene) {
      this.tooltipEl.hidden = true;
      return;
    }
    const [sx, sy] = pointer(ev, this.root);
    this.tooltipEl.textContent = this.o.tooltip(this.scene.ids[i]);
    this.tooltipEl.style.left = `${sx + 12}px`;
    this.tooltipEl.style.top = `${sy + 12}px`;
    this.tooltipEl.hidden = false;
  }

  private key(ev: KeyboardEvent): void {
    const scene = this.scene;
    const step = 60;
    const handled = (): void => {
      ev.preventDefault();
      ev.stopPropagation();
    };
    switch (ev.key) {
      case 'ArrowLeft':
        this.panBy(step, 0);
        return handled();
      case 'ArrowRight':
        this.panBy(-step, 0);
        return handled();
      case 'ArrowUp':
        this.panBy(0, step);
        return handled();
      case 'ArrowDown':
        this.panBy(0, -step);
        return handled();
      case '+':
      case '=':
        this.zoomBy(1.4);
        return handled();
      case '-':
      case '_':
        this.zoomBy(1 / 1.4);
        return handled();
      case '0':
        this.fit();
        return handled();
      case 'n':
      case 'p': {
        if (!scene || scene.ids.length === 0) return;
        const n = scene.order.length;
        const at = scene.order.indexOf(this.focusCursor);
        const next = ev.key === 'n' ? (at + 1) % n : (at - 1 + n) % n;
        this.focusCursor = scene.order[next];
        this.centreOn(scene.ids[this.focusCursor]);
        this.root.setAttribute('aria-label', `${this.o.ariaLabel(n)} — ${scene.labels[this.focusCursor]}`);
        this.requestDraw();
        return handled();
      }
      case ' ':
        if (scene && this.focusCursor >= 0) this.o.onSelect(scene.ids[this.focusCursor]);
        return handled();
      case 'Enter':
        // As the help says: Enter opens the firm under the cursor; Space (like a click) selects it.
        if (scene && this.focusCursor >= 0) (this.o.onOpen ?? this.o.onSelect)(scene.ids[this.focusCursor]);
        return handled();
      case 'Escape':
        this.o.onSelect(null);
        return handled();
    }
  }

  destroy(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.resizeObserver.disconnect();
    this.layout.dispose();
    this.renderer?.destroy();
    this.root.remove();
    if (window.__anchorage?.stage === this) window.__anchorage.stage = null;
  }
}
