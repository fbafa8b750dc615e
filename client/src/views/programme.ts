/**
 * Programme view: how the firms of each cohort grew (revenue and employment, year on year) against the
 * home region's SMEs outside the programme, with the supported cohorts pooled as the headline.
 */
import { isAbort } from '../api.ts';
import type { ViewFactory } from '../context.ts';
import { explain } from '../errors.ts';
import { svgBlob, svgToPng, toCsv } from '../export.ts';
import { COMPARISON_COLOUR, PROGRAMME_CSV_HEADER, programmeCsvRows, programmeSummary, type OutcomeRow, type ProgrammeSummary } from '../shape/programme.ts';
import { signed } from '../i18n/format.ts';
import { approxTextWidth } from '../render/labels.ts';
import { formatState, withState } from '../state.ts';
import { groupedBarChart, svgEl } from '../ui/charts.ts';
import { h, notice } from '../ui/dom.ts';

type Measure = 'revenueGrowth' | 'employmentGrowth';

export const programmeView: ViewFactory = (ctx) => {
  const { i18n } = ctx;
  const t = i18n.t;
  const controller = new AbortController();
  let summary: ProgrammeSummary | null = null;
  const body = h('div', { class: 'programme-body', testid: 'programme-body' });
  const candidatesHref = formatState(withState(ctx.state(), { view: 'candidates' }));
  const element = h(
    'section',
    { class: 'view view-programme', testid: 'view-programme', 'aria-labelledby': 'programme-title' },
    h('h1', { id: 'programme-title' }, t('prog.title')),
    h('p', { class: 'hint' }, t('prog.intro', { region: i18n.region(ctx.meta?.homeRegion ?? 'Busan') }), ' ', h('a', { href: candidatesHref }, t('prog.toCandidates'))),
    body,
  );

  function rowLabel(r: OutcomeRow, region: string): string {
    if (r.kind === 'cohort') return t('prog.cohort', { year: r.cohort ?? '' });
    if (r.kind === 'supported') return t('prog.supported');
    return t('prog.comparison', { region });
  }

  function chart(s: ProgrammeSummary, measure: Measure, region: string): SVGSVGElement {
    const bars = s.rows.filter((r) => r.kind !== 'supported');
    const title = measure === 'revenueGrowth' ? t('prog.revenueGrowth') : t('prog.employmentGrowth');
    return groupedBarChart(
      s.years.map((year) => ({
        label: String(year),
        bars: bars.map((r) => {
          const c = r.cells.get(year);
          const v = c?.[measure] ?? null;
          return {
            key: r.key,
            value: v,
            colour: r.colour,
            faded: c?.beforeSelection ?? false,
            label: `${rowLabel(r, region)}, ${year}: ${i18n.growth(v)}${c?.beforeSelection ? ` (${t('prog.beforeSelection')})` : ''}`,
            attrs: { 'data-group': r.key, 'data-year': String(year) },
          };
        }),
      })),
      { title, format: (v) => i18n.growth(v), tickFormat: (v) => (v === 0 ? i18n.percent(0) : signed(v, (x) => i18n.percent(x, 0))), testid: `programme-chart-${measure === 'revenueGrowth' ? 'revenue' : 'employment'}`, width: 540, height: 260 },
    );
  }

  function legend(s: ProgrammeSummary, region: string): HTMLElement {
    const items = s.rows
      .filter((r) => r.kind !== 'supported')
      .map((r) =>
        h(
          'li',
          { 'data-group': r.key },
          h('span', { class: 'swatch', style: `background:${r.colour}`, 'aria-hidden': 'true' }),
          `${rowLabel(r, region)} (${i18n.firms(r.firms)})`,
        ),
      );
    const faded = s.rows.some((r) => [...r.cells.values()].some((c) => c.beforeSelection));
    return h(
      'div',
      { class: 'programme-legend', testid: 'programme-legend' },
      h('ul', { class: 'swatch-list' }, ...items),
      faded ? h('p', { class: 'hint' }, h('span', { class: 'swatch faded', style: `border-color:${COMPARISON_COLOUR}`, 'aria-hidden': 'true' }), t('prog.fadedNote')) : null,
    );
  }

  function table(s: ProgrammeSummary, region: string): HTMLTableElement {
    const cell = (r: OutcomeRow, year: number, measure: Measure): HTMLElement => {
      const c = r.cells.get(year);
      const v = c?.[measure] ?? null;
      return h(
        'td',
        { class: `num${c?.beforeSelection ? ' before' : ''}`, 'data-year': String(year), 'data-measure': measure === 'revenueGrowth' ? 'revenue' : 'employment', title: c?.beforeSelection ? t('prog.beforeSelection') : undefined },
        i18n.growth(v),
      );
    };
    return h(
      'table',
      { testid: 'programme-table', class: 'programme-table' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', { rowspan: 2 }, t('prog.group')), h('th', { rowspan: 2, class: 'num' }, t('prog.firms')), ...s.years.map((y) => h('th', { colspan: 2, class: 'num year' }, String(y)))),
        h('tr', {}, ...s.years.flatMap(() => [h('th', { class: 'num' }, t('prog.revenue')), h('th', { class: 'num' }, t('prog.employment'))])),
      ),
      h(
        'tbody',
        {},
        ...s.rows.map((r) =>
          h(
            'tr',
            { 'data-group': r.key, class: r.kind === 'supported' ? 'pooled' : '' },
            h('th', { scope: 'row' }, h('span', { class: 'swatch', style: `background:${r.colour}`, 'aria-hidden': 'true' }), rowLabel(r, region)),
            h('td', { class: 'num' }, i18n.count(r.firms)),
            ...s.years.flatMap((y) => [cell(r, y, 'revenueGrowth'), cell(r, y, 'employmentGrowth')]),
          ),
        ),
      ),
    );
  }

  function render(s: ProgrammeSummary): void {
    const region = i18n.region(s.homeRegion);
    const hl = s.headline;
    const cards = hl
      ? h(
          'div',
          { class: 'cards', testid: 'programme-headline' },
          h(
            'div',
            { class: 'card', testid: 'programme-headline-revenue' },
            h('div', { class: 'label' }, t('prog.headlineRevenue', { year: hl.year })),
            h('div', { class: 'value' }, i18n.growth(hl.supported.revenueGrowth)),
            h('div', { class: 'sub' }, t('prog.versus', { region, value: i18n.growth(hl.comparison.revenueGrowth) })),
          ),
          h(
            'div',
            { class: 'card', testid: 'programme-headline-employment' },
            h('div', { class: 'label' }, t('prog.headlineEmployment', { year: hl.year })),
            h('div', { class: 'value' }, i18n.growth(hl.supported.employmentGrowth)),
            h('div', { class: 'sub' }, t('prog.versus', { region, value: i18n.growth(hl.comparison.employmentGrowth) })),
          ),
          h('p', { class: 'hint headline-note' }, t('prog.headlineNote', { cohorts: hl.cohorts.join(', '), year: hl.year })),
        )
      : null;
    body.replaceChildren(
      ...(cards ? [cards] : []),
      h('div', { class: 'section', testid: 'programme-chart' }, legend(s, region), h('div', { class: 'grid-2' }, chart(s, 'revenueGrowth', region), chart(s, 'employmentGrowth', region))),
      h('div', { class: 'section' }, h('h2', {}, t('prog.tableTitle')), h('div', { class: 'table-scroll' }, table(s, region)), h('p', { class: 'hint' }, t('prog.method'))),
    );
  }

  async function load(): Promise<void> {
    const task = ctx.progress.start(t('common.loading'));
    body.setAttribute('aria-busy', 'true');
    try {
      const data = await ctx.api.programmeOutcomes(controller.signal);
      summary = programmeSummary(data);
      if (summary.years.length === 0) body.replaceChildren(notice('empty', t('prog.empty')));
      else render(summary);
    } catch (err) {
      if (isAbort(err)) return;
      summary = null;
      body.replaceChildren(notice('error', explain(err, i18n), { label: t('common.retry'), run: () => void load() }));
    } finally {
      body.removeAttribute('aria-busy');
      task.done();
      ctx.exportsChanged();
    }
  }

  /** The headline and both charts as one drawing, for SVG/PNG export. */
  function drawingSvg(): SVGSVGElement {
    const charts = [...body.querySelectorAll<SVGSVGElement>('svg.chart')];
    const out = svgEl('svg', { xmlns: 'http://www.w3.org/2000/svg', width: 1110, style: 'font: 12px system-ui, "Noto Sans KR", sans-serif' });
    out.append(svgEl('rect', { width: '100%', height: '100%', fill: '#ffffff' }), svgEl('text', { x: 10, y: 22, 'font-size': 16, 'font-weight': 700 }, t('prog.title')));
    let y = 26;
    const hl = summary?.headline;
    if (hl && summary) {
      const region = i18n.region(summary.homeRegion);
      out.append(
        svgEl('text', { x: 10, y: (y += 18) }, `${t('prog.headlineRevenue', { year: hl.year })}: ${i18n.growth(hl.supported.revenueGrowth)} (${t('prog.versus', { region, value: i18n.growth(hl.comparison.revenueGrowth) })})`),
        svgEl('text', { x: 10, y: (y += 18) }, `${t('prog.headlineEmployment', { year: hl.year })}: ${i18n.growth(hl.supported.employmentGrowth)} (${t('prog.versus', { region, value: i18n.growth(hl.comparison.employmentGrowth) })})`),
      );
    }
    let x = 10;
    for (const row of body.querySelectorAll<HTMLElement>('[data-testid="programme-legend"] li')) {
      const colour = row.querySelector<HTMLElement>('.swatch')?.style.background ?? '#999';
      out.append(svgEl('rect', { x, y: y + 10, width: 12, height: 12, fill: colour }), svgEl('text', { x: x + 16, y: y + 21 }, row.textContent ?? ''));
      x += 30 + approxTextWidth(row.textContent ?? '', 12);
    }
    if (body.querySelector('.swatch.faded')) out.append(svgEl('text', { x: 10, y: y + 40, fill: '#5c6370' }, t('prog.fadedNote')));
    y += 52;
    charts.forEach((c, i) => {
      const copy = c.cloneNode(true) as SVGSVGElement;
      copy.setAttribute('x', String(10 + i * 550));
      copy.setAttribute('y', String(y));
      out.append(copy);
    });
    out.setAttribute('height', String(y + Math.max(0, ...charts.map((c) => Number(c.getAttribute('height')) || 0)) + 10));
    return out;
  }

  function csv(): Blob {
    return new Blob(['\ufeff', toCsv(PROGRAMME_CSV_HEADER, summary ? programmeCsvRows(summary) : [])], { type: 'text/csv;charset=utf-8' });
  }

  void load();
  return {
    element,
    update() {
      // The view has no state of its own beyond being open.
    },
    exporters: () => (summary && summary.years.length ? { csv, svg: async () => svgBlob(drawingSvg()), png: () => svgToPng(drawingSvg()) } : {}),
    destroy() {
      controller.abort();
    },
  };
};
