/**
 * The overview as a scene for the network stage: one circle per group (area ∝ firms), the detail firms
 * (anchors' partners, members of opened groups) as small circles in their group's colour, links as summed
 * supply value between them. Group ids are `g:<key>`; the labels say what each group is, in the UI's language.
 */
import type { I18n } from '../i18n/index.ts';
import type { OverviewGroup, OverviewResponse } from '../types.ts';
import { placeOf } from '../ui/firmColumns.ts';
import { categoryScale, linkWidthScale, TIER_COLOURS } from './scales.ts';
import type { LegendSpec, Scene } from './scene.ts';

/** What a group is called: its division's name, district, tier, or its community's largest firm. */
export function groupLabel(by: OverviewResponse['by'], g: Pick<OverviewGroup, 'key' | 'largest'>, i18n: I18n, home = 'Busan'): string {
  if (by === 'division') return `${i18n.sector(g.key)} (${g.key})`;
  if (by === 'tier') return i18n.tier(g.key);
  if (by === 'district') return g.key.startsWith('@') ? placeOf({ region: g.key.slice(1) }, i18n, home) : i18n.district(g.key);
  if (g.key === '?') return i18n.t('overview.unassigned');
  return i18n.t('overview.community', { id: g.key, firm: i18n.firmName(g.largest) });
}

export function overviewScene(o: OverviewResponse, i18n: I18n, selected: string | null): { scene: Scene; legend: LegendSpec } {
  const groups = [...o.groups].sort((a, b) => (a.id < b.id ? -1 : 1));
  const firms = [...o.firms].sort((a, b) => (a.id < b.id ? -1 : 1));
  const ids = [...groups.map((g) => g.id), ...firms.map((f) => f.id)];
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const colourKey = (key: string): string => key;
  const scale = categoryScale(
    groups.map((g) => colourKey(g.key)),
    o.by === 'tier' ? TIER_COLOURS : undefined,
  );
  const maxFirms = Math.max(1, ...groups.map((g) => g.firms));
  const r = new Float32Array(n);
  const fill: string[] = [];
  const labels: string[] = [];
  groups.forEach((g, i) => {
    r[i] = 5 + 26 * Math.sqrt(g.firms / maxFirms);
    fill.push(scale.colour(colourKey(g.key)));
    // On the drawing a community is named by its largest firm only; the list beside it has the full name.
    const label = o.by === 'community' && g.key !== '?' ? i18n.firmName(g.largest) : groupLabel(o.by, g, i18n, o.homeRegion);
    labels.push(i18n.t('overview.groupLabel', { label, firms: i18n.firms(g.firms) }));
  });
  const maxRevenue = Math.max(1, ...firms.map((f) => f.revenue));
  firms.forEach((f, k) => {
    const i = groups.length + k;
    r[i] = 3 + 9 * Math.sqrt(f.revenue / maxRevenue);
    fill.push(scale.colour(colourKey(f.group)));
    labels.push(i18n.firmName(f));
  });
  const links = o.links.filter((l) => index.has(l.source) && index.has(l.target)).sort((a, b) => (a.source + '>' + a.target < b.source + '>' + b.target ? -1 : 1));
  const widthOf = linkWidthScale(links.map((l) => l.value), [0.4, 14]);
  const m = links.length;
  const linkSource = new Int32Array(m);
  const linkTarget = new Int32Array(m);
  const linkWidth = new Float32Array(m);
  links.forEach((l, k) => {
    linkSource[k] = index.get(l.source)!;
    linkTarget[k] = index.get(l.target)!;
    linkWidth[k] = widthOf(l.value);
  });
  const emphasis = new Uint8Array(n);
  firms.forEach((f, k) => {
    if (f.focal) emphasis[groups.length + k] = 1;
  });
  const order = Int32Array.from(ids.keys()).sort((a, b) => r[b] - r[a] || a - b);
  const scene: Scene = {
    ids,
    labels,
    r,
    fill,
    order,
    linkSource,
    linkTarget,
    linkWidth,
    linkHighlight: new Uint8Array(m),
    nodeHighlight: new Uint8Array(n),
    dimOthers: false,
    emphasis,
    selected: selected ? (index.get(selected) ?? -1) : -1,
    pinned: new Uint8Array(n),
    index,
  };
  const byGroup = new Map(groups.map((g) => [g.key, g]));
  const legend: LegendSpec = {
    title: i18n.t(`overview.by.${o.by}`),
    colour: scale.legend,
    label: (k) => (k === 'other' ? i18n.t('common.other') : groupLabel(o.by, byGroup.get(k) ?? { key: k, largest: { id: k, name: k } }, i18n, o.homeRegion)),
    sizeTitle: i18n.t('col.firms'),
    format: (v) => i18n.money(v),
  };
  return { scene, legend };
}
