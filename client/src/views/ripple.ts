/**
 * Ripple view: a scenario form (firms and amounts; demand-pull, supply-push or disruption), the results
 * (totals, multiplier, retention, breakdowns, top firms, the network coloured by induced output), a
 * second scenario side by side, and CSV export. The URL holds the scenarios, so a link re-runs them.
 */
import { isAbort } from '../api.ts';
import type { ViewFactory } from '../context.ts';
import { explain } from '../errors.ts';
import { svgBlob, svgToPng } from '../export.ts';
import { mergeLoads, type Graph } from '../graph/model.ts';
import { legendSvg } from '../render/legend.ts';
import { TIER_COLOURS } from '../render/scales.ts';
import { buildScene } from '../render/scene.ts';
import { compareRipples, effectOutput, heatSubgraph, heatValues, hopBars, rippleCsv, topBreakdown, type NamedResult, type ScenarioResult } from '../shape/ripple.ts';
import { defaultScenario, RIPPLE_SCOPES, SCENARIO_MODELS, type AppState, type RippleScope, type Scenario, type ScenarioModel } from '../state.ts';
import type { RippleResult, RippleWarning } from '../types.ts';
import { barChart, svgEl } from '../ui/charts.ts';
import { h, notice, select } from '../ui/dom.ts';
import { NetworkStage } from '../ui/networkStage.ts';
import { firmSearch } from '../ui/search.ts';

type Slot = 'a' | 'b';
const DEFAULT_AMOUNT = 10_000;
/** Firms drawn in a heat map besides the shocked ones: the most affected. */
const HEAT_FIRMS = 120;

export const rippleView: ViewFactory = (ctx, initial) => {
  const { i18n } = ctx;
  const t = i18n.t;
  const names = new Map<string, string>();
  const drafts: Record<Slot, Scenario | null> = { a: structuredClone(initial.ripple.a), b: initial.ripple.b ? structuredClone(initial.ripple.b) : null };
  const outcomes: Partial<Record<Slot, NamedResult>> = {};
  /** Each scenario's neighbourhood (for the heat map, and the firms' names in the chosen language). */
  const graphs: Partial<Record<Slot, Graph | null>> = {};
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
    const homeName = i18n.region(ctx.meta?.homeRegion ?? 'Busan');
    const scope = select(
      { testid: `ripple-scope-${slot}`, onchange: () => ((sc.scope = scope.value as RippleScope), renderForms()) },
      RIPPLE_SCOPES.map((s) => [s, t(`ripple.scope.${s}`, { region: homeName })]),
      sc.scope,
    );
    // Households close the demand model only; the supply model is always Type I.
    const typeII = sc.model === 'demand' && sc.households;
    const type = select(
      { testid: `ripple-type-${slot}`, onchange: () => ((sc.households = type.value === 'II'), renderForms()) },
      sc.model === 'demand' ? [['II', t('ripple.type.II')], ['I', t('ripple.type.I')]] : [['I', t('ripple.type.I')]],
      typeII ? 'II' : 'I',
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
      sc.model === 'disruption' ? null : h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('ripple.scope')), scope),
      sc.model === 'disruption' ? null : h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('ripple.type')), type),
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
    const households = sc.model === 'demand' && sc.households;
    return { kind: 'ripple', result: await ctx.api.ripple({ model: sc.model, scope: sc.scope, households, shocks: sc.shocks.map((s) => ({ firmId: s.firmId, amount: s.amount })), limit: 1000 }, signal) };
  }

  /**
   * The shocked firms' neighbourhood two tiers deep: their suppliers for a demand shock, their buyers for a
   * supply shock or a disruption. Without it the results still show; only the heat map is missing.
   */
  async function neighbourhood(sc: Scenario, signal: AbortSignal): Promise<Graph | null> {
    const direction = sc.model === 'demand' ? 'upstream' : 'downstream';
    const ids = sc.shocks.map((s) => s.firmId).slice(0, 5);
    try {
      const nets = await Promise.all(ids.map((id) => ctx.api.network(id, { direction, depth: 2, limit: 400 }, signal)));
      return mergeLoads(nets.map((data, i) => ({ spec: { kind: 'network', key: ids[i], id: ids[i], direction, depth: 2, selfOnly: false }, data })));
    } catch (err) {
      if (isAbort(err)) throw err;
      return null;
    }
  }

  /** A firm's name in the chosen language: from the neighbourhood, which carries both names. */
  function firmLabel(slot: Slot, f: { id: string; name: string; nameKo?: string }): string {
    const node = graphs[slot]?.nodes.get(f.id);
    return node ? i18n.firmName(node) : i18n.firmName(f);
  }

  /** What a scenario is, in one line: "Daeyang Electric +₩10bn · Demand growth (Leontief)". */
  function scenarioLabel(sc: Scenario, slot: Slot): string {
    const name = (id: string): string => firmLabel(slot, { id, name: nameOf(id) });
    const shocks = sc.shocks.map((x) => (sc.model === 'disruption' ? name(x.firmId) : `${name(x.firmId)} ${i18n.moneyChange(x.amount)}`)).join(', ');
    const homeName = i18n.region(ctx.meta?.homeRegion ?? 'Busan');
    const model =
      sc.model === 'disruption'
        ? `${t('ripple.model.disruption')}, ${t('ripple.capacityShare', { pct: i18n.percent(sc.capacityLoss, 0) })}`
        : `${t(`ripple.model.${sc.model}`)}, ${t(`ripple.scope.${sc.scope}`, { region: homeName })}, ${t(sc.model === 'demand' && sc.households ? 'ripple.type.II' : 'ripple.type.I')}`;
    return `${shocks} · ${model}`;
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
    delete graphs.a;
    delete graphs.b;
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
      const scenarios = slots.map((slot) => (slot === 'a' ? s.ripple.a : s.ripple.b)!);
      const [settled, neighbourhoods] = await Promise.all([
        Promise.allSettled(scenarios.map((sc) => runOne(sc, signal))),
        Promise.allSettled(scenarios.map((sc) => neighbourhood(sc, signal))),
      ]);
      if (signal.aborted) return;
      neighbourhoods.forEach((n, i) => (graphs[slots[i]] = n.status === 'fulfilled' ? n.value : null));
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
      if (ra && rb) compareEl.replaceChildren(comparison(ra, rb) ?? h('p', { class: 'hint', testid: 'ripple-compare-mixed' }, t('ripple.compareMixed')));
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
    const box = h(
      'div',
      { class: 'section', testid: `ripple-results-${slot}`, 'data-slot': slot },
      h('h2', {}, t('ripple.scenario', { name: slot.toUpperCase() })),
      h('p', { class: 'scenario-label', testid: `ripple-label-${slot}` }, scenarioLabel(sc, slot)),
    );
    const firmLink = (f: { id: string; name: string; nameKo?: string }): HTMLElement => h('a', { href: `#/firm?id=${encodeURIComponent(f.id)}` }, firmLabel(slot, f));
    if (outcome.kind === 'disruption') {
      const r = outcome.result;
      const split =
        r.totals.disruptedOutputLoss !== undefined && r.totals.downstreamOutputLoss !== undefined
          ? t('ripple.lossSplit', { stopped: i18n.money(r.totals.disruptedOutputLoss), downstream: i18n.money(r.totals.downstreamOutputLoss) })
          : undefined;
      box.append(
        h(
          'div',
          { class: 'cards' },
          card(`ripple-total-output-${slot}`, t('ripple.outputLoss'), i18n.money(r.totals.outputLoss), split),
          card(`ripple-affected-${slot}`, t('ripple.firmsAffected'), i18n.count(r.affectedFirms)),
          card(`ripple-single-source-${slot}`, t('ripple.singleSourceBuyers'), i18n.count(r.singleSourceBuyers), t('ripple.singleSourceHelp')),
        ),
      );
      box.append(heatSection(slot, sc, new Map(r.firms.map((f) => [f.id, f.outputLoss])), t('ripple.outputLoss')));
      box.append(
        h('h2', {}, t('ripple.topFirms')),
        h(
          'table',
          { testid: `ripple-top-firms-${slot}` },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, t('firmAttr.name')),
              h('th', { class: 'num' }, t('ripple.hop')),
              h('th', { class: 'num', title: t('ripple.directShareHelp') }, t('ripple.directShare')),
              h('th', { class: 'num', title: t('ripple.outputLossShareHelp') }, t('ripple.outputLossShare')),
              h('th', { class: 'num' }, t('ripple.outputLoss')),
              h('th', { title: t('ripple.singleSourceHelp') }, t('ripple.singleSource')),
            ),
          ),
          h('tbody', {}, ...r.firms.slice(0, 20).map((f) => h('tr', { 'data-id': f.id }, h('td', {}, firmLink(f)), h('td', { class: 'num' }, f.hop), h('td', { class: 'num' }, i18n.percent(f.directShare)), h('td', { class: 'num' }, i18n.percent(f.exposedShare)), h('td', { class: 'num' }, i18n.money(f.outputLoss)), h('td', {}, f.singleSource ? t('ripple.yes') : '')))),
        ),
      );
      return box;
    }
    const r = outcome.result;
    const homeRegion = ctx.meta?.homeRegion ?? 'Busan';
    box.append(basis(slot, r, homeRegion));
    if (r.warnings?.length) box.append(warnings(slot, r.warnings));
    box.append(
      h(
        'div',
        { class: 'cards' },
        card(`ripple-total-output-${slot}`, t('ripple.output'), i18n.money(r.totals.output), `${t('ripple.direct')} ${i18n.money(effectOutput(r.direct))} · ${t('ripple.induced')} ${i18n.money(effectOutput(r.induced))}`),
        card(`ripple-total-va-${slot}`, t('ripple.valueAdded'), i18n.money(r.totals.valueAdded)),
        card(`ripple-total-jobs-${slot}`, t('ripple.employment'), i18n.jobs(r.totals.employment)),
        card(`ripple-multiplier-${slot}`, t('ripple.multiplier'), r.multiplier.toFixed(3), t('ripple.iterations', { n: r.iterations, r: r.residual.toExponential(1) })),
        r.leakage
          ? card(`ripple-leakage-${slot}`, t('ripple.leakage'), i18n.money(r.leakage.total), r.leakage.byRegion.slice(0, 3).map((g) => `${i18n.region(g.region)} ${i18n.money(g.amount)}`).join(' · ') || t('ripple.leakageHelp'))
          : card(`ripple-retention-${slot}`, t('ripple.retention', { region: i18n.region(homeRegion) }), r.retention.homeRegion === null ? '–' : i18n.percent(r.retention.homeRegion), t('ripple.ofInduced')),
        r.exportDemand && r.exportDemand.total !== 0 ? card(`ripple-export-demand-${slot}`, t('ripple.exportDemand'), i18n.money(r.exportDemand.total), t('ripple.exportDemandHelp', { region: i18n.region(homeRegion) })) : null,
        card(`ripple-sme-${slot}`, t('ripple.smeShare'), i18n.percent(r.retention.sme), t('ripple.ofInduced')),
      ),
    );
    if (r.typeI && r.typeII) box.append(typesTable(slot, r));
    box.append(heatSection(slot, sc, heatValues(r), t('legend.heat')));
    const money = (v: number): string => i18n.money(v);
    const charts = h('div', { class: 'grid-2' });
    const chart = (title: string, testid: string, list: { key: string; output: number }[], label: (k: string) => string, colour: (k: string) => string): HTMLElement =>
      h('div', {}, h('h2', {}, title), barChart(list.map((b) => ({ label: b.key === 'other' ? t('common.other') : label(b.key), value: b.output, colour: colour(b.key) })), { format: money, title, testid }));
    const hops = hopBars(r.byHop);
    const hopLabel = (hop: number, rest: boolean): string => (rest ? t('ripple.hopRest', { n: hop }) : hop === 0 ? t('ripple.hop0') : t('ripple.hopN', { n: hop }));
    charts.append(
      chart(t('ripple.bySector'), `ripple-by-sector-${slot}`, topBreakdown(r.bySector, 10), (k) => i18n.sector(k), () => '#0072B2'),
      chart(t('ripple.byDistrict'), `ripple-by-district-${slot}`, topBreakdown(r.byDistrict, 10), (k) => (k && k !== 'outside' ? i18n.district(k) : t('ripple.outsideHome', { region: i18n.region(homeRegion) })), () => '#009E73'),
      chart(t('ripple.byTier'), `ripple-by-tier-${slot}`, topBreakdown(r.byTier, 6), (k) => i18n.tier(k), (k) => TIER_COLOURS[k as keyof typeof TIER_COLOURS] ?? '#B8B8B8'),
      h('div', {}, h('h2', {}, t('ripple.byHop')), barChart(hops.map((b) => ({ label: hopLabel(b.hop, b.rest), value: b.output, colour: '#E69F00' })), { format: money, title: t('ripple.byHop'), testid: `ripple-by-hop-${slot}` })),
    );
    box.append(charts);
    box.append(
      h('h2', {}, t('ripple.topFirms')),
      h(
        'table',
        { testid: `ripple-top-firms-${slot}` },
        h('thead', {}, h('tr', {}, h('th', {}, t('firmAttr.name')), h('th', { class: 'num' }, t('ripple.hop')), h('th', { class: 'num' }, t('ripple.output')), h('th', { class: 'num' }, t('ripple.valueAdded')), h('th', { class: 'num' }, t('ripple.employment')))),
        h('tbody', {}, ...r.firms.slice(0, 15).map((f) => h('tr', { 'data-id': f.id }, h('td', {}, firmLink(f)), h('td', { class: 'num' }, f.hop < 0 ? '–' : f.hop), h('td', { class: 'num' }, money(f.output)), h('td', { class: 'num' }, money(f.valueAdded)), h('td', { class: 'num' }, i18n.jobs(f.employment))))),
      ),
    );
    return box;
  }

  /** Which model the numbers are: scope and type, always stated beside them. */
  function basis(slot: Slot, r: RippleResult, homeRegion: string): HTMLElement {
    const region = i18n.region(homeRegion);
    const scope = r.scope === 'region' ? t('ripple.basis.region', { region }) : t('ripple.basis.network');
    const type = r.type === 'II' ? t('ripple.basis.typeII', { share: i18n.percent(r.householdSpendingShare ?? 0, 0), region }) : t('ripple.basis.typeI');
    return h('p', { class: 'hint ripple-basis', testid: `ripple-basis-${slot}` }, `${scope} · ${type} · ${t('ripple.basis.units')}`);
  }

  function warnings(slot: Slot, list: RippleWarning[]): HTMLElement {
    const text = (w: RippleWarning): string => {
      const firm = w.firmId ? nameOf(w.firmId) : '';
      return t(`ripple.warning.${w.code}`, { firm, amount: i18n.money(w.amount ?? 0), revenue: i18n.money(w.revenue ?? 0) });
    };
    return h('ul', { class: 'ripple-warnings', role: 'note', testid: `ripple-warnings-${slot}` }, ...list.map((w) => h('li', { 'data-code': w.code }, text(w))));
  }

  /** Type I and Type II side by side: 직접·간접효과, 소비 유발효과 and their sum, household income apart. */
  function typesTable(slot: Slot, r: RippleResult): HTMLElement {
    const one = r.typeI!;
    const two = r.typeII!;
    const row = (key: string, label: string, a: string, c: string, b: string): HTMLElement =>
      h('tr', { 'data-key': key }, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, a), h('td', { class: 'num' }, c), h('td', { class: 'num' }, b));
    const money = (v: number): string => i18n.money(v);
    const rows = [
      row('output', t('ripple.output'), money(one.totals.output), money(two.consumption.output), money(two.totals.output)),
      row('valueAdded', t('ripple.valueAdded'), money(one.totals.valueAdded), money(two.consumption.valueAdded), money(two.totals.valueAdded)),
      row('employment', t('ripple.employment'), i18n.jobs(one.totals.employment), i18n.jobs(two.consumption.employment), i18n.jobs(two.totals.employment)),
      row('multiplier', t('ripple.multiplier'), one.multiplier === null ? '–' : one.multiplier.toFixed(3), '', two.multiplier === null ? '–' : two.multiplier.toFixed(3)),
      row('householdIncome', t('ripple.householdIncome'), money(one.householdIncome), money(two.householdIncome - one.householdIncome), money(two.householdIncome)),
      one.leakage !== null && two.leakage !== null ? row('leakage', t('ripple.leakage'), money(one.leakage), money(two.leakage - one.leakage), money(two.leakage)) : null,
    ];
    return h(
      'div',
      { class: 'section' },
      h('h2', {}, t('ripple.typesTitle')),
      h(
        'table',
        { class: 'compare-table', testid: `ripple-types-${slot}` },
        h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { class: 'num' }, t('ripple.typeI.effect')), h('th', { class: 'num' }, t('ripple.typeII.consumption')), h('th', { class: 'num' }, t('ripple.typeII.total')))),
        h('tbody', {}, ...rows),
      ),
      h('p', { class: 'hint' }, t('ripple.householdIncomeHelp')),
    );
  }

  /** The heat map section: a legend beside the drawing (not over it), or nothing without a neighbourhood. */
  function heatSection(slot: Slot, sc: Scenario, values: Map<string, number>, title: string): HTMLElement {
    const stageBox = h('div', { class: 'heat-stage', testid: `ripple-heat-${slot}` });
    const legendBox = h('div', { class: 'legend legend-static' });
    const section = h('div', { class: 'heat' }, h('h2', {}, sc.model === 'disruption' ? t('ripple.heatLoss') : t('ripple.heat')), h('div', { class: 'heat-wrap' }, legendBox, stageBox));
    const graph = graphs[slot];
    if (!graph || graph.nodes.size === 0) {
      section.hidden = true;
      return section;
    }
    // Drawn once the section is in the document, so that the stage knows its size.
    requestAnimationFrame(() => drawHeat(stageBox, legendBox, sc, graph, values, title));
    return section;
  }

  function drawHeat(container: HTMLElement, legendBox: HTMLElement, sc: Scenario, graph: Graph, heat: Map<string, number>, title: string): void {
    if (!container.isConnected) return;
    const ids = sc.shocks.map((s) => s.firmId);
    const all = [...graph.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    const { nodes, links } = heatSubgraph(all, [...graph.links.values()], heat, ids, HEAT_FIRMS);
    const { scene, legend } = buildScene(nodes, links, { size: 'heat', colour: 'heat', heat, emphasis: ids }, i18n);
    legend.title = title;
    legend.sizeTitle = title;
    legend.format = (v) => i18n.money(v);
    const stage = new NetworkStage(container, {
      renderer: 'auto',
      camera: null,
      ariaLabel: (n) => `${t('ripple.heat')} (${i18n.firms(n)})`,
      tooltip: (id) => {
        const node = graph.nodes.get(id);
        return `${node ? i18n.firmName(node) : id}: ${i18n.money(heat.get(id) ?? 0)}`;
      },
      onSelect: () => undefined,
      onOpen: (id) => ctx.navigate({ view: 'firm', firm: { id } }),
    });
    stages.push(stage);
    stage.setScene(scene);
    legendBox.replaceChildren(legendSvg(legend, { size: t('legend.size'), links: t('legend.links'), emphasis: sc.model === 'disruption' ? t('legend.disrupted') : t('legend.shocked') }));
  }

  /** B against A: the totals side by side with their difference (ripple with ripple, disruption with disruption). */
  function comparison(a: NamedResult, b: NamedResult): HTMLElement | null {
    type Row = { key: string; label: string; a: string; b: string; delta: string };
    let rows: Row[];
    if (a.outcome.kind === 'ripple' && b.outcome.kind === 'ripple') {
      const label: Record<string, string> = {
        output: t('ripple.output'),
        valueAdded: t('ripple.valueAdded'),
        employment: t('ripple.employment'),
        multiplier: t('ripple.multiplier'),
        homeRegion: t('ripple.retention', { region: i18n.region(ctx.meta?.homeRegion ?? 'Busan') }),
        leakage: t('ripple.leakage'),
        sme: t('ripple.smeShare'),
      };
      const fmt = (key: string, v: number): string => (key === 'output' || key === 'valueAdded' || key === 'leakage' ? i18n.money(v) : key === 'employment' ? i18n.jobs(v) : key === 'multiplier' ? v.toFixed(3) : i18n.percent(v));
      const delta = (key: string, d: number): string =>
        key === 'output' || key === 'valueAdded' || key === 'leakage' ? i18n.moneyChange(d) : key === 'homeRegion' || key === 'sme' ? i18n.points(d) : (d > 0 ? '+' : d < 0 ? '\u2212' : '') + fmt(key, Math.abs(d));
      rows = compareRipples(a.outcome.result, b.outcome.result).map((row) => ({ key: row.key, label: label[row.key], a: fmt(row.key, row.a), b: fmt(row.key, row.b), delta: delta(row.key, row.delta) }));
    } else if (a.outcome.kind === 'disruption' && b.outcome.kind === 'disruption') {
      const la = a.outcome.result.totals.outputLoss;
      const lb = b.outcome.result.totals.outputLoss;
      rows = [{ key: 'outputLoss', label: t('ripple.outputLoss'), a: i18n.money(la), b: i18n.money(lb), delta: i18n.moneyChange(lb - la) }];
    } else return null;
    return h(
      'div',
      { class: 'section' },
      h('h2', {}, t('ripple.compareTitle')),
      h('p', { class: 'hint' }, `A: ${scenarioLabel(a.scenario, 'a')}`, h('br'), `B: ${scenarioLabel(b.scenario, 'b')}`),
      h(
        'table',
        { class: 'compare-table' },
        h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { class: 'num' }, 'A'), h('th', { class: 'num' }, 'B'), h('th', { class: 'num' }, t('ripple.compareDelta')))),
        h('tbody', {}, ...rows.map((row) => h('tr', { 'data-key': row.key }, h('th', { scope: 'row' }, row.label), h('td', { class: 'num' }, row.a), h('td', { class: 'num' }, row.b), h('td', { class: 'num', testid: `ripple-delta-${row.key}` }, row.delta)))),
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

  /**
   * The results as one SVG, scenario by scenario: what was run, the cards' numbers, the charts and the
   * most affected firms (the interactive heat map stays on screen; the network view exports networks).
   */
  function resultsSvg(): SVGSVGElement {
    const width = 900;
    let y = 22;
    const out = svgEl('svg', { xmlns: 'http://www.w3.org/2000/svg', width, style: 'font: 12px system-ui, "Noto Sans KR", sans-serif' });
    out.append(svgEl('rect', { width: '100%', height: '100%', fill: '#ffffff' }), svgEl('text', { x: 10, y, 'font-size': 16, 'font-weight': 700 }, t('ripple.title')));
    for (const section of resultsEl.querySelectorAll<HTMLElement>('[data-slot]')) {
      y += 30;
      out.append(svgEl('text', { x: 10, y, 'font-size': 14, 'font-weight': 700 }, section.querySelector('h2')?.textContent ?? ''));
      out.append(svgEl('text', { x: 10, y: (y += 18), fill: '#5c6370' }, section.querySelector('.scenario-label')?.textContent ?? ''));
      for (const c of section.querySelectorAll<HTMLElement>('.card')) {
        const sub = c.querySelector('.sub')?.textContent;
        out.append(svgEl('text', { x: 10, y: (y += 18) }, `${c.querySelector('.label')?.textContent ?? ''}: ${c.querySelector('.value')?.textContent ?? ''}${sub ? ` (${sub})` : ''}`));
      }
      for (const c of section.querySelectorAll<SVGSVGElement>('svg.chart')) {
        y += 30;
        out.append(svgEl('text', { x: 10, y, 'font-weight': 600 }, c.getAttribute('aria-label') ?? ''));
        const copy = c.cloneNode(true) as SVGSVGElement;
        copy.setAttribute('x', '10');
        copy.setAttribute('y', String(y + 6));
        out.append(copy);
        y += 6 + (Number(c.getAttribute('height')) || 0);
      }
      const table = section.querySelector<HTMLTableElement>('table');
      if (table) {
        y += 30;
        out.append(svgEl('text', { x: 10, y, 'font-weight': 600 }, t('ripple.topFirms')));
        const head = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
        const rows = [...table.querySelectorAll('tbody tr')].slice(0, 10).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));
        rows.unshift(head);
        rows.forEach((cells, r) => {
          y += 17;
          const style: Record<string, string | number> = r === 0 ? { fill: '#5c6370', 'font-size': 11 } : {};
          out.append(svgEl('text', { x: 10, y, ...style }, cells[0] ?? ''));
          cells.slice(1).forEach((text, i) => out.append(svgEl('text', { x: 400 + i * 100, y, 'text-anchor': 'end', ...style }, text)));
        });
      }
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
