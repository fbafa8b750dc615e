/**
 * Candidates view: SMEs ranked on the programme's criteria. Weight sliders re-rank live (the server
 * recomputes; requests are debounced and superseded), each row shows its score's breakdown as a stacked
 * bar, eligibility filters narrow the field, and every firm's network position is one click away.
 */
import { isAbort } from '../api.ts';
import type { ViewFactory } from '../context.ts';
import { explain, isMetricsPending, metricsRetryDelay } from '../errors.ts';
import { svgBlob, svgToPng, toCsv } from '../export.ts';
import { resultList, type Row } from './effectList.ts';
import { CRITERION_COLOURS, scoreSegments, segmentScale } from '../shape/candidates.ts';
import { DEFAULT_WEIGHTS, formatState, withState, type AppState } from '../state.ts';
import { CRITERIA, type Candidate, type CandidatesResponse, type Criterion } from '../types.ts';
import { stackedBar, svgEl } from '../ui/charts.ts';
import { debounce, h, notice, select } from '../ui/dom.ts';

const BAR_WIDTH = 220;

export const candidatesView: ViewFactory = (ctx, initial) => {
  const { i18n } = ctx;
  const t = i18n.t;
  let controller: AbortController | null = null;
  let data: CandidatesResponse | null = null;
  /** While the server computes metrics (409), the view asks again by itself. */
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryAttempt = 0;
  let waiting: ReturnType<typeof ctx.progress.start> | null = null;
  const homeRegion = ctx.meta?.homeRegion ?? 'Busan';
  const sliders = new Map<Criterion, { input: HTMLInputElement; out: HTMLOutputElement }>();
  const status = h('p', { class: 'hint', 'aria-live': 'polite', testid: 'cand-status' });
  const tableWrap = h('div', { testid: 'cand-table-wrap' });
  const listWrap = h('div');

  const pushWeights = debounce((weights: Record<Criterion, number>) => ctx.navigate({ candidates: { weights } }, 'replace'), 120);

  const weightControls = CRITERIA.map((c) => {
    const id = `weight-${c}`;
    const input = h('input', { type: 'range', id, min: 0, max: 5, step: 0.5, value: initial.candidates.weights[c], testid: `weight-${c}`, 'aria-valuetext': String(initial.candidates.weights[c]) });
    const out = h('output', { for: id, testid: `weight-${c}-value` }, String(initial.candidates.weights[c]));
    input.addEventListener('input', () => {
      out.textContent = input.value;
      input.setAttribute('aria-valuetext', input.value);
      const weights = Object.fromEntries(CRITERIA.map((k) => [k, Number(sliders.get(k)!.input.value)])) as Record<Criterion, number>;
      pushWeights(weights);
    });
    sliders.set(c, { input, out });
    return h('div', { class: 'weight' }, h('span', { class: 'swatch', style: `background:${CRITERION_COLOURS[c]}`, 'aria-hidden': 'true' }), h('label', { for: id }, t(`criterion.${c}`)), out, h('span', {}), input);
  });

  const numberInput = (testid: string, key: 'minRevenue' | 'maxRevenue', value: number | null): HTMLInputElement =>
    h('input', {
      type: 'number',
      min: 0,
      step: 'any',
      testid,
      value: value ?? '',
      onchange: (e: Event) => {
        const v = (e.target as HTMLInputElement).value;
        ctx.navigate({ candidates: { [key]: v === '' ? null : Math.max(0, Number(v)) } });
      },
    });
  /** The band in force and the revenues the eligible firms really have, in words with units. */
  const bounds = h('p', { class: 'hint', testid: 'cand-revenue-bounds', 'aria-live': 'polite' });
  const minRevenue = numberInput('cand-min-revenue', 'minRevenue', initial.candidates.minRevenue);
  const maxRevenue = numberInput('cand-max-revenue', 'maxRevenue', initial.candidates.maxRevenue);
  // No region in the request means the programme's home region (the server's default), not "any".
  const region = select(
    { testid: 'cand-region', onchange: () => ctx.navigate({ candidates: { region: region.value || null } }) },
    [['', t('cand.regionDefault', { region: i18n.region(homeRegion) })], ...(ctx.meta?.regions ?? []).filter((r) => r.id !== homeRegion).map((r): [string, string] => [r.id, i18n.region(r.id)])],
    initial.candidates.region ?? '',
  );
  const limit = select({ testid: 'cand-limit', onchange: () => ctx.navigate({ candidates: { limit: Number(limit.value) } }) }, ['20', '50', '100', '200'].map((n) => [n, n]), String(initial.candidates.limit));

  const element = h(
    'section',
    { class: 'view view-candidates', testid: 'view-candidates', 'aria-labelledby': 'cand-title' },
    h('h1', { id: 'cand-title' }, t('cand.title')),
    h('p', { class: 'hint' }, t('cand.intro'), ' ', h('a', { href: formatState(withState(initial, { view: 'programme' })), testid: 'cand-programme-link' }, t('cand.programmeLink'))),
    h(
      'div',
      { class: 'section' },
      h('h2', {}, t('cand.weights')),
      h('p', { class: 'hint' }, t('cand.weightsHelp')),
      h('div', { class: 'weights' }, ...weightControls),
      h('button', { type: 'button', testid: 'cand-reset-weights', onclick: () => ctx.navigate({ candidates: { weights: { ...DEFAULT_WEIGHTS } } }) }, t('cand.resetWeights')),
    ),
    h(
      'div',
      { class: 'section' },
      h('h2', {}, t('cand.eligibility')),
      h(
        'div',
        { class: 'toolbar' },
        h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('cand.minRevenue')), minRevenue),
        h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('cand.maxRevenue')), maxRevenue),
        h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('cand.region')), region),
        h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('cand.limit')), limit),
      ),
      bounds,
    ),
    status,
    tableWrap,
    listWrap,
  );

  function stopWaiting(): void {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    waiting?.done();
    waiting = null;
  }

  async function load(s: AppState): Promise<void> {
    controller?.abort();
    controller = new AbortController();
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    const c = s.candidates;
    if (CRITERIA.every((k) => c.weights[k] === 0)) {
      stopWaiting();
      status.textContent = t('cand.allZero');
      return;
    }
    if (!waiting) status.textContent = t('common.updating');
    tableWrap.setAttribute('aria-busy', 'true');
    const task = ctx.progress.start(t('common.updating'));
    try {
      data = await ctx.api.candidates({ ...c.weights, minRevenue: c.minRevenue, maxRevenue: c.maxRevenue, region: c.region, limit: c.limit }, controller.signal);
      stopWaiting();
      retryAttempt = 0;
      status.textContent = t('cand.eligible', { n: i18n.count(data.eligible) });
      const band = data.eligibility;
      // The band in force, in the inputs' own unit (KRW million) while they are empty.
      if (band?.revenueMin !== undefined) minRevenue.placeholder = i18n.count(band.revenueMin);
      if (band?.revenueMax !== undefined) maxRevenue.placeholder = i18n.count(band.revenueMax);
      const inForce = band?.revenueMin !== undefined && band.revenueMax !== undefined ? t('cand.band', { min: i18n.money(band.revenueMin), max: i18n.money(band.revenueMax) }) : '';
      const actual = data.eligibleRevenue ? t('cand.bandActual', { n: i18n.count(data.eligible), min: i18n.money(data.eligibleRevenue.min), max: i18n.money(data.eligibleRevenue.max) }) : '';
      bounds.textContent = [inForce, actual].filter(Boolean).join(' ');
      render(data);
    } catch (err) {
      if (isAbort(err)) return;
      if (isMetricsPending(err)) {
        // Metrics are being computed after a start or an import: say so, and ask again shortly.
        waiting ??= ctx.progress.start(t('cand.computingShort'));
        status.textContent = t('cand.computingShort');
        // How far the recompute is, when the server says (a failure here changes nothing: the retry follows).
        const signal = controller.signal;
        void ctx.api.metricsJob(signal).then(
          ({ job }) => {
            if (!signal.aborted && job?.status === 'running') status.textContent = t('cand.computingProgress', { pct: i18n.percent(job.progress, 0) });
          },
          () => {},
        );
        if (!tableWrap.querySelector('[data-testid="cand-computing"]')) {
          tableWrap.replaceChildren(h('div', { testid: 'cand-computing' }, notice('info', t('cand.computing'))));
        }
        retryTimer = setTimeout(() => void load(ctx.state()), metricsRetryDelay(retryAttempt++));
        return;
      }
      stopWaiting();
      status.textContent = '';
      tableWrap.replaceChildren(notice('error', explain(err, i18n), { label: t('common.retry'), run: () => void load(ctx.state()) }));
    } finally {
      tableWrap.removeAttribute('aria-busy');
      task.done();
      ctx.exportsChanged();
    }
  }

  /** A candidate's score explained: each criterion's percentile, weight and points, and what it rests on. */
  function details(c: Candidate): HTMLElement {
    const rows = scoreSegments(c).map((seg) => {
      const inputs = (c.breakdown ?? c.criteria)?.[seg.key]?.metrics ?? [];
      const missing = (c.breakdown ?? c.criteria)?.[seg.key]?.missing === true;
      return h(
        'tr',
        { 'data-criterion': seg.key },
        h('th', { scope: 'row' }, h('span', { class: 'swatch', style: `background:${seg.colour}`, 'aria-hidden': 'true' }), t(`criterion.${seg.key}`)),
        h('td', { class: 'num' }, missing ? t('cand.missing') : String(Math.round(seg.percentile))),
        h('td', { class: 'num' }, i18n.percent(seg.weight, 0)),
        h('td', { class: 'num' }, seg.contribution.toFixed(1)),
        h('td', { class: 'inputs' }, inputs.map((m) => `${candidateInputLabel(m.metric)} ${candidateInputValue(m.metric, m.raw)} (p${m.percentile === null ? '–' : Math.round(m.percentile)})`).join(' · ')),
      );
    });
    return h(
      'table',
      { class: 'cand-details', testid: 'cand-details' },
      h('thead', {}, h('tr', {}, h('th', {}, t('cand.criterion')), h('th', { class: 'num' }, t('cand.percentile')), h('th', { class: 'num' }, t('cand.weight')), h('th', { class: 'num' }, t('cand.points')), h('th', {}, t('cand.inputs')))),
      h('tbody', {}, ...rows),
    );
  }

  function candidateInputLabel(metric: string): string {
    const key = `candInput.${metric}`;
    return i18n.has(key) ? t(key) : metric;
  }

  function candidateInputValue(metric: string, raw: number | null): string {
    if (raw === null) return '–';
    if (metric === 'exportShareGrowth') return i18n.points(raw);
    if (['rdIntensity', 'exportShare', 'employmentGrowth', 'revenueCagr', 'regionalRetention'].includes(metric)) return i18n.percent(raw);
    return i18n.metric(raw);
  }

  function render(d: CandidatesResponse): void {
    if (d.items.length === 0) {
      tableWrap.replaceChildren(notice('empty', t('cand.empty')));
      listWrap.replaceChildren();
      return;
    }
    const weights = ctx.state().candidates.weights;
    const weightText = CRITERIA.map((k) => `${t(`criterion.${k}`)} ${weights[k]}`).join(', ');
    listWrap.replaceChildren(
      resultList<Candidate>(
        ctx,
        'cand-list',
        d.items,
        [
          { key: 'rank', label: t('cand.rank'), numeric: true, value: (r) => r.effect.rank },
          { key: 'score', label: `${t('cand.score')} (0–100)`, numeric: true, digits: 1, value: (r) => r.effect.score, display: (r) => r.effect.score.toFixed(1) },
          ...CRITERIA.map((k) => ({ key: k, label: `${t(`criterion.${k}`)} (${t('unit.points')})`, numeric: true, digits: 1, value: (r: Row<Candidate>) => scoreSegments(r.effect).find((x) => x.key === k)?.contribution ?? null })),
        ],
        `${t('cand.title')} · ${t('cand.weights')}: ${weightText}`,
        t('cand.listCaption'),
      ),
    );
    const total = segmentScale(d.items);
    const networkHref = (id: string): string => formatState(withState(ctx.state(), { view: 'network', network: { src: 'ego', focus: [id], expand: [], collapsed: [], path: null, selected: id, camera: null } }));
    const firmHref = (id: string): string => formatState(withState(ctx.state(), { view: 'firm', firm: { id } }));
    const columns = 7;
    tableWrap.replaceChildren(
      h(
        'table',
        { testid: 'cand-table', class: 'cand-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { class: 'num' }, t('cand.rank')),
            h('th', {}, t('firmAttr.name')),
            h('th', {}, t('firmAttr.sector')),
            h('th', {}, t('firmAttr.district')),
            h('th', { class: 'num' }, t('cand.score')),
            h('th', {}, t('cand.breakdown')),
            h('th', {}, h('span', { class: 'visually-hidden' }, t('cand.actions'))),
          ),
        ),
        h(
          'tbody',
          {},
          ...d.items.flatMap((c) => {
            const segments = scoreSegments(c);
            const title = segments.map((s) => `${t(`criterion.${s.key}`)}: ${s.contribution.toFixed(1)} (p${Math.round(s.percentile)} × ${i18n.percent(s.weight, 0)})`).join('\n');
            const detailRow = h('tr', { class: 'cand-detail-row', hidden: true }, h('td', { colspan: columns }));
            const toggle = h('button', {
              type: 'button',
              class: 'link-button',
              testid: 'cand-details-toggle',
              'aria-expanded': 'false',
              'aria-label': t('cand.detailsFor', { name: i18n.firmName(c) }),
              onclick: () => {
                const open = toggle.getAttribute('aria-expanded') !== 'true';
                toggle.setAttribute('aria-expanded', String(open));
                detailRow.hidden = !open;
                if (open && !detailRow.firstElementChild!.hasChildNodes()) detailRow.firstElementChild!.append(details(c));
              },
            }, t('cand.details'));
            return [
              h(
                'tr',
                { class: 'firm-row', testid: 'cand-row', 'data-id': c.id },
                h('td', { class: 'num' }, c.rank),
                h('td', {}, h('a', { href: firmHref(c.id), testid: 'cand-firm-link' }, i18n.firmName(c))),
                h('td', {}, c.sector ? i18n.sector(c.sector) : '–'),
                h('td', {}, c.district ? i18n.district(c.district) : '–'),
                h('td', { class: 'num', testid: 'cand-score' }, c.score.toFixed(1)),
                h('td', { title }, stackedBar(segments.map((s) => ({ key: s.key, value: s.contribution, colour: s.colour, label: `${t(`criterion.${s.key}`)}: ${s.contribution.toFixed(1)}` })), { width: BAR_WIDTH, total, title })),
                h('td', { class: 'actions' }, toggle, h('a', { href: networkHref(c.id), testid: 'cand-network-link' }, t('cand.network'))),
              ),
              detailRow,
            ];
          }),
        ),
      ),
    );
  }

  function csv(): Blob {
    const rows = (data?.items ?? []).map((c) => [c.rank, c.id, c.name, c.nameKo ?? '', c.score, ...scoreSegments(c).flatMap((s) => [s.percentile, s.contribution])]);
    return new Blob(['\ufeff', toCsv(['rank', 'id', 'name', 'nameKo', 'score', ...CRITERIA.flatMap((k) => [`${k}.percentile`, `${k}.contribution`])], rows)], { type: 'text/csv;charset=utf-8' });
  }

  function tableSvg(): SVGSVGElement {
    const items = data?.items ?? [];
    const row = 20;
    // Below the bars: the colour key with the weights that produced this ranking (as set, and as shares).
    const keyTop = 48 + items.length * row;
    const out = svgEl('svg', { xmlns: 'http://www.w3.org/2000/svg', width: 720, height: keyTop + 24 + CRITERIA.length * 18, style: 'font: 12px system-ui, "Noto Sans KR", sans-serif' });
    out.append(svgEl('rect', { width: '100%', height: '100%', fill: '#ffffff' }), svgEl('text', { x: 10, y: 20, 'font-weight': 700 }, t('cand.title')));
    const total = segmentScale(items);
    items.forEach((c, i) => {
      const y = 36 + i * row;
      out.append(svgEl('text', { x: 10, y: y + 12 }, `${c.rank}. ${i18n.firmName(c)}`), svgEl('text', { x: 300, y: y + 12, 'text-anchor': 'end' }, c.score.toFixed(1)));
      let x = 320;
      for (const s of scoreSegments(c)) {
        const w = (Math.max(0, s.contribution) / total) * 380;
        out.append(svgEl('rect', { x, y: y + 2, width: w, height: 14, fill: s.colour }));
        x += w;
      }
    });
    const weights = ctx.state().candidates.weights;
    const sum = CRITERIA.reduce((acc, k) => acc + weights[k], 0) || 1;
    out.append(svgEl('text', { x: 10, y: keyTop + 12, 'font-weight': 600 }, t('cand.weights')));
    CRITERIA.forEach((k, i) => {
      const y = keyTop + 20 + i * 18;
      out.append(
        svgEl('rect', { x: 10, y, width: 12, height: 12, fill: CRITERION_COLOURS[k] }),
        svgEl('text', { x: 28, y: y + 10 }, `${t(`criterion.${k}`)}: ${weights[k]} (${i18n.percent(weights[k] / sum)})`),
      );
    });
    return out;
  }

  void load(initial);
  return {
    element,
    update(next, prev) {
      for (const c of CRITERIA) {
        const s = sliders.get(c)!;
        if (document.activeElement !== s.input) s.input.value = String(next.candidates.weights[c]);
        s.out.textContent = String(next.candidates.weights[c]);
      }
      limit.value = String(next.candidates.limit);
      region.value = next.candidates.region ?? '';
      if (JSON.stringify(next.candidates) !== JSON.stringify(prev.candidates)) void load(next);
    },
    exporters: () => (data && data.items.length ? { csv, svg: async () => svgBlob(tableSvg()), png: () => svgToPng(tableSvg()) } : {}),
    destroy() {
      pushWeights.cancel();
      controller?.abort();
      stopWaiting();
    },
  };
};
