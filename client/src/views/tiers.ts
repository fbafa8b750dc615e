/** Tier view: upstream bands to the left of a focal firm, downstream bands to the right, loops drawn dashed. */
import { scaleSqrt } from 'd3-scale';
import { isAbort } from '../api.ts';
import type { ViewFactory } from '../context.ts';
import { explain } from '../errors.ts';
import { svgBlob, svgToPng } from '../export.ts';
import { fitText, textMeasurer } from '../render/labels.ts';
import { TIER_COLOURS } from '../render/scales.ts';
import { tierBands, type TierItem, type TierLayout } from '../shape/tiers.ts';
import { AGGREGATE, MAX_DEPTH, type AppState } from '../state.ts';
import { exportMetadata } from '../exports/metadata.ts';
import { dataTable } from '../ui/dataTable.ts';
import { firmColumns, firmFilters, placeOf } from '../ui/firmColumns.ts';
import type { NetworkNode } from '../types.ts';
import { svgEl } from '../ui/charts.ts';
import { h, notice, select } from '../ui/dom.ts';
import { firmSearch } from '../ui/search.ts';
import { latestCohort } from './network.ts';

// Seven columns (three tiers each side) fit a 1,400-pixel window without scrolling.
const COL = 188;
const ITEM_W = 164;
const FONT = '12px system-ui, "Noto Sans KR", sans-serif';
const ROW = 26;
const TOP = 64;
const LEFT = 16;
const LOOP_COLOUR = '#CC79A7';

interface TierRow {
  node: NetworkNode;
  band: number;
}

export const tiersView: ViewFactory = (ctx, initial) => {
  const { i18n } = ctx;
  const t = i18n.t;
  let controller: AbortController | null = null;
  let svg: SVGSVGElement | null = null;
  let layout: TierLayout | null = null;
  const measure = textMeasurer(FONT, 12);
  const measureBold = textMeasurer(`700 ${FONT}`, 12);
  const drawing = h('div', { class: 'tiers-wrap', testid: 'tiers-drawing' });
  const info = h('p', { class: 'hint', testid: 'tiers-info', 'aria-live': 'polite' });
  const search = firmSearch({ api: ctx.api, i18n, testid: 'tiers-search', label: t('tiers.focus'), onPick: (f) => ctx.navigate({ tiers: { focus: f.id } }) });
  const depth = select({ testid: 'tiers-depth', onchange: () => ctx.navigate({ tiers: { depth: Number(depth.value) } }) }, Array.from({ length: MAX_DEPTH }, (_, i) => [String(i + 1), String(i + 1)]), String(initial.tiers.depth));
  const agg = select({ testid: 'tiers-aggregate', onchange: () => ctx.navigate({ tiers: { aggregate: agg.value as AppState['tiers']['aggregate'] } }) }, AGGREGATE.map((a) => [a, t(`tiers.agg.${a}`)]), initial.tiers.aggregate);
  const heading = h('h1', { id: 'tiers-title', testid: 'tiers-heading' }, t('tiers.title'));
  let focalName = '';
  const bandLabel = (band: number): string => (band === 0 ? t('band.focal') : band < 0 ? t('band.up', { n: -band }) : t('band.down', { n: band }));
  // The list of every firm in the bands (grouped ones too), so a question like "tier-1 and tier-2
  // suppliers in Gangseo-gu" is answered with names: band and district filters, two choices.
  const list = dataTable<TierRow>({
    testid: 'tiers-list',
    i18n,
    view: 'tiers',
    caption: t('tiers.listCaption'),
    columns: [
      ...firmColumns<TierRow>(i18n, (r) => r.node),
      { key: 'band', label: t('col.band'), value: (r) => bandLabel(r.band) },
    ],
    filters: [
      {
        key: 'band',
        label: t('col.band'),
        options: (rows) => {
          const bands = [...new Set(rows.map((r) => r.band))].sort((a, b) => a - b);
          const up = bands.filter((b) => b < 0).map((b) => -b).sort((a, b) => a - b);
          const down = bands.filter((b) => b > 0);
          return [
            ['', t('table.all')],
            ...up.map((n): [string, string] => [`u${n}`, n === 1 ? bandLabel(-1) : t('bandFilter.up', { n })]),
            ...up.filter((n) => n > 1).map((n): [string, string] => [`b-${n}`, t('bandFilter.upOnly', { n })]),
            ...down.map((n): [string, string] => [`d${n}`, n === 1 ? bandLabel(1) : t('bandFilter.down', { n })]),
            ...down.filter((n) => n > 1).map((n): [string, string] => [`b${n}`, bandLabel(n)]),
          ];
        },
        test: (r, v) => {
          const n = Number(v.slice(1));
          if (v.startsWith('u')) return r.band < 0 && -r.band <= n;
          if (v.startsWith('d')) return r.band > 0 && r.band <= n;
          return r.band === n;
        },
      },
      ...firmFilters<TierRow>(i18n, (r) => r.node),
    ],
    rowId: (r) => r.node.id,
    onRow: (r) => ctx.navigate({ view: 'firm', firm: { id: r.node.id } }),
    state: initial.list,
    onState: (list) => ctx.navigate({ list }, 'replace'),
    exportTitle: () => t('tiers.listTitle', { firm: focalName }),
    exportMeta: () => exportMetadata(ctx, `${t('tiers.listTitle', { firm: focalName })} · ${t('tiers.depth')}: ${ctx.state().tiers.depth}`),
  });
  const element = h(
    'section',
    { class: 'view view-tiers', testid: 'view-tiers', 'aria-labelledby': 'tiers-title' },
    heading,
    h('div', { class: 'toolbar' }, search, h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('tiers.depth')), depth), h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('tiers.aggregate')), agg)),
    h('p', { class: 'hint' }, t('tiers.legend')),
    info,
    drawing,
    list.element,
  );

  async function focusOf(s: AppState, signal: AbortSignal): Promise<string | null> {
    if (s.tiers.focus) return s.tiers.focus;
    if (s.network.selected) return s.network.selected;
    if (s.network.focus[0]) return s.network.focus[0];
    const cohort = await latestCohort(ctx, signal);
    return (cohort.find((f) => f.tier === 'top-anchor') ?? cohort[0])?.id ?? null;
  }

  async function load(s: AppState): Promise<void> {
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    const task = ctx.progress.start(t('common.loading'));
    try {
      const focal = await focusOf(s, signal);
      if (!focal) {
        drawing.replaceChildren(notice('empty', t('tiers.pick')));
        return;
      }
      const net = await ctx.api.network(focal, { direction: 'both', depth: s.tiers.depth, limit: 5000 }, signal);
      layout = tierBands(net, focal, { aggregate: s.tiers.aggregate, threshold: 30 });
      const node = net.nodes.find((n) => n.id === focal);
      heading.textContent = node ? `${t('tiers.title')}: ${i18n.firmName(node)}` : t('tiers.title');
      focalName = node ? i18n.firmName(node) : focal;
      const bandOfId = new Map<string, number>();
      for (const b of layout.bands) for (const it of b.items) for (const id of it.ids) bandOfId.set(id, b.band);
      list.setRows(net.nodes.filter((n) => bandOfId.has(n.id)).map((n) => ({ node: n, band: bandOfId.get(n.id)! })));
      info.textContent = layout.backLinks > 0 ? t('tiers.cycles', { n: layout.backLinks }) : t('tiers.noCycles');
      svg = draw(layout);
      drawing.replaceChildren(svg);
      ctx.exportsChanged();
    } catch (err) {
      if (isAbort(err)) return;
      layout = null;
      svg = null;
      drawing.replaceChildren(notice('error', explain(err, i18n), { label: t('common.retry'), run: () => void load(ctx.state()) }));
      ctx.exportsChanged();
    } finally {
      task.done();
    }
  }

  function groupName(it: TierItem): string {
    if (it.groupBy === 'sector') return i18n.sector(it.groupValue ?? '');
    const v = it.groupValue ?? '';
    return v.startsWith('@') ? placeOf({ region: v.slice(1) }, i18n) : placeOf({ region: 'Busan', district: v || undefined }, i18n);
  }

  function itemLabel(it: TierItem): string {
    if (it.kind === 'firm' && it.node) return i18n.firmName(it.node);
    return t('tiers.group', { label: groupName(it), firms: i18n.firms(it.ids.length) });
  }

  function draw(l: TierLayout): SVGSVGElement {
    const minBand = Math.min(...l.bands.map((b) => b.band));
    const maxRows = Math.max(1, ...l.bands.map((b) => b.items.length));
    const width = LEFT * 2 + l.bands.length * COL;
    const height = TOP + maxRows * ROW + 80;
    const out = svgEl('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, role: 'group', 'aria-label': heading.textContent ?? '', style: 'font: 12px system-ui, "Noto Sans KR", sans-serif' });
    const defs = svgEl('defs');
    for (const [id, colour] of [
      ['tier-arrow', '#5b6472'],
      ['tier-arrow-loop', LOOP_COLOUR],
    ]) {
      const m = svgEl('marker', { id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto', markerUnits: 'userSpaceOnUse' });
      m.append(svgEl('path', { d: 'M0,0L10,5L0,10z', fill: colour }));
      defs.append(m);
    }
    out.append(defs, svgEl('rect', { width, height, fill: '#ffffff' }));
    const pos = new Map<string, { x: number; y: number }>();
    const columnX = (band: number): number => LEFT + (band - minBand) * COL;
    for (const b of l.bands) {
      const x = columnX(b.band);
      const title = b.band === 0 ? t('tiers.focal') : t('tiers.band', { n: Math.abs(b.band) });
      const side = b.band < 0 ? t('tiers.upstream') : b.band > 0 ? t('tiers.downstream') : '';
      out.append(svgEl('text', { x, y: 18, fill: '#5c6370' }, side));
      out.append(svgEl('text', { x, y: 36, fill: '#1a1a1a', 'font-weight': 600 }, title));
      out.append(svgEl('text', { x, y: 52, fill: '#5c6370' }, i18n.firms(b.firms)));
      b.items.forEach((it, i) => pos.set(it.key, { x, y: TOP + i * ROW }));
    }
    const width3 = scaleSqrt()
      .domain([0, Math.max(1, ...l.links.map((k) => k.value))])
      .range([0.8, 7]);
    const linkLayer = svgEl('g', { fill: 'none' });
    for (const link of l.links) {
      const s = pos.get(link.source);
      const d = pos.get(link.target);
      if (!s || !d) continue;
      let path: string;
      if (link.kind === 'forward') {
        const x0 = s.x + ITEM_W;
        const y0 = s.y + ROW / 2 - 2;
        const x1 = d.x - 2;
        const y1 = d.y + ROW / 2 - 2;
        const mx = (x0 + x1) / 2;
        path = `M${x0},${y0}C${mx},${y0} ${mx},${y1} ${x1},${y1}`;
      } else {
        // Against the flow: a loop that leaves the supplier's bottom and comes into the buyer's bottom.
        const x0 = s.x + ITEM_W / 2;
        const y0 = s.y + ROW - 4;
        const x1 = d.x + ITEM_W / 2 + 6;
        const y1 = d.y + ROW - 4;
        const drop = 30 + Math.abs(x1 - x0) * 0.15;
        path = `M${x0},${y0}C${x0},${Math.max(y0, y1) + drop} ${x1},${Math.max(y0, y1) + drop} ${x1},${y1 + 2}`;
      }
      const p = svgEl('path', {
        d: path,
        stroke: link.kind === 'back' ? LOOP_COLOUR : '#5b6472',
        // Loops stay visible, but many of them would hide the chain itself.
        'stroke-opacity': link.kind === 'back' ? (l.backLinks > 40 ? 0.55 : 0.95) : 0.45,
        'stroke-width': width3(link.value),
        'marker-end': `url(#${link.kind === 'back' ? 'tier-arrow-loop' : 'tier-arrow'})`,
        'data-kind': link.kind,
      });
      if (link.kind === 'back') p.setAttribute('stroke-dasharray', '5 3');
      p.append(svgEl('title', {}, `${i18n.money(link.value)}${link.count > 1 ? ` (${link.count})` : ''}`));
      linkLayer.append(p);
    }
    out.append(linkLayer);
    for (const b of l.bands) {
      for (const it of b.items) {
        const p = pos.get(it.key)!;
        const focal = it.key === l.focal;
        const label = itemLabel(it);
        const g = svgEl('g', { class: 'node', transform: `translate(${p.x},${p.y})`, tabindex: 0, role: 'button', 'aria-label': label, 'data-testid': it.kind === 'firm' ? 'tier-firm' : 'tier-group', 'data-id': it.kind === 'firm' ? it.ids[0] : it.key, 'data-band': b.band });
        const colour = it.node ? TIER_COLOURS[it.node.tier] : '#B8B8B8';
        const box = svgEl('rect', { width: ITEM_W, height: ROW - 4, rx: 4, fill: it.kind === 'group' ? '#f0f1f3' : '#ffffff', stroke: it.onCycle ? LOOP_COLOUR : focal ? '#111111' : '#c4c8ce', 'stroke-width': focal || it.onCycle ? 2 : 1 });
        if (it.onCycle) box.setAttribute('stroke-dasharray', '4 2');
        g.append(box, svgEl('rect', { width: 6, height: ROW - 4, rx: 2, fill: colour }));
        // Names are cut to the box as measured (Hangul is wider than Latin); a group keeps its count.
        if (it.kind === 'group') {
          const count = i18n.count(it.ids.length);
          g.append(svgEl('text', { x: ITEM_W - 6, y: ROW / 2 + 2, fill: '#5c6370', 'text-anchor': 'end' }, count));
          g.append(svgEl('text', { x: 12, y: ROW / 2 + 2, fill: '#1a1a1a' }, fitText(groupName(it), ITEM_W - 26 - measure(count), measure)));
        } else {
          g.append(svgEl('text', { x: 12, y: ROW / 2 + 2, fill: '#1a1a1a', 'font-weight': focal ? 700 : 400 }, fitText(label, ITEM_W - 18, focal ? measureBold : measure)));
        }
        g.append(svgEl('title', {}, `${label} · ${i18n.money(it.revenue)}`));
        const activate = (): void => {
          // A group opens as the list of its members, with their districts, right below the drawing.
          if (it.kind === 'group') {
            const filters: Record<string, string> = { band: b.band === -1 ? 'u1' : b.band === 1 ? 'd1' : `b${b.band}`, [it.groupBy === 'sector' ? 'sector' : 'district']: it.groupValue ?? '' };
            ctx.navigate({ list: { filters, sort: ctx.state().list.sort } }, 'replace');
            list.element.scrollIntoView({ block: 'start' });
            ctx.announce(t('tiers.groupShown', { label: groupName(it) }));
          }
          else if (!focal) ctx.navigate({ tiers: { focus: it.ids[0] } });
          else ctx.navigate({ view: 'firm', firm: { id: it.ids[0] } });
        };
        g.addEventListener('click', activate);
        g.addEventListener('keydown', (ev) => {
          if (ev.key === 'Enter' || ev.key === ' ') {
            ev.preventDefault();
            activate();
          }
        });
        out.append(g);
      }
    }
    return out;
  }

  void load(initial);
  return {
    element,
    update(next, prev) {
      depth.value = String(next.tiers.depth);
      agg.value = next.tiers.aggregate;
      list.setState(next.list);
      if (JSON.stringify(next.tiers) !== JSON.stringify(prev.tiers)) void load(next);
    },
    exporters: () => (svg && layout ? { svg: async () => svgBlob(svg!), png: () => svgToPng(svg!) } : {}),
    destroy() {
      controller?.abort();
    },
  };
};
