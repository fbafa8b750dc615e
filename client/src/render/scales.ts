/**
 * Colour and size scales. Categories use the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal
 * Design"), numbers use cividis (Nuñez et al. 2018) or inferno for heat: all readable with the common
 * colour-vision deficiencies. Pure: values in, scale and legend description out.
 */
import { max, quantileSorted } from 'd3-array';
import { scaleSqrt } from 'd3-scale';
import { interpolateCividis, interpolateInferno } from 'd3-scale-chromatic';
import type { SupplyChange, Tier } from '../types.ts';

export const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#0072B2', '#D55E00', '#CC79A7', '#F0E442'] as const;
export const OTHER_COLOUR = '#B8B8B8';
export const MISSING_COLOUR = '#DDDDDD';

export const TIER_COLOURS: Readonly<Record<Tier, string>> = {
  'top-anchor': '#D55E00',
  anchor: '#E69F00',
  'pre-anchor': '#CC79A7',
  sme: '#56B4E9',
  large: '#009E73',
  external: '#8C8C8C',
};

export interface CategoryLegend {
  kind: 'category';
  items: { key: string; colour: string; count: number }[];
}

export interface RampLegend {
  kind: 'ramp';
  /** Colours at evenly spaced stops from low to high. */
  stops: string[];
  /** Values at the ends and the middle of the ramp. */
  ticks: { at: number; value: number }[];
}

export type ColourLegend = CategoryLegend | RampLegend;

export interface ColourScale {
  colour: (value: string | number | null | undefined) => string;
  legend: ColourLegend;
}

/**
 * Categories by frequency: the most frequent get the palette in order, the rest share "other".
 * `fixed` pins colours for known keys (the tiers), and the legend then lists them in the order of
 * `fixed`, so that the tiers always read top-tier anchor, anchor, pre-anchor, … whatever their counts.
 */
export function categoryScale(values: (string | null | undefined)[], fixed?: Readonly<Record<string, string>>): ColourScale {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null && v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const colours = new Map<string, string>();
  const items: CategoryLegend['items'] = [];
  let other = 0;
  byFrequency.forEach(([key, count], i) => {
    const c = fixed?.[key] ?? (fixed ? undefined : OKABE_ITO[i]);
    if (c) {
      colours.set(key, c);
      items.push({ key, colour: c, count });
    } else other += count;
  });
  if (fixed) {
    const order = Object.keys(fixed);
    items.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  }
  if (other > 0) items.push({ key: 'other', colour: OTHER_COLOUR, count: other });
  return {
    colour: (v) => (v === null || v === undefined ? MISSING_COLOUR : (colours.get(String(v)) ?? OTHER_COLOUR)),
    legend: { kind: 'category', items },
  };
}

/**
 * A sequential scale by rank (quantiles), so heavy-tailed metrics such as PageRank still spread across
 * the ramp. Missing values are light grey.
 */
export function quantileScale(values: (number | null | undefined)[], interpolate = interpolateCividis): ColourScale {
  const sorted = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  const rank = (v: number): number => {
    if (n <= 1) return 0.5;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    let top = lo;
    while (top < n && sorted[top] === v) top++;
    return ((lo + top - 1) / 2) / (n - 1);
  };
  const ticks = n === 0 ? [] : [0, 0.5, 1].map((at) => ({ at, value: quantileSorted(sorted, at) ?? 0 }));
  return {
    colour: (v) => (typeof v === 'number' && Number.isFinite(v) && n > 0 ? interpolate(rank(v)) : MISSING_COLOUR),
    legend: { kind: 'ramp', stops: [0, 0.25, 0.5, 0.75, 1].map((t) => interpolate(t)), ticks },
  };
}

/** Heat for induced effects: light yellow (small) to dark purple (large); zero is grey. */
export const heatInterpolator = (t: number): string => interpolateInferno(0.95 - 0.8 * Math.max(0, Math.min(1, t)));

export function heatScale(values: number[]): ColourScale {
  const top = max(values) ?? 0;
  const scale = scaleSqrt().domain([0, top > 0 ? top : 1]).range([0, 1]).clamp(true);
  return {
    colour: (v) => (typeof v === 'number' && v > 0 ? heatInterpolator(scale(v)) : MISSING_COLOUR),
    legend: {
      kind: 'ramp',
      stops: [0, 0.25, 0.5, 0.75, 1].map(heatInterpolator),
      ticks: [
        { at: 0, value: 0 },
        { at: 0.5, value: scale.invert(0.5) },
        { at: 1, value: top },
      ],
    },
  };
}

/** Node radius by area: r ∝ √value, from `range[0]` (zero or missing) to `range[1]` (the largest). */
export function radiusScale(values: (number | null | undefined)[], range: [number, number]): (v: number | null | undefined) => number {
  const top = max(values, (v) => (typeof v === 'number' && v > 0 ? v : 0)) ?? 0;
  if (!(top > 0)) return () => (range[0] + range[1]) / 4 + range[0] / 2;
  const s = scaleSqrt().domain([0, top]).range(range).clamp(true);
  return (v) => (typeof v === 'number' && v > 0 ? s(v) : range[0]);
}

/** The radius range for a graph of n nodes: smaller marks when there are many. */
export function radiusRange(n: number): [number, number] {
  if (n > 8000) return [1.2, 9];
  if (n > 2000) return [1.6, 12];
  if (n > 300) return [2.5, 16];
  return [4, 22];
}

/** Link width by supply value: √-scaled from `range[0]` to `range[1]`. */
export function linkWidthScale(values: number[], range: [number, number] = [0.4, 6]): (v: number) => number {
  const top = max(values) ?? 0;
  if (!(top > 0)) return () => range[0];
  const s = scaleSqrt().domain([0, top]).range(range).clamp(true);
  return (v) => s(Math.max(0, v));
}

/** The changes in legend order, with colours that read apart for the common colour-vision deficiencies. */
export const CHANGE_COLOURS: Readonly<Record<SupplyChange, string>> = {
  added: '#009E73',
  grown: '#0072B2',
  shrunk: '#E69F00',
  removed: '#D55E00',
  unchanged: '#9aa3ae',
};
export const CHANGE_ORDER = Object.keys(CHANGE_COLOURS) as SupplyChange[];
