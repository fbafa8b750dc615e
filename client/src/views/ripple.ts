/**
 * Ripple view: a scenario form (firms and amounts; demand-pull, supply-push or disruption), the results
 * (totals, multiplier, retention, breakdowns, top firms, the network coloured by induced output), a
 * second scenario side by side, and CSV export. The URL holds the scenarios, so a link re-runs them.
 */
import { isAbort } from '../api.ts';
import type { ViewFactory } from '../context.ts';
import { explain } from '../errors.ts';
import { svgBlob, svgToPng } from '../export.ts';
import { mergeLoads } from '../graph/model.ts';
import { legendSvg } from '../render/legend.ts';
import { TIER_COLOURS } from '../render/scales.ts';
import { buildScene } from '../render/scene.ts';
import { compareRipples, effectOutput, rippleCsv, topBreakdown, type NamedResult, type ScenarioResult } from '../shape/ripple.ts';
import { defaultScenario, SCENARIO_MODELS, type AppState, type Scenario, type ScenarioModel } from '../state.ts';
import type { RippleResult } from '../types.ts';
import { barChart, svgEl } from '../ui/charts.ts';
import { h, notice, select } from '../ui/dom.ts';
import { NetworkStage } from '../ui/networkStage.ts';
import { firmSearch } from '../ui/search.ts';

type Slot = 'a' | 'b';
const DEFAULT_AMOUNT = 10_000;

export const rippleView: ViewFactory = (ctx, initial) => {
  const { i18n } = ctx;
  const t = i18n.t;
  const names = new Map<string, string>();
  const drafts: Record<Slot, Scenario | null> = { a: structuredClone(initial.ripple.a), b: initial.ripple.b ? structuredClone(initial.ripple.b) : null };
  const outcomes: Partial<Record<Slot, NamedResult>> = {};
  const stages: NetworkStage[] = [];
  let controller: AbortController | null = null;
  let lastRun = '';

  const formsEl = h('div', { class: 'compare' });
  const resultsEl = h('div', { class: 'compare', testid: 'ripple-results' });
  const compareEl = h('div', { testid: 'ripple-compare-table' });
  const compareBtn = h('button', { type: 'button', testid: 'ripple-compare', onclick: () => toggleCompare() });
  const runBtn = h('button', { type: 'button', class: 'primary', testid: 'ripple-run', onclick: () => run() }, t('ripple.run'));
  const csvBtn = h('button', { type: 'button', testid: 'ripple-export-csv', onclick: () => exportCsvClick(), disabled: true }, t('ripple.exportCsv'));
  const element = h(
    'section',
    { class: 'view view-ripple', testid: 'view-ripple', 'aria-labelledby': 'ripple-title' },
    h('h1', { id: 'ripple-title' }, t('ripple.title')),
    formsEl,
    h('div', { class: 'toolbar' }, runBtn, compareBtn, csvBtn),
    compareEl,
    resultsEl,
  );

  function nameOf(id: string): string {
    return names.get(id) ?? id;
  }

  async function resolveNames(sc: Scenario | null): Promise<void> {
    const missing = (sc?.shocks ?? []).map((s) => s.firmId).filter((id) => !names.has(id));
    if (missing.length === 0) return;
    await Promise.all(
      missing.map((id) =>
        ctx.api
          .firm(id)
          .then((f) => names.set(id, i18n.firmName(f)))
          .catch(() => undefined),
      ),
    );
    renderForms();
  }

  function toggleCompare(): void {
    drafts.b = drafts.b ? null : structuredClone(drafts.a ?? defaultScenario());
    renderForms();
  }

  function renderForms(): void {
    compareBtn.textContent = drafts.b ? t('ripple.removeCompare') : t('ripple.compare');
    formsEl.replaceChildren(...(['a', 'b'] as Slot[]).filter((s) => drafts[s]).map((s) => form(s, drafts[s]!)));
  }

  function form(slot: Slot, sc: Scenario): HTMLElement {
    const model = select(
      { testid: `ripple-model-${slot}`, onchange: () => ((sc.model = model.value as ScenarioModel), renderForms()) },
      SCENARIO_MODELS.map((m) => [m, t(`ripple.model.${m}`)]),
      sc.model,
    );
    const rows = sc.shocks.map((shock, i) =>
      h(
        'div',
        { class: 'shock-row', testid: `ripple-shock-${slot}`, 'data-id': shock.firmId },
        h('span', { class: 'name' }, nameOf(shock.firmId)),
        sc.model === 'disruption'
          ? null
          : h('label', { class: 'field inline' }, h('span', { class: 'field-label' }, t('ripple.amount')), h('input', { type: 'number', step: 'any', value: shock.amount, testid: `ripple-amount-${slot}`, title: t('ripple.amountHelp'), onchange: (e: Event) => (shock.amount = Number((e.target as HTMLInputElement).value) || 0) })),
        h('button', { type: 'button', testid: `ripple-remove-${slot}`, 'aria-label': `${t('common.remove')} ${nameOf(shock.firmId)}`, onclick: () => (sc.shocks.splice(i, 1), renderForms()) }, t('common.remove')),
      ),
    );
    const picker = firmSearch({
      api: ctx.api,
      i18n,
      testid: `ripple-add-${slot}`,
      label: t('ripple.addFirm'),
      onPick: (f) => {
        names.set(f.id, i18n.firmName(f));
        if (!sc.shocks.some((s) => s.firmId === f.id)) sc.shocks.push({ firmId: f.id, amount: DEFAULT_AMOUNT });
        renderForms();
        (formsEl.querySelector(`[data-testid="ripple-add-${slot}-input"]`) as HTMLInputElement | null)?.focus();
      },
    });
    const capacity =
      sc.model === 'disruption'
        ? h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('ripple.capacityLoss')), h('input', { type: 'number', min: 0, max: 100, step: 5, value: Math.round(sc.capacityLoss * 100), testid: `ripple-capacity-${slot}`, onchange: (e: Event) => (sc.capacityLoss = Math.min(1, Math.max(0, Number((e.target as HTMLInputElement).value) / 100))) }))
        : null;
    return h(
      'div',
      { class: 'section scenario-form', testid: `ripple-form-${slot}` },
      h('h2', {}, t('ripple.scenario', { name: slot.toUpperCase() })),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('ripple.model')), model),
      ...rows,
      sc.shocks.length === 0 ? h('p', { class: 'hint' }, t('ripple.noShocks')) : null,
      picker,
      capacity,
      sc.model === 'disruption' ? null : h('p', { class: 'hint' }, t('ripple.amountHelp')),
    );
  }

  function run(): void {
    const next = { a: structuredClone(drafts.a ?? defaultScenario()), b: drafts.b ? structuredClone(drafts.b) : null };
    if (JSON.stringify(next) === JSON.stringify(ctx.state().ripple)) {
      // The same scenarios again (e.g. after an error): a deliberate re-run.
      lastRun = '';
      void compute(ctx.state());
    } else ctx.navigate({ ripple: next });
  }

  async function runOne(sc: Scenario, signal: AbortSignal): Promise<ScenarioResult> {
    if (sc.model === 'disruption') {
      return { kind: 'disruption', result: await ctx.api.disruption({ firmIds: sc.shocks.map((s) => s.firmId), capacityLoss: sc.capacityLoss }, signal) };
    }
    return { kind: 'ripple', result: await ctx.api.ripple({ model: sc.model, shocks: sc.shocks.map((s) => ({ firmId: s.firmId, amount: s.amount })), limit: 1000 }, signal) };
  }

  async function compute(s: AppState): Promise<void> {
    const key = JSON.stringify(s.ripple);
    if (key === lastRun) return;
    lastRun = key;
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    for (const stage of stages.splice(0)) stage.destroy();
    delete outcomes.a;
    delete outcomes.b;
    compareEl.replaceChildren();
    csvBtn.disabled = true;
    const slots = (['a', 'b'] as Slot[]).filter((slot) => (slot === 'a' ? s.ripple.a : s.ripple.b)?.shocks.length);
    if (slots.length === 0) {
      resultsEl.replaceChildren(notice('empty', t('ripple.noShocks')));
      ctx.exportsChanged();
      return;
    }
    resultsEl.replaceChildren(h('p', { class: 'hint', testid: 'ripple-running' }, t('ripple.running')));
    const task = ctx.progress.start(t('ripple.running'));
    try {
      const settled = await Promise.allSettled(slots.map((slot) => runOne((slot === 'a' ? s.ripple.a : s.ripple.b)!, signal)));
      if (signal.aborted) return;
      resultsEl.replaceChildren();
      settled.forEach((r, i) => {
        const slot = slots[i];
        const scenario = (slot === 'a' ? s.ripple.a : s.ripple.b)!;
        if (r.status === 'rejected') {
          if (isAbort(r.reason)) return;
          resultsEl.append(h('div', { class: 'section', testid: `ripple-results-${slot}` }, h('h2', {}, t('ripple.scenario', { name: slot.toUpperCase() })), notice('error', explain(r.reason, i18n), { label: t('common.retry'), run: () => run() })));
          return;
        }
        outcomes[slot] = { name: slot.toUpperCase(), scenario, outcome: r.value };
        resultsEl.append(renderResult(slot, scenario, r.value));
      });
      const [ra, rb] = [outcomes.a as NamedResult | undefined, outcomes.b as NamedResult | undefined];
      if (ra?.outcome.kind === 'ripple' && rb?.outcome.kind === 'ripple') compareEl.replaceChildren(comparison(ra.outcome.result, rb.outcome.result));
      csvBtn.disabled = !outcomes.a && !outcomes.b;
      ctx.exportsChanged();
    } finally {
      task.done();
    }
  }

  function card(testid: string, label: string, value: string, sub?: string): HTMLElement {
    return h('div', { class: 'card', testid }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), sub ? h('div', { class: 'sub' }, sub) : null);
  }

  function renderResult(slot: Slot, sc: Scenario, outcome: ScenarioResult): HTMLElement {
    const box = h('div', { class: 'section', testid: `ripple-results-${slot}` }, h('h2', {}, `${t('ripple.scenario', { name: slot.toUpperCase() })} · ${t(`ripple.model.${sc.model}`)}`));
    if (outcome.kind === 'disruption') {
      const r = outcome.result;
      box.append(
        h('div', { class: 'cards' }, card(`ripple-total-output-${slot}`, t('ripple.outputLoss'), i18n.money(r.totals.outputLoss))),
        h('h2', {}, t('ripple.topFirms')),
        h(
          'table',
          { testid: `ripple-top-firms-${slot}` },
          h('thead', {}, h('tr', {}, h('th', {}, t('firmAttr.name')), h('th', { class: 'num' }, t('ripple.hop')), h('th', { class: 'num' }, t('ripple.directShare')), h('th', { class: 'num' }, t('ripple.exposedShare')), h('th', { class: 'num' }, t('ripple.outputLoss')), h('th', {}, t('ripple.singleSource')))),
          h('tbody', {}, ...r.firms.slice(0, 20).map((f) => h('tr', {}, h('td', {}, h('a', { href: `#/firm?id=${encodeURIComponent(f.id)}` }, f.name)), h('td', { class: 'num' }, f.hop), h('td', { class: 'num' }, i18n.percent(f.directShare)), h('td', { class: 'num' }, i18n.percent(f.exposedShare)), h('td', { class: 'num' }, i18n.money(f.outputLoss)), h('td', {}, f.singleSource ? t('ripple.yes') : '')))),
        ),
      );
      return box;
    }
    const r = outcome.result;
    const homeRegion = ctx.meta?.homeRegion ?? 'Busan';
    box.append(
      h(
        'div',
        { class: 'cards' },
        card(`ripple-total-output-${slot}`, t('ripple.output'), i18n.money(r.totals.output), `${t('ripple.direct')} ${i18n.money(effectOutput(r.direct))} · ${t('ripple.induced')} ${i18n.money(effectOutput(r.induced))}`),
        card(`ripple-total-va-${slot}`, t('ripple.valueAdded'), i18n.money(r.totals.valueAdded)),
        card(`ripple-total-jobs-${slot}`, t('ripple.employment'), i18n.count(r.totals.employment)),
        card(`ripple-multiplier-${slot}`, t('ripple.multiplier'), r.multiplier.toFixed(3), t('ripple.iterations', { n: r.iterations, r: r.residual.toExponential(1) })),
        card(`ripple-retention-${slot}`, t('ripple.retention', { region: i18n.region(homeRegion) }), i18n.percent(r.retention.homeRegion)),
        card(`ripple-sme-${slot}`, t('ripple.smeShare'), i18n.percent(r.retention.sme)),
      ),
    );
    const heat = h('div', { class: 'heat-stage', testid: `ripple-heat-${slot}` });
    box.append(h('h2', {}, t('ripple.heat')), heat);
    void drawHeat(heat, sc, r);
    const money = (v: number): string => i18n.money(v);
    const charts = h('div', { class: 'grid-2' });
    const chart = (title: string, testid: string, list: { key: string; output: number }[], label: (k: string) => string, colour: (k: string) => string): HTMLElement =>
      h('div', {}, h('h2', {}, title), barChart(list.map((b) => ({ label: b.key === 'other' ? t('common.other') : label(b.key), value: b.output, colour: colour(b.key) })), { format: money, title, testid }));
    charts.append(
      chart(t('ripple.bySector'), `ripple-by-sector-${slot}`, topBreakdown(r.bySector, 10), (k) => i18n.sector(k), () => '#0072B2'),
      chart(t('ripple.byDistrict'), `ripple-by-district-${slot}`, topBreakdown(r.byDistrict, 10), (k) => (k && k !== 'outside' ? i18n.district(k) : t('ripple.outsideHome', { region: i18n.region(homeRegion) })), () => '#009E73'),
      chart(t('ripple.byTier'), `ripple-by-tier-${slot}`, topBreakdown(r.byTier, 6), (k) => i18n.tier(k), (k) => TIER_COLOURS[k as keyof typeof TIER_COLOURS] ?? '#B8B8B8'),
      chart(t('ripple.byHop'), `ripple-by-hop-${slot}`, (r.byHop ?? []).map((b) => ({ key: String(b.hop), output: b.output })), (k) => `${t('ripple.hop')} ${k}`, () => '#E69F00'),
    );
    box.append(charts);
    box.append(
      h('h2', {}, t('ripple.topFirms')),
      h(
        'table',
        { testid: `ripple-top-firms-${slot}` },
        h('thead', {}, h('tr', {}, h('th', {}, t('firmAttr.name')), h('th', { class: 'num' }, t('ripple.hop')), h('th', { class: 'num' }, t('ripple.output')), h('th', { class: 'num' }, t('ripple.valueAdded')), h('th', { class: 'num' }, t('ripple.employment')))),
        h('tbody', {}, ...r.firms.slice(0, 15).map((f) => h('tr', { 'data-id': f.id }, h('td', {}, h('a', { href: `#/firm?id=${encodeURIComponent(f.id)}` }, f.name)), h('td', { class: 'num' }, f.hop), h('td', { class: 'num' }, money(f.output)), h('td', { class: 'num' }, money(f.valueAdded)), h('td', { class: 'num' }, i18n.count(f.employment))))),
      ),
    );
    return box;
  }

  /** The shocked firms' neighbourhood (suppliers for demand, buyers for supply), coloured by output. */
  async function drawHeat(container: HTMLElement, sc: Scenario, r: RippleResult): Promise<void> {
    const direction = sc.model === 'demand' ? 'upstream' : 'downstream';
    const ids = sc.shocks.map((s) => s.firmId).slice(0, 5);
    try {
      const nets = await Promise.all(ids.map((id) => ctx.api.network(id, { direction, depth: 2, limit: 400 })));
      if (!container.isConnected) return;
      const graph = mergeLoads(nets.map((data, i) => ({ spec: { kind: 'network', key: ids[i], id: ids[i], direction, depth: 2, selfOnly: false }, data })));
      const nodes = [...graph.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      const heat = new Map(r.firms.map((f) => [f.id, f.output]));
      const { scene, legend } = buildScene(nodes, [...graph.links.values()], { size: 'revenue', colour: 'heat', heat, highlightNodes: ids }, i18n);
      legend.format = (v) => i18n.money(v);
      const stage = new NetworkStage(container, {
        renderer: 'auto',
        camera: null,
        ariaLabel: (n) => `${t('ripple.heat')} (${t('common.firms', { n })})`,
        tooltip: (id) => `${graph.nodes.get(id)?.name ?? id}: ${i18n.money(heat.get(id) ?? 0)}`,
        onSelect: () => undefined,
        onOpen: (id) => ctx.navigate({ view: 'firm', firm: { id } }),
      });
      stages.push(stage);
      stage.setScene(scene);
      const legendBox = h('div', { class: 'legend' }, legendSvg(legend, { size: t('legend.size'), links: t('legend.links') }));
      container.append(legendBox);
    } catch (err) {
      if (!isAbort(err)) container.replaceChildren(notice('error', explain(err, i18n)));
    }
  }

  function comparison(a: RippleResult, b: RippleResult): HTMLElement {
    const label: Record<string, string> = {
      output: t('ripple.output'),
      valueAdded: t('ripple.valueAdded'),
      employment: t('ripple.employment'),
      multiplier: t('ripple.multiplier'),
      homeRegion: t('ripple.retention', { region: i18n.region(ctx.meta?.homeRegion ?? 'Busan') }),
      sme: t('ripple.smeShare'),
    };
    const fmt = (key: string, v: number): string => (key === 'output' || key === 'valueAdded' ? i18n.money(v) : key === 'employment' ? i18n.count(v) : key === 'multiplier' ? v.toFixed(3) : i18n.percent(v));
    return h(
      'div',
      { class: 'section' },
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { class: 'num' }, 'A'), h('th', { class: 'num' }, 'B'), h('th', { class: 'num' }, t('ripple.compareDelta')))),
        h('tbody', {}, ...compareRipples(a, b).map((row) => h('tr', {}, h('th', {}, label[row.key]), h('td', { class: 'num' }, fmt(row.key, row.a)), h('td', { class: 'num' }, fmt(row.key, row.b)), h('td', { class: 'num' }, `${row.delta >= 0 ? '+' : ''}${fmt(row.key, row.delta)}`)))),
      ),
    );
  }

  function csv(): Blob {
    const list = (['a', 'b'] as Slot[]).map((s) => outcomes[s]).filter((x): x is NamedResult => x !== undefined);
    return new Blob(['\ufeff', rippleCsv(list)], { type: 'text/csv;charset=utf-8' });
  }

  function exportCsvClick(): void {
    const a = document.createElement('a');
    const url = URL.createObjectURL(csv());
    a.href = url;
    a.download = `anchorage-ripple-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** The results as one SVG: the cards' numbers as text and the charts, stacked. */
  function resultsSvg(): SVGSVGElement {
    const charts = [...resultsEl.querySelectorAll<SVGSVGElement>('svg.chart')];
    const width = 900;
    let y = 30;
    const out = svgEl('svg', { xmlns: 'http://www.w3.org/2000/svg', width, style: 'font: 12px system-ui, "Noto Sans KR", sans-serif' });
    out.append(svgEl('rect', { width: '100%', height: '100%', fill: '#ffffff' }), svgEl('text', { x: 10, y: 20, 'font-weight': 700 }, t('ripple.title')));
    for (const c of resultsEl.querySelectorAll<HTMLElement>('.card')) {
      out.append(svgEl('text', { x: 10, y: (y += 18) }, `${c.querySelector('.label')?.textContent ?? ''}: ${c.querySelector('.value')?.textContent ?? ''}`));
    }
    for (const c of charts) {
      const copy = c.cloneNode(true) as SVGSVGElement;
      copy.setAttribute('x', '10');
      copy.setAttribute('y', String((y += 16)));
      out.append(svgEl('text', { x: 10, y }, c.getAttribute('aria-label') ?? ''), copy);
      y += Number(c.getAttribute('height')) || 0;
    }
    out.setAttribute('height', String(y + 20));
    return out;
  }

  renderForms();
  void resolveNames(drafts.a);
  void resolveNames(drafts.b);
  if (initial.ripple.a.shocks.length || initial.ripple.b?.shocks.length) void compute(initial);
  else resultsEl.replaceChildren(notice('empty', t('ripple.noShocks')));

  return {
    element,
    update(next, prev) {
      if (JSON.stringify(next.ripple) === JSON.stringify(prev.ripple)) return;
      drafts.a = structuredClone(next.ripple.a);
      drafts.b = next.ripple.b ? structuredClone(next.ripple.b) : null;
      renderForms();
      void resolveNames(drafts.a);
      void resolveNames(drafts.b);
      void compute(next);
    },
    exporters: () => (outcomes.a || outcomes.b ? { csv, svg: async () => svgBlob(resultsSvg()), png: () => svgToPng(resultsSvg()) } : {}),
    destroy() {
      controller?.abort();
      for (const stage of stages.splice(0)) stage.destroy();
    },
  };
};
