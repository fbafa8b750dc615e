/**
 * Programme view: the programme's estimated effect (matched difference in differences) beside the figure it
 * published, the event study that lets the reader judge the comparison, the spillover group of the anchors'
 * partners, every cohort's estimates, and a plain note of what the numbers mean and do not mean.
 */
import { isAbort } from '../api.ts';
import type { ViewFactory } from '../context.ts';
import { explain } from '../errors.ts';
import { svgBlob, svgToPng, toCsv } from '../export.ts';
import {
  asGrowth,
  COMPARISON_COLOUR,
  EVALUATION_CSV_HEADER,
  evaluationCsvRows,
  eventStudyPoints,
  headlineOf,
  largestPreTrend,
  MEASURES,
  PROGRAMME_COLOUR,
  PUBLISHED_COLOUR,
  SPILLOVER_COLOUR,
  type Headline,
  type Measure,
  type Weighting,
} from '../shape/programme.ts';
import { signed } from '../i18n/format.ts';
import { formatState, withState } from '../state.ts';
import type { GroupEvaluation, ProgrammeEvaluation } from '../types.ts';
import { eventStudyChart, intervalBarChart, svgEl, type BandSeries } from '../ui/charts.ts';
import { h, notice } from '../ui/dom.ts';

export const programmeView: ViewFactory = (ctx) => {
  const { i18n } = ctx;
  const t = i18n.t;
  const controller = new AbortController();
  let data: ProgrammeEvaluation | null = null;
  let weighting: Weighting = 'weighted';
  const body = h('div', { class: 'programme-body', testid: 'programme-body' });
  const candidatesHref = formatState(withState(ctx.state(), { view: 'candidates' }));
  const element = h(
    'section',
    { class: 'view view-programme', testid: 'view-programme', 'aria-labelledby': 'programme-title' },
    h('h1', { id: 'programme-title' }, t('prog.title')),
    h('p', { class: 'hint' }, t('prog.intro', { region: i18n.region(ctx.meta?.homeRegion ?? 'Busan') }), ' ', h('a', { href: candidatesHref }, t('prog.toCandidates'))),
    body,
  );

  const cohortList = (cohorts: readonly number[]) => cohorts.join(i18n.lang === 'ko' ? '·' : ', ');
  const measureName = (m: Measure) => (m === 'revenue' ? t('prog.revenue') : t('prog.employment'));
  const points = (v: number | null | undefined) => (v === null || v === undefined ? '–' : i18n.points(v));
  const level = () => Math.round((data?.method.bootstrap.level ?? 0.95) * 100);

  function groupLabel(g: GroupEvaluation): string {
    const pooled = g.cohorts.length > 1 || g.key.startsWith('cohorts-') || g.key.startsWith('spillover-cohorts-');
    if (g.kind === 'spillover') return pooled ? t('prog.spilloverOf', { cohorts: cohortList(g.cohorts) }) : t('prog.spilloverCohort', { year: g.cohorts[0] });
    return pooled ? t('prog.pooled', { cohorts: cohortList(g.cohorts) }) : t('prog.cohort', { year: g.cohorts[0] });
  }

  function intervalText(e: { low: number | null; high: number | null }): string {
    return e.low === null || e.high === null ? '' : t('prog.interval', { level: level(), low: points(e.low), high: points(e.high) });
  }

  /** Published figure and estimated effect, side by side, for one measure. */
  function headlineCards(hl: Headline, measure: Measure): HTMLElement {
    const effect = hl.programme.effect;
    const m = effect?.[measure];
    const published = measure === 'revenue' ? hl.published.revenue : hl.published.employment;
    return h(
      'div',
      { class: 'cards programme-pair', testid: `programme-headline-${measure}` },
      h(
        'div',
        { class: 'card published', testid: `programme-published-${measure}` },
        h('div', { class: 'label' }, t('prog.published', { measure: measureName(measure), year: hl.year })),
        h('div', { class: 'value' }, i18n.growth(published)),
        h('div', { class: 'sub' }, t('prog.publishedNote')),
      ),
      h(
        'div',
        { class: 'card effect', testid: `programme-effect-${measure}` },
        h('div', { class: 'label' }, t('prog.effect', { measure: measureName(measure), year: effect?.year ?? hl.year })),
        h('div', { class: 'value' }, points(m?.weighted.estimate)),
        h('div', { class: 'sub interval', testid: `programme-effect-${measure}-interval` }, m ? `${intervalText(m.weighted)} · ${t('prog.weightedNote')}` : ''),
        m
          ? h(
              'div',
              { class: 'sub' },
              t('prog.unweightedLine', { value: points(m.unweighted.estimate), low: points(m.unweighted.low), high: points(m.unweighted.high) }),
            )
          : null,
      ),
    );
  }

  function effectChart(hl: Headline, measure: Measure): SVGSVGElement {
    const effect = hl.programme.effect?.[measure];
    const spill = hl.spillover?.effect?.[measure];
    const published = measure === 'revenue' ? hl.published.revenue : hl.published.employment;
    // Growth rows are growth rates (%), effect rows differences of log growth (points), on one axis of ×100.
    const growth = (v: number) => i18n.growth(v);
    return intervalBarChart(
      [
        { key: 'published', label: t('prog.rowPublished'), value: published, colour: PUBLISHED_COLOUR, reference: true, format: growth },
        { key: 'treated', label: t('prog.rowTreated'), value: asGrowth(effect?.treated[weighting] ?? null), colour: PROGRAMME_COLOUR, reference: true, format: growth },
        { key: 'comparison', label: t('prog.rowComparison'), value: asGrowth(effect?.comparison[weighting] ?? null), colour: COMPARISON_COLOUR, reference: true, format: growth },
        { key: 'effect', label: t('prog.rowEffect'), value: effect?.[weighting].estimate ?? null, low: effect?.[weighting].low, high: effect?.[weighting].high, colour: PROGRAMME_COLOUR },
        { key: 'spillover', label: t('prog.rowSpillover'), value: spill?.[weighting].estimate ?? null, low: spill?.[weighting].low, high: spill?.[weighting].high, colour: SPILLOVER_COLOUR },
      ],
      { title: t('prog.chartEffect', { measure: measureName(measure), year: hl.year }), format: points, tickFormat: (v) => signed(v * 100, (x) => i18n.count(x)), testid: `programme-effect-chart-${measure}`, width: 560, labelWidth: 190 },
    );
  }

  function eventChart(hl: Headline, measure: Measure): SVGSVGElement {
    const series: BandSeries[] = [{ key: 'programme', name: t('prog.seriesProgramme'), colour: PROGRAMME_COLOUR, points: eventStudyPoints(hl.programme, measure, weighting) }];
    if (hl.spillover) series.push({ key: 'spillover', name: t('prog.seriesSpillover'), colour: SPILLOVER_COLOUR, points: eventStudyPoints(hl.spillover, measure, weighting) });
    return eventStudyChart(series, {
      title: t('prog.eventTitle', { measure: measureName(measure) }),
      format: (v) => points(v),
      xLabel: (x) => (x === 0 ? '0' : signed(x, (v) => String(v))),
      selectionLabel: t('prog.selection'),
      testid: `programme-event-study-${measure}`,
      width: 540,
    });
  }

  function weightingControl(): HTMLElement {
    const option = (value: Weighting, label: string) =>
      h(
        'label',
        {},
        h('input', { type: 'radio', name: 'programme-weighting', value, checked: weighting === value, testid: `programme-weighting-${value}`, onchange: () => setWeighting(value) }),
        ` ${label}`,
      );
    return h('fieldset', { class: 'inline', testid: 'programme-weighting' }, h('legend', {}, t('prog.weighting')), option('weighted', t('prog.weighted')), option('unweighted', t('prog.unweighted')));
  }

  function setWeighting(value: Weighting): void {
    weighting = value;
    if (data) render(data);
  }

  function legend(hl: Headline): HTMLElement {
    const item = (colour: string, label: string) => h('li', {}, h('span', { class: 'swatch', style: `background:${colour}`, 'aria-hidden': 'true' }), label);
    return h('ul', { class: 'swatch-list', testid: 'programme-legend' }, item(PROGRAMME_COLOUR, t('prog.seriesProgramme')), hl.spillover ? item(SPILLOVER_COLOUR, t('prog.seriesSpillover')) : null);
  }

  function preTrendNote(hl: Headline): HTMLElement | null {
    const worst = largestPreTrend(hl.programme, 'revenue', weighting);
    return worst ? h('p', { class: 'hint', testid: 'programme-pretrend' }, t('prog.preTrend', { value: points(worst.y), year: signed(worst.x, (v) => String(v)) })) : null;
  }

  function spilloverSection(s: GroupEvaluation, year: number, region: string): HTMLElement {
    const card = (measure: Measure) => {
      const m = s.effect?.[measure];
      return h(
        'div',
        { class: 'card effect', testid: `programme-spillover-${measure}` },
        h('div', { class: 'label' }, t('prog.effect', { measure: measureName(measure), year: s.effect?.year ?? year })),
        h('div', { class: 'value' }, points(m?.weighted.estimate)),
        h('div', { class: 'sub interval' }, m ? `${intervalText(m.weighted)} · ${t('prog.weightedNote')}` : ''),
        m ? h('div', { class: 'sub' }, t('prog.unweightedLine', { value: points(m.unweighted.estimate), low: points(m.unweighted.low), high: points(m.unweighted.high) })) : null,
      );
    };
    return h(
      'div',
      { class: 'section', testid: 'programme-spillover' },
      h('h2', {}, t('prog.spilloverTitle')),
      h('p', { class: 'hint' }, t('prog.spilloverIntro', { n: i18n.count(s.matched), region, cohorts: cohortList(s.cohorts) })),
      h('div', { class: 'cards' }, card('revenue'), card('employment')),
    );
  }

  function table(d: ProgrammeEvaluation): HTMLTableElement {
    const effectCell = (g: GroupEvaluation, measure: Measure) => {
      if (!g.effect) return h('td', { class: 'muted', 'data-measure': measure }, t('prog.noPost', { year: g.cohorts[0] }));
      const e = g.effect[measure][weighting];
      return h('td', { class: 'num', 'data-measure': measure }, points(e.estimate), e.low !== null ? h('span', { class: 'muted' }, ` (${points(e.low)} ~ ${points(e.high)})`) : null);
    };
    const year = d.outcomeYear ?? d.published.year;
    return h(
      'table',
      { testid: 'programme-table', class: 'programme-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, t('prog.group')),
          h('th', { class: 'num' }, t('prog.firms')),
          h('th', { class: 'num' }, t('prog.matched')),
          h('th', { class: 'num' }, t('prog.controls')),
          ...MEASURES.map((m) => h('th', { class: 'num' }, t('prog.effectCol', { measure: measureName(m), year }))),
        ),
      ),
      h(
        'tbody',
        {},
        ...d.groups.map((g) =>
          h(
            'tr',
            { 'data-group': g.key, class: g.key.includes('cohorts-') ? 'pooled' : '' },
            h('th', { scope: 'row' }, h('span', { class: 'swatch', style: `background:${g.kind === 'spillover' ? SPILLOVER_COLOUR : PROGRAMME_COLOUR}`, 'aria-hidden': 'true' }), groupLabel(g)),
            h('td', { class: 'num' }, i18n.count(g.firms)),
            h('td', { class: 'num' }, i18n.count(g.matched)),
            h('td', { class: 'num' }, i18n.count(g.controls)),
            ...MEASURES.map((m) => effectCell(g, m)),
          ),
        ),
      ),
    );
  }

  function render(d: ProgrammeEvaluation): void {
    const region = i18n.region(d.homeRegion);
    const hl = headlineOf(d);
    const year = hl?.programme.effect?.year ?? d.outcomeYear ?? d.published.year;
    const grew = hl?.programme.effect
      ? h(
          'p',
          { class: 'hint', testid: 'programme-grew' },
          t('prog.grew', {
            n: i18n.count(hl.programme.effect.firms),
            treated: i18n.growth(asGrowth(hl.programme.effect.revenue.treated[weighting])),
            comparison: i18n.growth(asGrowth(hl.programme.effect.revenue.comparison[weighting])),
          }),
        )
      : null;
    body.replaceChildren(
      ...(hl
        ? [
            h('div', { class: 'section', testid: 'programme-headline' }, h('h2', {}, groupLabel(hl.programme)), headlineCards(hl, 'revenue'), headlineCards(hl, 'employment'), grew),
            weightingControl(),
            h('div', { class: 'section', testid: 'programme-effect-charts' }, h('div', { class: 'grid-2' }, effectChart(hl, 'revenue'), effectChart(hl, 'employment'))),
            h('div', { class: 'section', testid: 'programme-event-study' }, legend(hl), h('div', { class: 'grid-2' }, eventChart(hl, 'revenue'), eventChart(hl, 'employment')), preTrendNote(hl)),
            ...(hl.spillover ? [spilloverSection(hl.spillover, hl.year, region)] : []),
          ]
        : [weightingControl()]),
      h('div', { class: 'section' }, h('h2', {}, t('prog.tableTitle')), h('div', { class: 'table-scroll' }, table(d))),
      h(
        'div',
        { class: 'section note', testid: 'programme-note' },
        h('h2', {}, t('prog.noteTitle')),
        h('p', {}, t('prog.noteMeans', { year })),
        h('p', {}, t('prog.noteNot')),
        h('p', { class: 'hint', testid: 'programme-method' }, t('prog.method', { k: d.method.neighbours, resamples: i18n.count(d.method.bootstrap.resamples), seed: d.method.bootstrap.seed })),
      ),
    );
  }

  async function load(): Promise<void> {
    const task = ctx.progress.start(t('common.loading'));
    body.setAttribute('aria-busy', 'true');
    try {
      data = await ctx.api.programmeEvaluation(controller.signal);
      if (data.groups.length === 0) body.replaceChildren(notice('empty', t('prog.empty')));
      else render(data);
    } catch (err) {
      if (isAbort(err)) return;
      data = null;
      body.replaceChildren(notice('error', explain(err, i18n), { label: t('common.retry'), run: () => void load() }));
    } finally {
      body.removeAttribute('aria-busy');
      task.done();
      ctx.exportsChanged();
    }
  }

  /** The headline figures and every chart as one drawing, for SVG/PNG export. */
  function drawingSvg(): SVGSVGElement {
    const charts = [...body.querySelectorAll<SVGSVGElement>('svg.chart')];
    const out = svgEl('svg', { xmlns: 'http://www.w3.org/2000/svg', width: 1130, style: 'font: 12px system-ui, "Noto Sans KR", sans-serif' });
    out.append(svgEl('rect', { width: '100%', height: '100%', fill: '#ffffff' }), svgEl('text', { x: 10, y: 22, 'font-size': 16, 'font-weight': 700 }, t('prog.title')));
    let y = 26;
    for (const card of body.querySelectorAll<HTMLElement>('[data-testid="programme-headline"] .card')) {
      const parts = [...card.children].map((c) => c.textContent ?? '').filter(Boolean);
      out.append(svgEl('text', { x: 10, y: (y += 18) }, parts.join(' — ')));
    }
    y += 12;
    let rowHeight = 0;
    charts.forEach((c, i) => {
      const copy = c.cloneNode(true) as SVGSVGElement;
      copy.setAttribute('x', String(10 + (i % 2) * 565));
      copy.setAttribute('y', String(y));
      out.append(copy);
      rowHeight = Math.max(rowHeight, Number(c.getAttribute('height')) || 0);
      if (i % 2 === 1 || i === charts.length - 1) {
        y += rowHeight + 10;
        rowHeight = 0;
      }
    });
    out.setAttribute('height', String(y + 10));
    return out;
  }

  function csv(): Blob {
    return new Blob(['\ufeff', toCsv(EVALUATION_CSV_HEADER, data ? evaluationCsvRows(data) : [])], { type: 'text/csv;charset=utf-8' });
  }

  void load();
  return {
    element,
    update() {
      // The view keeps only its weighting, which is not part of the shared state.
    },
    exporters: () => (data && data.groups.length ? { csv, svg: async () => svgBlob(drawingSvg()), png: () => svgToPng(drawingSvg()) } : {}),
    destroy() {
      controller.abort();
    },
  };
};
