/**
 * Firm view: profile, revenue and employment history, suppliers and buyers with their shares, network
 * measures with the firm's percentile among same-sector peers, and its place in the anchors' chains.
 */
import { isAbort } from '../api.ts';
import type { ViewFactory } from '../context.ts';
import { explain } from '../errors.ts';
import { svgBlob, svgToPng } from '../export.ts';
import { anchorChains, anchorRelations } from '../shape/chains.ts';
import { COEFFICIENT_COLUMNS, COEFFICIENT_METRICS, COEFFICIENT_TABLE } from '../shape/coefficients.ts';
import { defaultScenario, internalHref, type AppState } from '../state.ts';
import { METRIC_KEYS, type FirmDetail, type MetricKey, type Neighbour } from '../types.ts';
import { lineChart, svgEl } from '../ui/charts.ts';
import { h, notice } from '../ui/dom.ts';
import { firmSearch } from '../ui/search.ts';
import { dataTable } from '../ui/dataTable.ts';
import { changeColumns, changeFilter, yearControl } from '../ui/yearControl.ts';
import { exportMetadata } from '../exports/metadata.ts';
import { axPlanSection } from './firmAxPlan.ts';
import { tierHistorySection } from './firmTierHistory.ts';

export const firmView: ViewFactory = (ctx, initial) => {
  const { i18n } = ctx;
  const t = i18n.t;
  let controller: AbortController | null = null;
  let firm: FirmDetail | null = null;
  const body = h('div', { class: 'firm-body', testid: 'firm-body' });
  /** Anchors listed before "show more". */
  const CHAINS_SHOWN = 8;
  const NEIGHBOURS_SHOWN = 25;
  /** Metrics in KRW million, shown as money. */
  const MONEY_METRICS: ReadonlySet<MetricKey> = new Set(['inStrength', 'outStrength']);
  /** Metrics that are shares (0..1), shown as percentages. */
  const SHARE_METRICS: ReadonlySet<MetricKey> = new Set(['regionalRetention']);
  const search = firmSearch({ api: ctx.api, i18n, testid: 'firm-search', onPick: (f) => ctx.navigate({ firm: { id: f.id } }) });
  // One year for the network and firm views: a planner moving between them keeps the year chosen.
  const years = yearControl({ api: ctx.api, i18n, testid: 'firm', year: initial.network.year, cmp: initial.network.cmp, onChange: (year, cmp) => ctx.navigate({ network: { year, cmp } }) });
  const element = h('section', { class: 'view view-firm', testid: 'view-firm', 'aria-labelledby': 'firm-title' }, h('div', { class: 'toolbar' }, search, years.element), body);

  /** With a comparison: each supplier (or buyer) in either year, what changed and by how much. */
  function changeTable(title: string, testid: string, list: Neighbour[]): HTMLElement {
    const table = dataTable<Neighbour>({
      testid,
      i18n,
      view: testid,
      caption: title,
      columns: [
        { key: 'name', label: t('col.firm'), value: (n) => i18n.firmName(n), display: (n) => h('a', { href: internalHref(ctx.state().lang, { view: 'firm', firm: { id: n.id } }) }, i18n.firmName(n)) },
        { key: 'tier', label: t('col.tier'), value: (n) => i18n.tier(n.tier) },
        ...changeColumns<Neighbour>(i18n),
      ],
      filters: [changeFilter<Neighbour>(i18n)],
      rowId: (n) => n.id,
      state: { filters: {}, sort: '-delta' },
      exportTitle: () => title,
      exportMeta: () => exportMetadata(ctx, `${firm ? i18n.firmName(firm) : ''} · ${title}`),
    });
    table.setRows(list);
    return h('div', { class: 'section' }, table.element);
  }

  function neighbours(title: string, testid: string, list: Neighbour[], empty: string, shareLabel: string): HTMLElement {
    if (list.length === 0) return h('div', { class: 'section' }, h('h2', {}, title), h('p', { class: 'hint' }, empty));
    const top = [...list].sort((a, b) => b.value - a.value).slice(0, NEIGHBOURS_SHOWN);
    return h(
      'div',
      { class: 'section' },
      h('h2', {}, `${title} (${i18n.count(list.length)})`),
      list.length > top.length ? h('p', { class: 'hint' }, t('firm.largestShown', { n: top.length, total: i18n.count(list.length) })) : null,
      h(
        'table',
        { testid },
        h('thead', {}, h('tr', {}, h('th', {}, t('firmAttr.name')), h('th', {}, t('firmAttr.tier')), h('th', { class: 'num' }, t('firm.value')), h('th', {}, shareLabel))),
        h(
          'tbody',
          {},
          ...top.map((n) =>
            h(
              'tr',
              { 'data-id': n.id },
              h('td', {}, h('a', { href: internalHref(ctx.state().lang, { view: 'firm', firm: { id: n.id } }) }, i18n.firmName(n))),
              h('td', {}, h('span', { class: `tier-badge tier-${n.tier}` }, i18n.tier(n.tier))),
              h('td', { class: 'num' }, i18n.money(n.value)),
              h('td', {}, h('span', { class: 'share-bar', style: `width:${Math.round(Math.max(0, Math.min(1, n.share)) * 80)}px` }), i18n.percent(n.share)),
            ),
          ),
        ),
      ),
    );
  }

  function yearTitle(title: string, f: FirmDetail): string {
    return f.year === undefined ? title : `${title} · ${t('year.shown', { year: f.year })}`;
  }

  function metrics(f: FirmDetail): HTMLElement {
    const box = h('div', { class: 'section' }, h('h2', {}, t('firm.metrics')));
    if (!f.metrics) {
      box.append(h('p', { class: 'hint', testid: 'firm-no-metrics' }, t('firm.noMetrics')));
      return box;
    }
    const value = (k: MetricKey, v: number): string => (k === 'articulation' ? (v ? t('common.yes') : t('common.no')) : MONEY_METRICS.has(k) ? i18n.money(v) : SHARE_METRICS.has(k) ? i18n.percent(v) : i18n.metric(v));
    const rows = METRIC_KEYS.filter((k) => !COEFFICIENT_METRICS.has(k) && f.metrics?.[k] !== undefined && f.metrics?.[k] !== null).map((k) => {
      const p = f.metricPercentiles?.[k];
      return h(
        'tr',
        { 'data-metric': k },
        h('td', {}, i18n.measure(k)),
        h('td', { class: 'num' }, value(k, f.metrics![k]!)),
        h('td', {}, typeof p !== 'number' || k === 'community' ? '–' : [h('span', { class: 'pct-bar', role: 'img', 'aria-label': `${Math.round(p)}` }, h('span', { style: `width:${Math.max(0, Math.min(100, p))}%` })), String(Math.round(p))]),
      );
    });
    box.append(h('table', { testid: 'firm-metrics' }, h('thead', {}, h('tr', {}, h('th', {}, t('firm.metric')), h('th', { class: 'num' }, t('firm.valueCol')), h('th', {}, t('firm.percentile')))), h('tbody', {}, ...rows)));
    box.append(coefficients(f));
    return box;
  }

  /** The Bank of Korea coefficients by scope and type, each with its percentile among same-sector firms. */
  function coefficients(f: FirmDetail): HTMLElement {
    const region = i18n.region(ctx.meta?.homeRegion ?? 'Busan');
    const cell = (k: string | null): HTMLElement => {
      const v = k ? f.metrics?.[k as keyof typeof f.metrics] : null;
      if (typeof v !== 'number') return h('td', { class: 'num' }, '–');
      const p = f.metricPercentiles?.[k as keyof typeof f.metrics];
      return h('td', { class: 'num', 'data-metric': k }, i18n.metric(v), typeof p === 'number' ? h('span', { class: 'pct' }, ` p${Math.round(p)}`) : null);
    };
    const outside = f.region !== (ctx.meta?.homeRegion ?? 'Busan');
    return h(
      'div',
      { class: 'section', testid: 'firm-coefficients' },
      h('h2', {}, t('firm.bok')),
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, h('th', {}, t('firm.bok.coefficient')), ...COEFFICIENT_COLUMNS.map((c) => h('th', { class: 'num' }, t(`firm.bok.${c}`, { region }))))),
        h('tbody', {}, ...COEFFICIENT_TABLE.map((row) => h('tr', { 'data-coefficient': row.coefficient }, h('th', { scope: 'row' }, t(`coef.${row.coefficient}` as 'coef.output')), ...COEFFICIENT_COLUMNS.map((c) => cell(row.cells[c]))))),
      ),
      h('p', { class: 'hint' }, outside ? `${t('firm.bok.outside', { region })} ` : '', t('firm.bok.help', { region })),
    );
  }

  function history(f: FirmDetail): HTMLElement {
    const box = h('div', { class: 'section' }, h('h2', {}, t('firm.history')));
    const points = f.history ?? [];
    if (points.length === 0) {
      box.append(h('p', { class: 'hint' }, t('firm.noHistory')));
      return box;
    }
    box.append(
      h(
        'div',
        { class: 'grid-2' },
        lineChart([{ name: t('firmAttr.revenue'), colour: '#0072B2', points: points.map((p) => ({ x: p.year, y: p.revenue })) }], { title: t('firmAttr.revenue'), format: (v) => i18n.money(v), testid: 'firm-history-revenue' }),
        lineChart([{ name: t('firmAttr.employees'), colour: '#E69F00', points: points.map((p) => ({ x: p.year, y: p.employees })) }], { title: t('firmAttr.employees'), format: (v) => i18n.count(v), testid: 'firm-history-employees' }),
      ),
    );
    return box;
  }

  async function chains(f: FirmDetail, box: HTMLElement, signal: AbortSignal): Promise<void> {
    try {
      const net = await ctx.api.network(f.id, { direction: 'both', depth: 4, limit: 5000 }, signal);
      const relations = anchorRelations(anchorChains(net, f.id));
      const item = (r: (typeof relations)[number]): HTMLElement => {
        const roles = [r.supplierTier !== null ? t('firm.chainUp', { n: r.supplierTier }) : null, r.buyerTier !== null ? t('firm.chainDown', { n: r.buyerTier }) : null].filter(Boolean).join(' · ');
        return h(
          'li',
          { 'data-id': r.anchor.id },
          h('a', { href: internalHref(ctx.state().lang, { view: 'tiers', tiers: { focus: r.anchor.id } }) }, i18n.firmName(r.anchor)),
          ' ',
          h('span', { class: `tier-badge tier-${r.anchor.tier}` }, i18n.tier(r.anchor.tier)),
          h('span', { class: 'chain-roles' }, ` — ${roles}`),
        );
      };
      const isAnchor = f.tier === 'top-anchor' || f.tier === 'anchor' || f.tier === 'pre-anchor';
      if (isAnchor) box.append(h('p', {}, t('firm.isAnchor')));
      if (relations.length === 0) box.append(h('p', { class: 'hint' }, t('firm.noChains')));
      else {
        box.append(h('p', { class: 'hint' }, t('firm.chainsHelp')), h('ul', { testid: 'firm-chains', class: 'chains' }, ...relations.slice(0, CHAINS_SHOWN).map(item)));
        if (relations.length > CHAINS_SHOWN) {
          box.append(h('details', { testid: 'firm-chains-more' }, h('summary', {}, t('firm.chainsMore', { n: relations.length - CHAINS_SHOWN })), h('ul', { class: 'chains' }, ...relations.slice(CHAINS_SHOWN).map(item))));
        }
      }
    } catch (err) {
      if (!isAbort(err)) box.append(notice('error', explain(err, i18n)));
    }
  }

  function render(f: FirmDetail, signal: AbortSignal): void {
    const fact = (label: string, value: string | number | undefined | null): HTMLElement[] => (value === undefined || value === null || value === '' ? [] : [h('dt', {}, label), h('dd', {}, String(value))]);
    const chainBox = h('div', { class: 'section', testid: 'firm-chains-section' }, h('h2', {}, t('firm.chains')));
    body.replaceChildren(
      h('h1', { id: 'firm-title', testid: 'firm-name' }, i18n.firmName(f), ' ', h('span', { class: `tier-badge tier-${f.tier}` }, i18n.tier(f.tier))),
      h('p', { class: 'panel-alt' }, i18n.lang === 'ko' ? f.name : (f.nameKo ?? '')),
      h(
        'div',
        { class: 'toolbar' },
        h('a', { href: internalHref(ctx.state().lang, { view: 'network', network: { src: 'ego', focus: [f.id], selected: f.id } }), testid: 'firm-open-network' }, t('firm.openNetwork')),
        h('a', { href: internalHref(ctx.state().lang, { view: 'tiers', tiers: { focus: f.id } }), testid: 'firm-open-tiers' }, t('panel.openTiers')),
        h('a', { href: internalHref(ctx.state().lang, { view: 'ripple', ripple: { a: { ...defaultScenario(), shocks: [{ firmId: f.id, amount: 10_000 }] } } }), testid: 'firm-open-ripple' }, t('panel.ripple')),
      ),
      h(
        'div',
        { class: 'grid-2' },
        h(
          'div',
          { class: 'section' },
          h(
            'dl',
            { class: 'facts', testid: 'firm-facts' },
            ...fact(t('firmAttr.sector'), `${f.sector} ${i18n.sector(f.sector)}`),
            ...fact(t('firmAttr.region'), i18n.region(f.region)),
            ...fact(t('firmAttr.district'), f.district ? i18n.district(f.district) : undefined),
            ...fact(t('firmAttr.revenue'), i18n.money(f.revenue)),
            ...fact(t('firmAttr.employees'), i18n.count(f.employees)),
            ...fact(t('firmAttr.founded'), f.founded),
            ...fact(t('firmAttr.exportShare'), f.exportShare === undefined ? undefined : i18n.percent(f.exportShare)),
            ...fact(t('firmAttr.rdIntensity'), f.rdIntensity === undefined ? undefined : i18n.percent(f.rdIntensity)),
            ...fact(t('firmAttr.patents'), f.patents),
            ...fact(t('firmAttr.certifications'), f.certifications),
            ...fact(t('firmAttr.axLevel'), f.axLevel),
            ...fact(t('firmAttr.cohort'), f.cohort),
            ...fact(t('firmAttr.brn'), f.brn),
          ),
        ),
        chainBox,
      ),
      history(f),
      h(
        'div',
        { class: 'grid-2' },
        f.compareYear !== undefined
          ? changeTable(t('firm.supplierChange', { from: f.compareYear, to: f.year ?? '' }), 'firm-supplier-change', f.suppliers ?? [])
          : neighbours(yearTitle(t('firm.suppliers'), f), 'firm-suppliers', f.suppliers ?? [], t('firm.noSuppliers'), t('firm.shareOfPurchases')),
        f.compareYear !== undefined
          ? changeTable(t('firm.buyerChange', { from: f.compareYear, to: f.year ?? '' }), 'firm-buyer-change', f.buyers ?? [])
          : neighbours(yearTitle(t('firm.buyers'), f), 'firm-buyers', f.buyers ?? [], t('firm.noBuyers'), t('firm.shareOfSales')),
      ),
      h('p', { class: 'hint', testid: 'firm-year-note', hidden: f.year === undefined }, t('year.note')),
      metrics(f),
      tierHistorySection(ctx, f.id, signal),
      axPlanSection(ctx, f.id, signal),
    );
    void chains(f, chainBox, signal);
  }

  async function load(s: AppState): Promise<void> {
    controller?.abort();
    controller = new AbortController();
    firm = null;
    ctx.exportsChanged();
    const id = s.firm.id ?? s.network.selected ?? s.tiers.focus;
    if (!id) {
      body.replaceChildren(h('h1', { id: 'firm-title' }, t('firm.title')), notice('empty', t('firm.pick')));
      return;
    }
    const task = ctx.progress.start(t('common.loading'));
    try {
      firm = await ctx.api.firm(id, controller.signal, { year: s.network.year, compareYear: s.network.cmp });
      render(firm, controller.signal);
      ctx.exportsChanged();
    } catch (err) {
      if (isAbort(err)) return;
      body.replaceChildren(h('h1', { id: 'firm-title' }, t('firm.title')), notice('error', explain(err, i18n), { label: t('common.retry'), run: () => void load(ctx.state()) }));
    } finally {
      task.done();
    }
  }

  function profileSvg(): SVGSVGElement {
    const charts = [...body.querySelectorAll<SVGSVGElement>('svg.chart')];
    const out = svgEl('svg', { xmlns: 'http://www.w3.org/2000/svg', width: 760, style: 'font: 12px system-ui, "Noto Sans KR", sans-serif' });
    out.append(svgEl('rect', { width: '100%', height: '100%', fill: '#ffffff' }), svgEl('text', { x: 10, y: 22, 'font-size': 16, 'font-weight': 700 }, firm ? i18n.firmName(firm) : ''));
    let y = 30;
    for (const row of body.querySelectorAll('[data-testid="firm-facts"] dt')) {
      out.append(svgEl('text', { x: 10, y: (y += 16) }, `${row.textContent}: ${row.nextElementSibling?.textContent ?? ''}`));
    }
    charts.forEach((c, i) => {
      const copy = c.cloneNode(true) as SVGSVGElement;
      copy.setAttribute('x', String(10 + (i % 2) * 370));
      copy.setAttribute('y', String(y + 10));
      out.append(copy);
    });
    out.setAttribute('height', String(y + 200));
    return out;
  }

  void load(initial);
  return {
    element,
    update(next, prev) {
      years.update(next.network.year, next.network.cmp);
      const yearChanged = next.network.year !== prev.network.year || next.network.cmp !== prev.network.cmp;
      if (yearChanged || next.firm.id !== prev.firm.id || (!next.firm.id && next.network.selected !== prev.network.selected)) void load(next);
    },
    exporters: () => (firm ? { svg: async () => svgBlob(profileSvg()), png: () => svgToPng(profileSvg()) } : {}),
    destroy() {
      controller?.abort();
    },
  };
};
