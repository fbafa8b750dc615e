/**
 * What the network renderers draw: firms and links as flat arrays in a canonical order, with their
 * sizes, colours and emphasis already decided. Built from the visible graph and the view's choices.
 */
import type { I18n } from '../i18n/index.ts';
import type { ColorBy, SizeBy } from '../state.ts';
import type { MetricKey, NetworkNode, SupplyLink } from '../types.ts';
import {
  categoryScale,
  heatScale,
  linkWidthScale,
  quantileScale,
  radiusRange,
  radiusScale,
  TIER_COLOURS,
  CHANGE_COLOURS,
  CHANGE_ORDER,
  type ColourLegend,
} from './scales.ts';

export interface Scene {
  ids: string[];
  labels: string[];
  r: Float32Array;
  fill: string[];
  /** Node indices, most important (largest) first. */
  order: Int32Array;
  linkSource: Int32Array;
  linkTarget: Int32Array;
  linkWidth: Float32Array;
  /** 1 for links on the highlighted path. */
  linkHighlight: Uint8Array;
  /** Per link, a colour of its own (the change between two years); absent: the usual grey. */
  linkColour?: string[];
  /** 1 for nodes on the highlighted path. */
  nodeHighlight: Uint8Array;
  /** True when something is highlighted, so the rest is drawn faded. */
  dimOthers: boolean;
  /** 1 for the firms the view is about (the cohort's anchors, the focal firms): ringed and labelled first. */
  emphasis: Uint8Array;
  selected: number;
  pinned: Uint8Array;
  index: Map<string, number>;
}

export interface LegendSpec {
  title: string;
  colour: ColourLegend;
  /** How a category key reads in the legend. */
  label: (key: string) => string;
  sizeTitle: string | null;
  format: (v: number) => string;
  /** What the links' colours mean, when they have their own (the change between two years). */
  linkKey?: { title: string; items: { colour: string; label: string; count: number }[] };
}

export interface SceneOptions {
  /** 'heat': sized by the same values as the heat colours. */
  size: SizeBy | 'heat';
  colour: ColorBy | 'heat';
  /** Induced output per firm (ripple view), used when colour is 'heat'. */
  heat?: ReadonlyMap<string, number>;
  highlightNodes?: readonly string[];
  highlightLinks?: ReadonlySet<string>;
  /** Firms to ring and label first, without fading the rest. */
  emphasis?: readonly string[];
  selected?: string | null;
  pinned?: ReadonlySet<string>;
  /** Colour the links by their change between two years (they carry `change`), with this key title. */
  linkChange?: { title: string };
}

const CATEGORY_ATTRS = ['tier', 'sector', 'region', 'district'] as const;

export function nodeValue(n: NetworkNode, key: SizeBy | ColorBy): number | null {
  if (key === 'revenue') return n.revenue;
  if (key === 'employees') return n.employees;
  const v = n.metrics?.[key as MetricKey];
  return typeof v === 'number' ? v : null;
}

function categoryOf(n: NetworkNode, key: (typeof CATEGORY_ATTRS)[number]): string | null {
  if (key === 'sector') return n.sector.slice(0, 2);
  return (n[key] as string | undefined) ?? null;
}

export function buildScene(nodes: readonly NetworkNode[], links: readonly SupplyLink[], o: SceneOptions, i18n: I18n): { scene: Scene; legend: LegendSpec } {
  const n = nodes.length;
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const sizeValues = nodes.map((d) => (o.size === 'none' ? null : o.size === 'heat' ? (o.heat?.get(d.id) ?? 0) : nodeValue(d, o.size)));
  const rOf = radiusScale(sizeValues, radiusRange(n));
  const r = new Float32Array(n);
  nodes.forEach((_, i) => {
    r[i] = o.size === 'none' ? radiusRange(n)[0] * 1.6 : rOf(sizeValues[i]);
  });

  let legend: LegendSpec;
  let fill: string[];
  const format = (v: number): string => (o.colour === 'heat' || o.colour === 'revenue' ? i18n.money(v) : i18n.metric(v));
  if (o.colour === 'heat') {
    const values = nodes.map((d) => o.heat?.get(d.id) ?? 0);
    const s = heatScale(values);
    fill = values.map((v) => s.colour(v));
    legend = { title: i18n.t('legend.heat'), colour: s.legend, label: (k) => k, sizeTitle: null, format };
  } else if ((CATEGORY_ATTRS as readonly string[]).includes(o.colour)) {
    const attr = o.colour as (typeof CATEGORY_ATTRS)[number];
    const values = nodes.map((d) => categoryOf(d, attr));
    const s = categoryScale(values, attr === 'tier' ? TIER_COLOURS : undefined);
    fill = values.map((v) => s.colour(v));
    const label = (k: string): string => {
      if (k === 'other') return i18n.t('common.other');
      if (attr === 'tier') return i18n.tier(k);
      if (attr === 'sector') return i18n.sector(k);
      if (attr === 'region') return i18n.region(k);
      return i18n.district(k);
    };
    legend = { title: i18n.measure(attr), colour: s.legend, label, sizeTitle: null, format };
  } else {
    const values = nodes.map((d) => nodeValue(d, o.colour as ColorBy));
    const s = o.colour === 'community' ? categoryScale(values.map((v) => (v === null ? null : String(v)))) : quantileScale(values);
    fill = values.map((v) => s.colour(o.colour === 'community' ? (v === null ? null : String(v)) : v));
    legend = { title: i18n.measure(o.colour), colour: s.legend, label: (k) => (k === 'other' ? i18n.t('common.other') : `#${k}`), sizeTitle: null, format };
  }
  legend.sizeTitle = o.size === 'none' ? null : o.size === 'heat' ? i18n.t('legend.heat') : i18n.measure(o.size);

  const order = Int32Array.from(nodes.keys()).sort((a, b) => r[b] - r[a] || a - b);
  const m = links.length;
  const linkSource = new Int32Array(m);
  const linkTarget = new Int32Array(m);
  const linkHighlight = new Uint8Array(m);
  // An ended link has no value in the year shown: drawn as wide as it was.
  const drawnValue = (l: SupplyLink): number => (l.change === 'removed' ? (l.compareValue ?? 0) : l.value);
  const widthOf = linkWidthScale(links.map(drawnValue), n > 2000 ? [0.3, 3] : [0.5, 6]);
  const linkWidth = new Float32Array(m);
  links.forEach((l, k) => {
    linkSource[k] = index.get(l.source) ?? 0;
    linkTarget[k] = index.get(l.target) ?? 0;
    linkWidth[k] = widthOf(drawnValue(l));
    if (o.highlightLinks?.has(`${l.source}>${l.target}`)) linkHighlight[k] = 1;
  });
  let linkColour: string[] | undefined;
  if (o.linkChange) {
    linkColour = links.map((l) => CHANGE_COLOURS[l.change ?? 'unchanged']);
    const counts = new Map<string, number>();
    for (const l of links) counts.set(l.change ?? 'unchanged', (counts.get(l.change ?? 'unchanged') ?? 0) + 1);
    legend.linkKey = {
      title: o.linkChange.title,
      items: CHANGE_ORDER.filter((c) => counts.has(c)).map((c) => ({ colour: CHANGE_COLOURS[c], label: i18n.t(`change.${c}`), count: counts.get(c)! })),
    };
  }
  const nodeHighlight = new Uint8Array(n);
  for (const id of o.highlightNodes ?? []) {
    const i = index.get(id);
    if (i !== undefined) nodeHighlight[i] = 1;
  }
  const emphasis = new Uint8Array(n);
  for (const id of o.emphasis ?? []) {
    const i = index.get(id);
    if (i !== undefined) emphasis[i] = 1;
  }
  const pinned = new Uint8Array(n);
  for (const id of o.pinned ?? []) {
    const i = index.get(id);
    if (i !== undefined) pinned[i] = 1;
  }
  const scene: Scene = {
    ids: nodes.map((d) => d.id),
    labels: nodes.map((d) => i18n.firmName(d)),
    r,
    fill,
    order,
    linkSource,
    linkTarget,
    linkWidth,
    linkHighlight,
    ...(linkColour && { linkColour }),
    nodeHighlight,
    dimOthers: (o.highlightNodes?.length ?? 0) > 0,
    emphasis,
    selected: o.selected ? (index.get(o.selected) ?? -1) : -1,
    pinned,
    index,
  };
  return { scene, legend };
}
