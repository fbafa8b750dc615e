/**
 * Canvas renderer for large networks: one path per colour for firms and one per width for links, with
 * culling to the viewport, squares instead of circles below a pixel and arrows only when they can be seen.
 */
import {
  EMPHASIS_COLOUR,
  HIGHLIGHT_COLOUR,
  LABEL_FONT,
  LINK_COLOUR,
  SELECT_COLOUR,
  sceneLabels,
  worldViewport,
  type NetworkRenderer,
  type Transform,
} from './renderer.ts';
import type { Scene } from './scene.ts';

interface Groups {
  scene: Scene;
  byFill: Map<string, Int32Array>;
  /** Link indices by width bucket (0.5 px steps). */
  byWidth: Map<number, Int32Array>;
}

function group(scene: Scene): Groups {
  const fills = new Map<string, number[]>();
  scene.fill.forEach((f, i) => {
    const list = fills.get(f);
    if (list) list.push(i);
    else fills.set(f, [i]);
  });
  const widths = new Map<number, number[]>();
  scene.linkWidth.forEach((w, k) => {
    const b = Math.max(0.5, Math.round(w * 2) / 2);
    const list = widths.get(b);
    if (list) list.push(k);
    else widths.set(b, [k]);
  });
  const toTyped = <K>(m: Map<K, number[]>): Map<K, Int32Array> => new Map([...m].map(([k, v]) => [k, Int32Array.from(v)]));
  return { scene, byFill: toTyped(fills), byWidth: toTyped(widths) };
}

/** The links of a width bucket by their own colour (the change between two years), else all in grey. */
function byLinkColour(scene: Scene, links: Int32Array): [string, Iterable<number>][] {
  if (!scene.linkColour) return [[LINK_COLOUR, links]];
  const out = new Map<string, number[]>();
  for (const k of links) {
    const c = scene.linkColour[k];
    const list = out.get(c);
    if (list) list.push(k);
    else out.set(c, [k]);
  }
  return [...out];
}

/**
 * Above this many firms and links, a still picture is cached so that panning only moves a bitmap. The
 * overview has few nodes but many wide, summed links (a thousand between a hundred groups), which are as
 * slow to stroke as thousands of thin ones: it pans at 10–20 fps drawn directly, at the blit rate cached.
 */
const CACHE_MIN_ITEMS = 500;
/** Links beyond this count are drawn as one thin path: widths cannot be told apart at that density. */
const THIN_LINKS_ABOVE = 8000;

interface PanCache {
  canvas: HTMLCanvasElement;
  scene: Scene;
  version: number;
  k: number;
  /** The camera translation the cache was drawn with, and its margin in CSS pixels. */
  x: number;
  y: number;
  margin: number;
}

export class CanvasNetworkRenderer implements NetworkRenderer {
  readonly kind = 'canvas' as const;
  readonly element: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private width = 1;
  private height = 1;
  private dpr = 1;
  private groups: Groups | null = null;
  private cache: PanCache | null = null;
  private lastScene: Scene | null = null;
  private lastVersion = -1;

  constructor(canvas?: HTMLCanvasElement) {
    this.element = canvas ?? document.createElement('canvas');
    const ctx = this.element.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('CanvasNetworkRenderer: this browser gives no 2D canvas context');
    this.ctx = ctx;
  }

  resize(width: number, height: number, dpr = globalThis.devicePixelRatio || 1): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.dpr = dpr;
    this.element.width = Math.round(this.width * dpr);
    this.element.height = Math.round(this.height * dpr);
    this.element.style.width = `${this.width}px`;
    this.element.style.height = `${this.height}px`;
    this.cache = null;
  }

  draw(scene: Scene, pos: Float32Array, t: Transform, focusIndex: number, version: number): void {
    if (this.groups?.scene !== scene) this.groups = group(scene);
    // A still, large network: pan by moving a cached picture (redrawn when the zoom changes or the
    // camera leaves its margin). While firms move, draw directly.
    const still = scene === this.lastScene && version === this.lastVersion;
    this.lastScene = scene;
    this.lastVersion = version;
    if (still && scene.ids.length + scene.linkSource.length > CACHE_MIN_ITEMS) {
      const c = this.cache;
      const fits = c && c.scene === scene && c.version === version && c.k === t.k && Math.abs(t.x - c.x) < c.margin && Math.abs(t.y - c.y) < c.margin;
      const cache = fits ? c! : this.renderCache(scene, pos, t, version);
      const ctx = this.ctx;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, this.element.width, this.element.height);
      ctx.drawImage(cache.canvas, Math.round((t.x - cache.x - cache.margin) * this.dpr), Math.round((t.y - cache.y - cache.margin) * this.dpr));
    } else {
      this.cache = null;
      this.paint(this.ctx, this.width, this.height, 0, scene, pos, t);
    }
    this.overlay(scene, pos, t, focusIndex);
  }

  private renderCache(scene: Scene, pos: Float32Array, t: Transform, version: number): PanCache {
    const margin = Math.round(Math.max(this.width, this.height) / 2);
    const canvas = this.cache?.canvas ?? document.createElement('canvas');
    canvas.width = Math.round((this.width + 2 * margin) * this.dpr);
    canvas.height = Math.round((this.height + 2 * margin) * this.dpr);
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('CanvasNetworkRenderer: no 2D context for the cache');
    this.paint(ctx, this.width + 2 * margin, this.height + 2 * margin, margin, scene, pos, t);
    this.cache = { canvas, scene, version, k: t.k, x: t.x, y: t.y, margin };
    return this.cache;
  }

  /** Links and firms in world space; `offset` shifts the picture (the cache's margin). */
  private paint(ctx: CanvasRenderingContext2D, width: number, height: number, offset: number, scene: Scene, pos: Float32Array, cam: Transform): void {
    const g = this.groups!;
    const t = { x: cam.x + offset, y: cam.y + offset, k: cam.k };
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.setTransform(this.dpr * t.k, 0, 0, this.dpr * t.k, this.dpr * t.x, this.dpr * t.y);
    const [wx0, wy0, wx1, wy1] = worldViewport(t, width, height);
    const inView = (i: number): boolean => {
      const x = pos[2 * i];
      const y = pos[2 * i + 1];
      const r = scene.r[i];
      return x + r >= wx0 && x - r <= wx1 && y + r >= wy0 && y - r <= wy1;
    };
    const linkInView = (k: number): boolean => {
      const s = scene.linkSource[k];
      const d = scene.linkTarget[k];
      const xs = pos[2 * s];
      const ys = pos[2 * s + 1];
      const xt = pos[2 * d];
      const yt = pos[2 * d + 1];
      return Math.max(xs, xt) >= wx0 && Math.min(xs, xt) <= wx1 && Math.max(ys, yt) >= wy0 && Math.min(ys, yt) <= wy1;
    };

    // Links, with arrowheads at the buyer's edge when there are few enough to read.
    const m = scene.linkSource.length;
    const arrows = m <= 4000 || t.k >= 2;
    const thin = m > THIN_LINKS_ABOVE && t.k < 2;
    ctx.lineCap = thin ? 'butt' : 'round';
    const dim = scene.dimOthers;
    const buckets: [number, Int32Array][] = thin ? [[0.6, Int32Array.from(scene.linkSource.keys())]] : [...g.byWidth];
    for (const [width, all] of buckets) {
      for (const [colour, links] of byLinkColour(scene, all)) {
        ctx.beginPath();
        const arrowPath = arrows ? new Path2D() : null;
        for (const k of links) {
          if (dim && scene.linkHighlight[k]) continue;
          if (!linkInView(k)) continue;
          this.linkPath(ctx, arrowPath, scene, pos, k, width, t.k);
        }
        // Links coloured by their change must read as colours: less see-through.
        ctx.globalAlpha = dim ? 0.12 : scene.linkColour ? 0.8 : m > 5000 ? 0.25 : 0.45;
        ctx.strokeStyle = colour;
        ctx.lineWidth = width / t.k;
        ctx.stroke();
        if (arrowPath) {
          ctx.fillStyle = colour;
          ctx.fill(arrowPath);
        }
      }
    }
    if (dim) {
      ctx.globalAlpha = 1;
      ctx.beginPath();
      const arrowPath = new Path2D();
      for (let k = 0; k < m; k++) if (scene.linkHighlight[k]) this.linkPath(ctx, arrowPath, scene, pos, k, 3, t.k);
      ctx.strokeStyle = HIGHLIGHT_COLOUR;
      ctx.lineWidth = 3 / t.k;
      ctx.stroke();
      ctx.fillStyle = HIGHLIGHT_COLOUR;
      ctx.fill(arrowPath);
    }

    // Firms: one path per colour; tiny ones as squares, which are much cheaper than arcs.
    ctx.globalAlpha = 1;
    const outline = scene.ids.length <= 3000;
    for (const [fill, nodes] of g.byFill) {
      ctx.beginPath();
      for (const i of nodes) {
        if (!inView(i)) continue;
        const x = pos[2 * i];
        const y = pos[2 * i + 1];
        const r = scene.r[i];
        if (r * t.k < 1.5) ctx.rect(x - r, y - r, 2 * r, 2 * r);
        else {
          ctx.moveTo(x + r, y);
          ctx.arc(x, y, r, 0, 2 * Math.PI);
        }
      }
      ctx.globalAlpha = dim ? 0.35 : 1;
      ctx.fillStyle = fill;
      ctx.fill();
      if (outline) {
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = 1 / t.k;
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
    // Emphasis: path firms at full colour with a dark ring, the firms the view is about ringed (with a
    // white gap so the ring reads on a dark node), pinned firms with a small dot, the selection ringed.
    for (let i = 0; i < scene.ids.length; i++) {
      if (scene.nodeHighlight[i]) this.ring(ctx, pos, scene, i, t.k, HIGHLIGHT_COLOUR, 2, scene.fill[i]);
      else if (scene.emphasis[i] && inView(i)) {
        this.ring(ctx, pos, scene, i, t.k, '#ffffff', 1.5);
        this.ring(ctx, pos, scene, i, t.k, EMPHASIS_COLOUR, 2, undefined, undefined, 2.5);
      }
      if (scene.pinned[i] && inView(i)) {
        ctx.beginPath();
        ctx.arc(pos[2 * i], pos[2 * i + 1], Math.min(scene.r[i] * 0.4, 3 / t.k), 0, 2 * Math.PI);
        ctx.fillStyle = '#111111';
        ctx.fill();
      }
    }
    if (scene.selected >= 0) this.ring(ctx, pos, scene, scene.selected, t.k, SELECT_COLOUR, 3);
  }

  /** The keyboard cursor and the labels, in screen space on top. */
  private overlay(scene: Scene, pos: Float32Array, t: Transform, focusIndex: number): void {
    const ctx = this.ctx;
    if (focusIndex >= 0 && focusIndex !== scene.selected) {
      ctx.setTransform(this.dpr * t.k, 0, 0, this.dpr * t.k, this.dpr * t.x, this.dpr * t.y);
      this.ring(ctx, pos, scene, focusIndex, t.k, '#0072B2', 2, undefined, [4, 3]);
    }
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.font = LABEL_FONT;
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.lineWidth = 3;
    ctx.fillStyle = '#1a1a1a';
    for (const l of sceneLabels(scene, pos, t, this.width, this.height)) {
      ctx.strokeText(scene.labels[l.index], l.x, l.y);
      ctx.fillText(scene.labels[l.index], l.x, l.y);
    }
  }

  private linkPath(ctx: CanvasRenderingContext2D, arrowPath: Path2D | null, scene: Scene, pos: Float32Array, k: number, width: number, zoom: number): void {
    const s = scene.linkSource[k];
    const d = scene.linkTarget[k];
    const xs = pos[2 * s];
    const ys = pos[2 * s + 1];
    const xt = pos[2 * d];
    const yt = pos[2 * d + 1];
    const dx = xt - xs;
    const dy = yt - ys;
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    const tipX = xt - ux * (scene.r[d] + 1 / zoom);
    const tipY = yt - uy * (scene.r[d] + 1 / zoom);
    ctx.moveTo(xs, ys);
    if (!arrowPath) {
      ctx.lineTo(xt, yt);
      return;
    }
    const a = (4 + width * 1.2) / zoom;
    const bx = tipX - ux * a;
    const by = tipY - uy * a;
    ctx.lineTo(bx, by);
    if (len > scene.r[d] + a * 1.5) {
      arrowPath.moveTo(tipX, tipY);
      arrowPath.lineTo(bx - uy * a * 0.5, by + ux * a * 0.5);
      arrowPath.lineTo(bx + uy * a * 0.5, by - ux * a * 0.5);
      arrowPath.closePath();
    }
  }

  /** A ring `px` wide around firm i, `gap` screen pixels outside its edge (default: touching it). */
  private ring(ctx: CanvasRenderingContext2D, pos: Float32Array, scene: Scene, i: number, k: number, colour: string, px: number, fill?: string, dash?: number[], gap = px / 2): void {
    ctx.beginPath();
    ctx.arc(pos[2 * i], pos[2 * i + 1], scene.r[i] + (gap + px / 2) / k, 0, 2 * Math.PI);
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fill();
    }
    ctx.setLineDash(dash ? dash.map((d) => d / k) : []);
    ctx.strokeStyle = colour;
    ctx.lineWidth = px / k;
    ctx.stroke();
    ctx.setLineDash([]);
  }

  destroy(): void {
    this.element.remove();
    this.groups = null;
    this.cache = null;
  }
}
