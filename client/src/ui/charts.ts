/**
 * Small SVG charts (horizontal bars, lines, stacked bars) with styles as attributes, so that an exported
 * SVG or PNG looks like the screen.
 */
import { extent, max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = '12px system-ui, "Noto Sans KR", sans-serif';

export function svgEl<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

export interface Bar {
  label: string;
  value: number;
  colour?: string;
}

/** Horizontal bars, largest first as given; negative values extend left of the axis. */
export function barChart(bars: Bar[], o: { width?: number; format: (v: number) => string; title: string; testid?: string; labelWidth?: number }): SVGSVGElement {
  const width = o.width ?? 420;
  const labelWidth = o.labelWidth ?? 170;
  const row = 20;
  const valueWidth = 80;
  const height = Math.max(1, bars.length) * row + 8;
  const svg = svgEl('svg', { xmlns: SVG_NS, width, height, role: 'img', 'aria-label': o.title, class: 'chart', style: `font: ${FONT}` });
  if (o.testid) svg.setAttribute('data-testid', o.testid);
  svg.append(svgEl('title', {}, o.title));
  const lo = Math.min(0, ...bars.map((b) => b.value));
  const hi = Math.max(0, ...bars.map((b) => b.value));
  const x = scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]).range([labelWidth, width - valueWidth]);
  bars.forEach((b, i) => {
    const y = 4 + i * row;
    const label = b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label;
    const full = svgEl('title', {}, `${b.label}: ${o.format(b.value)}`);
    svg.append(svgEl('text', { x: labelWidth - 6, y: y + 13, 'text-anchor': 'end', fill: '#1a1a1a' }, label));
    const x0 = x(Math.min(0, b.value));
    const rect = svgEl('rect', { x: x0, y: y + 2, width: Math.max(1, Math.abs(x(b.value) - x(0))), height: row - 6, fill: b.colour ?? '#0072B2' });
    rect.append(full);
    svg.append(rect);
    svg.append(svgEl('text', { x: Math.max(x(b.value), x(0)) + 4, y: y + 13, fill: '#5c6370' }, o.format(b.value)));
  });
  return svg;
}

export interface Series {
  name: string;
  colour: string;
  points: { x: number; y: number }[];
}

/** A line chart with year ticks on x and a value axis on y. */
export function lineChart(series: Series[], o: { width?: number; height?: number; format: (v: number) => string; title: string; testid?: string }): SVGSVGElement {
  const width = o.width ?? 360;
  const height = o.height ?? 180;
  const m = { top: 22, right: 16, bottom: 24, left: 64 };
  const svg = svgEl('svg', { xmlns: SVG_NS, width, height, role: 'img', 'aria-label': o.title, class: 'chart', style: `font: ${FONT}` });
  if (o.testid) svg.setAttribute('data-testid', o.testid);
  svg.append(svgEl('title', {}, o.title));
  svg.append(svgEl('text', { x: m.left, y: 14, fill: '#1a1a1a', 'font-weight': 600 }, o.title));
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return svg;
  const [x0, x1] = extent(all, (p) => p.x) as [number, number];
  const x = scaleLinear().domain(x0 === x1 ? [x0 - 1, x1 + 1] : [x0, x1]).range([m.left, width - m.right]);
  const y = scaleLinear().domain([0, (max(all, (p) => p.y) ?? 1) * 1.08 || 1]).nice(4).range([height - m.bottom, m.top]);
  for (const tick of y.ticks(4)) {
    svg.append(svgEl('line', { x1: m.left, x2: width - m.right, y1: y(tick), y2: y(tick), stroke: '#e6e8eb' }));
    svg.append(svgEl('text', { x: m.left - 6, y: y(tick) + 4, 'text-anchor': 'end', fill: '#5c6370' }, o.format(tick)));
  }
  for (const tick of [...new Set(all.map((p) => p.x))].sort((a, b) => a - b)) {
    svg.append(svgEl('text', { x: x(tick), y: height - 6, 'text-anchor': 'middle', fill: '#5c6370' }, String(tick)));
  }
  const path = line<{ x: number; y: number }>()
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  for (const s of series) {
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    svg.append(svgEl('path', { d: path(pts) ?? '', fill: 'none', stroke: s.colour, 'stroke-width': 2 }));
    for (const p of pts) svg.append(svgEl('circle', { cx: x(p.x), cy: y(p.y), r: 3, fill: s.colour }, undefined));
  }
  return svg;
}

export interface Segment {
  key: string;
  value: number;
  colour: string;
  label: string;
}

/** One stacked bar: segments side by side, scaled so that `total` fills `width`. */
export function stackedBar(segments: Segment[], o: { width: number; height?: number; total: number; title: string }): SVGSVGElement {
  const height = o.height ?? 14;
  const svg = svgEl('svg', { xmlns: SVG_NS, width: o.width, height, role: 'img', 'aria-label': o.title, class: 'stacked' });
  svg.append(svgEl('rect', { x: 0, y: 0, width: o.width, height, fill: '#f0f1f3' }));
  let x = 0;
  for (const s of segments) {
    const w = o.total > 0 ? (Math.max(0, s.value) / o.total) * o.width : 0;
    const r = svgEl('rect', { x, y: 0, width: w, height, fill: s.colour });
    r.append(svgEl('title', {}, s.label));
    svg.append(r);
    x += w;
  }
  return svg;
}
