/**
 * SVG renderer: one element per firm and per link. Used for small networks (sharp, inspectable, exportable)
 * and as the plain-SVG baseline in the browser benchmark; the same scene draws the same picture as canvas.
 */
import {
  EMPHASIS_COLOUR,
  HIGHLIGHT_COLOUR,
  LABEL_FONT,
  LINK_COLOUR,
  SELECT_COLOUR,
  sceneLabels,
  type NetworkRenderer,
  type Transform,
} from './renderer.ts';
import type { Scene } from './scene.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  // style through the CSSOM: the page's Content-Security-Policy refuses style attributes set as markup.
  for (const [k, v] of Object.entries(attrs)) k === 'style' ? (e.style.cssText = String(v)) : e.setAttribute(k, String(v));
  return e;
}

let markerCounter = 0;

export class SvgNetworkRenderer implements NetworkRenderer {
  readonly kind = 'svg' as const;
  readonly element: SVGSVGElement;
  private readonly world: SVGGElement;
  private readonly linkLayer: SVGGElement;
  private readonly nodeLayer: SVGGElement;
  private readonly labelLayer: SVGGElement;
  private readonly markerId: string;
  private readonly highlightMarkerId: string;
  private width = 1;
  private height = 1;
  private scene: Scene | null = null;
  private lastVersion = -1;
  private lines: SVGLineElement[] = [];
  private circles: SVGCircleElement[] = [];
  private extras: SVGGElement;

  constructor() {
    this.markerId = `arrow-${++markerCounter}`;
    this.highlightMarkerId = `${this.markerId}-hl`;
    this.element = el('svg', { xmlns: SVG_NS, role: 'img' });
    const defs = el('defs');
    for (const [id, colour] of [
      [this.markerId, LINK_COLOUR],
      [this.highlightMarkerId, HIGHLIGHT_COLOUR],
    ]) {
      const marker = el('marker', { id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto', markerUnits: 'userSpaceOnUse' });
      marker.append(el('path', { d: 'M0,0L10,5L0,10z', fill: colour }));
      defs.append(marker);
    }
    this.element.append(defs, el('rect', { width: '100%', height: '100%', fill: '#ffffff' }));
    this.world = el('g');
    this.linkLayer = el('g', { stroke: LINK_COLOUR, 'stroke-linecap': 'round' });
    this.nodeLayer = el('g');
    this.extras = el('g', { fill: 'none' });
    this.world.append(this.linkLayer, this.nodeLayer, this.extras);
    this.labelLayer = el('g', { style: `font: ${LABEL_FONT}`, fill: '#1a1a1a', stroke: 'rgba(255,255,255,0.9)', 'stroke-width': 3, 'paint-order': 'stroke', 'stroke-linejoin': 'round' });
    this.element.append(this.world, this.labelLayer);
  }

  resize(width: number, height: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.element.setAttribute('width', String(this.width));
    this.element.setAttribute('height', String(this.height));
    this.element.setAttribute('viewBox', `0 0 ${this.width} ${this.height}`);
  }

  private build(scene: Scene): void {
    this.scene = scene;
    this.lastVersion = -1;
    const dim = scene.dimOthers;
    const m = scene.linkSource.length;
    const arrows = m <= 4000;
    this.linkLayer.replaceChildren();
    this.lines = [];
    for (let k = 0; k < m; k++) {
      const hl = scene.linkHighlight[k] === 1;
      const line = el('line', {
        'stroke-width': hl ? 3 : scene.linkWidth[k],
        'vector-effect': 'non-scaling-stroke',
        'stroke-opacity': hl ? 1 : dim ? 0.12 : m > 5000 ? 0.25 : 0.45,
      });
      if (hl) line.setAttribute('stroke', HIGHLIGHT_COLOUR);
      else if (scene.linkColour) {
        line.setAttribute('stroke', scene.linkColour[k]);
        line.setAttribute('stroke-opacity', dim ? '0.12' : '0.8');
      }
      if (arrows) line.setAttribute('marker-end', `url(#${hl ? this.highlightMarkerId : this.markerId})`);
      this.lines.push(line);
    }
    // Highlighted links last, so they sit on top.
    this.linkLayer.append(...this.lines.filter((_, k) => !scene.linkHighlight[k]), ...this.lines.filter((_, k) => scene.linkHighlight[k]));
    this.nodeLayer.replaceChildren();
    this.circles = scene.ids.map((id, i) => {
      const c = el('circle', { r: scene.r[i], fill: scene.fill[i], stroke: '#ffffff', 'stroke-width': 1, 'vector-effect': 'non-scaling-stroke', 'data-id': id });
      if (dim && !scene.nodeHighlight[i]) c.setAttribute('fill-opacity', '0.35');
      if (scene.nodeHighlight[i]) {
        c.setAttribute('stroke', HIGHLIGHT_COLOUR);
        c.setAttribute('stroke-width', '2');
      }
      const title = el('title');
      title.textContent = scene.labels[i];
      c.append(title);
      return c;
    });
    this.nodeLayer.append(...this.circles);
  }

  draw(scene: Scene, pos: Float32Array, t: Transform, focusIndex: number, version: number): void {
    if (scene !== this.scene) this.build(scene);
    if (version !== this.lastVersion) {
      this.lastVersion = version;
      this.circles.forEach((c, i) => {
        c.setAttribute('cx', pos[2 * i].toFixed(2));
        c.setAttribute('cy', pos[2 * i + 1].toFixed(2));
      });
      this.lines.forEach((line, k) => {
        const s = scene.linkSource[k];
        const d = scene.linkTarget[k];
        const xs = pos[2 * s];
        const ys = pos[2 * s + 1];
        const xt = pos[2 * d];
        const yt = pos[2 * d + 1];
        const len = Math.hypot(xt - xs, yt - ys) || 1;
        const back = scene.r[d] + 1;
        line.setAttribute('x1', xs.toFixed(2));
        line.setAttribute('y1', ys.toFixed(2));
        line.setAttribute('x2', (xt - ((xt - xs) / len) * back).toFixed(2));
        line.setAttribute('y2', (yt - ((yt - ys) / len) * back).toFixed(2));
      });
    }
    this.world.setAttribute('transform', `translate(${t.x},${t.y}) scale(${t.k})`);
    this.extras.replaceChildren();
    const ring = (i: number, colour: string, px: number, dash?: string, gap = px / 2): void => {
      const c = el('circle', { cx: pos[2 * i], cy: pos[2 * i + 1], r: scene.r[i] + (gap + px / 2) / t.k, stroke: colour, 'stroke-width': px, 'vector-effect': 'non-scaling-stroke' });
      if (dash) c.setAttribute('stroke-dasharray', dash);
      this.extras.append(c);
    };
    scene.emphasis.forEach((e, i) => {
      if (!e || scene.nodeHighlight[i]) return;
      ring(i, '#ffffff', 1.5);
      ring(i, EMPHASIS_COLOUR, 2, undefined, 2.5);
    });
    scene.pinned.forEach((p, i) => {
      if (p) this.extras.append(el('circle', { cx: pos[2 * i], cy: pos[2 * i + 1], r: Math.min(scene.r[i] * 0.4, 3 / t.k), fill: '#111111' }));
    });
    if (scene.selected >= 0) ring(scene.selected, SELECT_COLOUR, 3);
    if (focusIndex >= 0 && focusIndex !== scene.selected) ring(focusIndex, '#0072B2', 2, '4 3');
    const labels = sceneLabels(scene, pos, t, this.width, this.height);
    this.labelLayer.replaceChildren(
      ...labels.map((l) => {
        const text = el('text', { x: l.x.toFixed(1), y: l.y.toFixed(1), 'dominant-baseline': 'middle' });
        text.textContent = scene.labels[l.index];
        return text;
      }),
    );
  }

  destroy(): void {
    this.element.remove();
    this.scene = null;
  }
}
