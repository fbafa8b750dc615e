/**
 * Small SVG charts (horizontal bars, lines, stacked bars) with styles as attributes, so that an exported
 * SVG or PNG looks like the screen.
 */
import { extent, max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { approxTextWidth } from '../render/labels.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = '12px system-ui, "Noto Sans KR", sans-serif';

export function svgEl<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  // style through the CSSOM: the page's Content-Security-Policy refuses style attributes set as markup.
  for (const [k, v] of Object.entries(attrs)) k === 'style' ? (e.style.cssText = String(v)) : e.setAttribute(k, String(v));
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
  const all = series.flatMap((s) => s.points);
  const y = scaleLinear().domain([0, (max(all, (p) => p.y) ?? 1) * 1.08 || 1]).nice(4);
  // Room for the widest value label (Korean money labels such as "2,500억 원" are wide).
  m.left = Math.max(m.left, 10 + Math.max(0, ...y.ticks(4).map((v) => approxTextWidth(o.format(v), 12))));
  y.range([height - m.bottom, m.top]);
  svg.append(svgEl('text', { x: m.left, y: 14, fill: '#1a1a1a', 'font-weight': 600 }, o.title));
  if (all.length === 0) return svg;
  const [x0, x1] = extent(all, (p) => p.x) as [number, number];
  const x = scaleLinear().domain(x0 === x1 ? [x0 - 1, x1 + 1] : [x0, x1]).range([m.left, width - m.right]);
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

export interface GroupedBar {
  key: string;
  value: number | null;
  colour: string;
  /** Drawn pale with a dashed outline (e.g. a cohort's years before its selection). */
  faded?: boolean;
  /** Tooltip and accessible text. */
  label: string;
  attrs?: Record<string, string>;
}

/**
 * Vertical bars in groups (one group per x category, e.g. a year), values printed on the bars, a zero
 * line and a value axis. Missing values leave a gap.
 */
export function groupedBarChart(
  groups: { label: string; bars: GroupedBar[] }[],
  o: { width?: number; height?: number; format: (v: number) => string; tickFormat?: (v: number) => string; title: string; testid?: string },
): SVGSVGElement {
  const width = o.width ?? 520;
  const height = o.height ?? 240;
  const m = { top: 30, right: 8, bottom: 26, left: 52 };
  const svg = svgEl('svg', { xmlns: SVG_NS, width, height, role: 'img', 'aria-label': o.title, class: 'chart', style: `font: ${FONT}` });
  if (o.testid) svg.setAttribute('data-testid', o.testid);
  svg.append(svgEl('title', {}, o.title));
  svg.append(svgEl('text', { x: m.left, y: 14, fill: '#1a1a1a', 'font-weight': 600 }, o.title));
  const values = groups.flatMap((g) => g.bars.map((b) => b.value)).filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const y = scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .nice(4)
    .range([height - m.bottom, m.top]);
  for (const tick of y.ticks(4)) {
    svg.append(svgEl('line', { x1: m.left, x2: width - m.right, y1: y(tick), y2: y(tick), stroke: tick === 0 ? '#5c6370' : '#e6e8eb' }));
    svg.append(svgEl('text', { x: m.left - 6, y: y(tick) + 4, 'text-anchor': 'end', fill: '#5c6370' }, (o.tickFormat ?? o.format)(tick)));
  }
  const groupWidth = (width - m.left - m.right) / Math.max(1, groups.length);
  groups.forEach((g, gi) => {
    const x0 = m.left + gi * groupWidth;
    const n = Math.max(1, g.bars.length);
    const barWidth = Math.min(40, (groupWidth - 16) / n);
    const start = x0 + (groupWidth - barWidth * n) / 2;
    g.bars.forEach((b, bi) => {
      if (b.value === null || !Number.isFinite(b.value)) return;
      const x = start + bi * barWidth;
      const top = y(Math.max(0, b.value));
      const rect = svgEl('rect', {
        x: x + 1,
        y: top,
        width: Math.max(1, barWidth - 2),
        height: Math.max(1, Math.abs(y(b.value) - y(0))),
        fill: b.colour,
        'fill-opacity': b.faded ? 0.35 : 1,
        'data-key': b.key,
      });
      if (b.faded) {
        rect.setAttribute('stroke', b.colour);
        rect.setAttribute('stroke-dasharray', '3 2');
      }
      for (const [k, v] of Object.entries(b.attrs ?? {})) rect.setAttribute(k, v);
      rect.append(svgEl('title', {}, b.label));
      svg.append(rect);
      const below = b.value < 0;
      svg.append(
        svgEl(
          'text',
          { x: x + barWidth / 2, y: below ? y(b.value) + 11 : top - 3, 'text-anchor': 'middle', fill: '#1a1a1a', 'font-size': 10, 'aria-hidden': 'true' },
          o.format(b.value),
        ),
      );
    });
    svg.append(svgEl('text', { x: x0 + groupWidth / 2, y: height - 7, 'text-anchor': 'middle', fill: '#1a1a1a' }, g.label));
  });
  return svg;
}
