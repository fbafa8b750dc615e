/**
 * The legend as an SVG element, so the same drawing appears on screen and in exports: colour key
 * (category swatches or a ramp with its values), what size means, and how links read.
 */
import type { LegendSpec } from './scene.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
let gradientCounter = 0;

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  // style through the CSSOM: the page's Content-Security-Policy refuses style attributes set as markup.
  for (const [k, v] of Object.entries(attrs)) k === 'style' ? (e.style.cssText = String(v)) : e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

export interface LegendText {
  size: string;
  links: string;
  /** What the ring around some firms means (e.g. "Ringed: the 2026 cohort's anchors"); none when absent. */
  emphasis?: string;
}

export const LEGEND_WIDTH = 230;

export function legendSvg(spec: LegendSpec, text: LegendText): SVGSVGElement {
  const svg = el('svg', { xmlns: SVG_NS, width: LEGEND_WIDTH, role: 'img', 'aria-label': spec.title, class: 'legend-svg' });
  const g = el('g', { style: 'font: 12px system-ui, "Noto Sans KR", sans-serif', fill: '#1a1a1a' });
  svg.append(el('rect', { width: '100%', height: '100%', fill: '#ffffff', 'fill-opacity': 0.92, rx: 4 }), g);
  let y = 16;
  g.append(el('text', { x: 8, y, 'font-weight': 600 }, spec.title));
  y += 8;
  if (spec.colour.kind === 'category') {
    for (const item of spec.colour.items) {
      y += 17;
      g.append(el('circle', { cx: 15, cy: y - 4, r: 6, fill: item.colour, stroke: '#333', 'stroke-width': 0.5 }));
      g.append(el('text', { x: 27, y }, `${spec.label(item.key)} (${item.count})`));
    }
  } else {
    const id = `legend-ramp-${++gradientCounter}`;
    const grad = el('linearGradient', { id, x1: 0, x2: 1, y1: 0, y2: 0 });
    spec.colour.stops.forEach((c, i, all) => grad.append(el('stop', { offset: `${(100 * i) / (all.length - 1)}%`, 'stop-color': c })));
    const defs = el('defs');
    defs.append(grad);
    svg.prepend(defs);
    y += 8;
    g.append(el('rect', { x: 8, y, width: LEGEND_WIDTH - 24, height: 10, fill: `url(#${id})`, stroke: '#333', 'stroke-width': 0.5 }));
    y += 24;
    for (const tick of spec.colour.ticks) {
      const x = 8 + tick.at * (LEGEND_WIDTH - 24);
      g.append(el('text', { x, y, 'text-anchor': tick.at === 0 ? 'start' : tick.at === 1 ? 'end' : 'middle' }, spec.format(tick.value)));
    }
  }
  if (spec.sizeTitle) {
    y += 24;
    g.append(el('circle', { cx: 11, cy: y - 4, r: 3, fill: '#999' }));
    g.append(el('circle', { cx: 24, cy: y - 4, r: 6, fill: '#999' }));
    g.append(el('text', { x: 36, y }, `${text.size}: ${spec.sizeTitle}`));
  }
  if (text.emphasis) {
    y += 22;
    g.append(el('circle', { cx: 18, cy: y - 4, r: 4, fill: '#999' }));
    g.append(el('circle', { cx: 18, cy: y - 4, r: 7.5, fill: 'none', stroke: '#1a1a1a', 'stroke-width': 2 }));
    g.append(el('text', { x: 36, y }, text.emphasis));
  }
  y += 22;
  g.append(el('line', { x1: 6, x2: 30, y1: y - 4, y2: y - 4, stroke: '#5b6472', 'stroke-width': 2 }));
  g.append(el('path', { d: `M30,${y - 8}L37,${y - 4}L30,${y}z`, fill: '#5b6472' }));
  g.append(el('text', { x: 44, y }, text.links));
  if (spec.linkKey) {
    y += 24;
    g.append(el('text', { x: 8, y, 'font-weight': 600 }, spec.linkKey.title));
    for (const item of spec.linkKey.items) {
      y += 17;
      g.append(el('line', { x1: 6, x2: 30, y1: y - 4, y2: y - 4, stroke: item.colour, 'stroke-width': 3 }));
      g.append(el('text', { x: 38, y }, `${item.label} (${item.count})`));
    }
  }
  svg.setAttribute('height', String(y + 10));
  return svg;
}
