/**
 * Restructuring view: what-if changes to the network (move purchases to other suppliers, close or grow a
 * firm, add or remove a supply), built from the localisation assistant's suggestions, from tables, from a
 * form or by clicking a firm in the network; Busan's figures before and after side by side, the network
 * coloured by change, the firms that gain and lose; a second scenario to compare; CSV/XLSX/PNG/SVG. The
 * URL holds the scenarios (see restructuring/state.ts), so a link reopens them.
 */
import { isAbort } from '../api.ts';
import type { ViewFactory } from '../context.ts';
import { explain } from '../errors.ts';
import { download, exportName, svgBlob, svgToPng } from '../export.ts';
import { mergeLoads, type Graph } from '../graph/model.ts';
import { buildScene } from '../render/scene.ts';
import type { AppState } from '../state.ts';
import { h, notice, select } from '../ui/dom.ts';
import { NetworkStage } from '../ui/networkStage.ts';
import { firmSearch } from '../ui/search.ts';
import { firmsNamed, type Change } from '../restructuring/changes.ts';
import { figureValue, reportCsv, reportSvg, reportTables, reportXlsx, type Cell, type NamedEvaluation, type ReportTable } from '../restructuring/report.ts';
import type { RestructuringState } from '../restructuring/state.ts';
import type { Evaluation, Localisation, Suggestion } from '../restructuring/types.ts';
import { savedRequest } from '../restructuring/saved.ts';
import { WorkflowApi } from '../workflowApi.ts';

type Slot = 'a' | 'b';
const GAIN = '#009E73';
const LOSS = '#D55E00';
const NEUTRAL = '#C8CCD2';
/** Growth a "grow" click applies to a firm's revenue. */
const GROW = 0.1;
const CHANGE_KINDS = ['move', 'closeFirm', 'grow', 'addLink', 'removeLink'] as const;
type ChangeKind = (typeof CHANGE_KINDS)[number];

export const restructuringView: ViewFactory = (ctx, initial) => {
  const { i18n } = ctx;
  const t = i18n.t;
  const names = new Map<string, string>();
  const revenues = new Map<string, number>();
  const results: Partial<Record<Slot, NamedEvaluation>> = {};
  const stages: NetworkStage[] = [];
  let rs: RestructuringState = structuredClone(initial.restructuring);
  let controller: AbortController | null = null;
  let assistantController: AbortController | null = null;
  let lastRun = '';
  let lastAssistant = '';

  const assistantEl = h('div', { class: 'section', testid: 'rs-assistant' });
  const editorsEl = h('div', { class: 'compare' });
  const compareEl = h('div', { testid: 'rs-compare' });
  const resultsEl = h('div', { class: 'compare', testid: 'rs-results' });
  const compareBtn = h('button', { type: 'button', testid: 'rs-compare-toggle', onclick: () => ctx.navigate({ restructuring: { b: rs.b ? null : [...rs.a] } }) });
  const scopeSelect = select({ testid: 'rs-scope', onchange: () => ctx.navigate({ restructuring: { scope: scopeSelect.value as RestructuringState['scope'] } }) }, [['region', t('rs.scope.region')], ['network', t('rs.scope.network')]], rs.scope);
  const csvBtn = h('button', { type: 'button', testid: 'rs-export-csv', disabled: true, onclick: () => download(csvBlob(), exportName('restructuring', 'csv')) }, t('common.exportCsv'));
  const xlsxBtn = h('button', { type: 'button', testid: 'rs-export-xlsx', disabled: true, onclick: () => void exportXlsx() }, 'XLSX');
  const saveName = h('input', { type: 'text', maxlength: 200, placeholder: t('rs.saveName'), testid: 'rs-save-name', 'aria-label': t('rs.saveName') });
  const saveStatus = h('span', { class: 'hint', 'aria-live': 'polite', testid: 'rs-save-status' });
  const saveBtn = h('button', { type: 'button', testid: 'rs-save', disabled: true, onclick: () => void save() }, t('rs.save'));
  const element = h(
    'section',
    { class: 'view view-restructuring', testid: 'view-restructuring', 'aria-labelledby': 'rs-title' },
    h('h1', { id: 'rs-title' }, t('rs.title')),
    h('p', { class: 'hint' }, t('rs.intro')),
    assistantEl,
    h('div', { class: 'toolbar' }, h('label', { class: 'field inline' }, h('span', { class: 'field-label' }, t('rs.scope')), scopeSelect), compareBtn, csvBtn, xlsxBtn, saveName, saveBtn, saveStatus),
    editorsEl,
    compareEl,
    resultsEl,
  );

  const nameOf = (id: string) => names.get(id) ?? id;
  const remember = (f: { id: string; name: string; nameKo?: string; revenue?: number }) => {
    names.set(f.id, i18n.firmName(f));
    if (f.revenue !== undefined) revenues.set(f.id, f.revenue);
  };

  async function resolveNames(ids: string[]): Promise<void> {
    const missing = ids.filter((id) => !names.has(id) || !revenues.has(id));
    if (missing.length === 0) return;
    await Promise.all(missing.slice(0, 30).map((id) => ctx.api.firm(id).then((f) => (names.set(id, i18n.firmName(f)), revenues.set(id, f.revenue))).catch(() => undefined)));
    renderEditors();
  }

  // ── Changes ────────────────────────────────────────────────────────────────────────────────────────
  function describe(c: Change): string {
    switch (c.kind) {
      case 'move': {
        const from = [
          c.from.outsideRegion ? t('rs.from.outside', { region: i18n.region(ctx.meta?.homeRegion ?? 'Busan') }) : null,
          c.from.division ? i18n.sector(c.from.division) : null,
          c.from.product ? `“${c.from.product}”` : null,
          c.from.suppliers?.length ? c.from.suppliers.map(nameOf).join(', ') : null,
        ].filter(Boolean);
        return t('rs.desc.move', { buyer: nameOf(c.buyer), pct: i18n.percent(c.share, 0), from: from.join(' · '), to: c.to.map((x) => nameOf(x.supplier)).join(', ') });
      }
      case 'closeFirm':
        return t('rs.desc.close', { firm: nameOf(c.firm) });
      case 'setRevenue':
        return t('rs.desc.revenue', { firm: nameOf(c.firm), revenue: i18n.money(c.revenue) });
      case 'setValueAddedRatio':
        return t('rs.desc.va', { firm: nameOf(c.firm), ratio: i18n.percent(c.valueAddedRatio) });
      case 'addLink':
        return t('rs.desc.add', { supplier: nameOf(c.supplier), buyer: nameOf(c.buyer), value: i18n.money(c.value) });
      case 'removeLink':
        return t('rs.desc.remove', { supplier: nameOf(c.supplier), buyer: nameOf(c.buyer) });
    }
  }

  function addChange(slot: Slot, change: Change): void {
    const list = slot === 'a' ? rs.a : (rs.b ?? []);
    ctx.navigate({ restructuring: { [slot]: [...list, change] } });
  }

  function grow(id: string): Change | null {
    const revenue = revenues.get(id);
    return revenue ? { kind: 'setRevenue', firm: id, revenue: Math.round(revenue * (1 + GROW) * 100) / 100 } : null;
  }

  function renderEditors(): void {
    compareBtn.textContent = rs.b ? t('rs.compareOff') : t('rs.compareOn');
    editorsEl.replaceChildren(...(['a', 'b'] as Slot[]).filter((s) => s === 'a' || rs.b).map((s) => editor(s, s === 'a' ? rs.a : rs.b!)));
  }

  function editor(slot: Slot, list: Change[]): HTMLElement {
    const items = list.map((c, i) =>
      h(
        'li',
        { testid: `rs-change-${slot}`, 'data-kind': c.kind },
        h('span', {}, describe(c)),
        ' ',
        h('button', { type: 'button', class: 'link-button', testid: `rs-change-remove-${slot}`, onclick: () => ctx.navigate({ restructuring: { [slot]: list.filter((_, k) => k !== i) } }) }, t('common.remove')),
      ),
    );
    return h(
      'div',
      { class: 'section scenario-form', testid: `rs-editor-${slot}` },
      h('h2', {}, t('rs.scenario', { name: slot.toUpperCase() })),
      list.length ? h('ol', { class: 'rs-changes' }, ...items) : h('p', { class: 'hint' }, t('rs.noChanges')),
      changeForm(slot),
    );
  }

  /** A small form for one change; firms are picked by search. */
  function changeForm(slot: Slot): HTMLElement {
    let kind: ChangeKind = 'move';
    const picked: Record<string, { id: string; revenue?: number }> = {};
    const body = h('div', { class: 'rs-form-fields' });
    const status = h('p', { class: 'hint', 'aria-live': 'polite' });
    const kindSelect = select({ testid: `rs-kind-${slot}`, onchange: () => ((kind = kindSelect.value as ChangeKind), draw()) }, CHANGE_KINDS.map((k) => [k, t(`rs.kind.${k}`)]), kind);
    const number = (key: string, value: number, attrs: Record<string, unknown> = {}) => h('input', { type: 'number', step: 'any', value, testid: `rs-${key}-${slot}`, ...attrs });
    const share = number('share', 30, { min: 1, max: 100 });
    const amount = number('value', 1000, { min: 0 });
    const pct = number('grow', 10);
    const picker = (role: 'buyer' | 'to' | 'firm' | 'supplier') =>
      h('div', { class: 'field' }, h('span', { class: 'field-label' }, t(`rs.role.${role}`)), firmSearch({ api: ctx.api, i18n, testid: `rs-pick-${role}-${slot}`, keepText: true, onPick: (f) => ((picked[role] = f), remember(f)) }));
    const labelled = (label: string, control: HTMLElement) => h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control);
    function draw(): void {
      const fields: HTMLElement[] =
        kind === 'move'
          ? [picker('buyer'), labelled(t('rs.share'), share), picker('to'), h('p', { class: 'hint' }, t('rs.moveHint', { region: i18n.region(ctx.meta?.homeRegion ?? 'Busan') }))]
          : kind === 'closeFirm'
            ? [picker('firm')]
            : kind === 'grow'
              ? [picker('firm'), labelled(t('rs.growPct'), pct)]
              : kind === 'addLink'
                ? [picker('supplier'), picker('buyer'), labelled(t('rs.value'), amount)]
                : [picker('supplier'), picker('buyer')];
      body.replaceChildren(...fields);
      status.textContent = '';
    }
    function submit(): void {
      const need = (role: string) => picked[role]?.id;
      let change: Change | null = null;
      if (kind === 'move' && need('buyer') && need('to')) {
        change = { kind: 'move', buyer: need('buyer')!, share: Math.min(1, Math.max(0.01, Number(share.value) / 100)), from: { outsideRegion: true }, to: [{ supplier: need('to')! }] };
      } else if (kind === 'closeFirm' && need('firm')) change = { kind: 'closeFirm', firm: need('firm')! };
      else if (kind === 'grow' && need('firm') && picked.firm.revenue) {
        change = { kind: 'setRevenue', firm: need('firm')!, revenue: Math.round(picked.firm.revenue * (1 + Number(pct.value) / 100) * 100) / 100 };
      } else if (kind === 'addLink' && need('supplier') && need('buyer') && Number(amount.value) > 0) {
        change = { kind: 'addLink', supplier: need('supplier')!, buyer: need('buyer')!, value: Number(amount.value) };
      } else if (kind === 'removeLink' && need('supplier') && need('buyer')) change = { kind: 'removeLink', supplier: need('supplier')!, buyer: need('buyer')! };
      if (change) addChange(slot, change);
      else status.textContent = t('rs.formIncomplete');
    }
    draw();
    return h(
      'details',
      { class: 'rs-add' },
      h('summary', { testid: `rs-add-${slot}` }, t('rs.addChange')),
      labelled(t('rs.kind'), kindSelect),
      body,
      h('button', { type: 'button', class: 'primary', testid: `rs-add-submit-${slot}`, onclick: submit }, t('rs.add')),
      status,
    );
  }

  // ── Localisation assistant ─────────────────────────────────────────────────────────────────────────
  async function loadAssistant(): Promise<void> {
    const key = `${rs.firm}:${rs.share}`;
    if (key === lastAssistant) return;
    lastAssistant = key;
    assistantController?.abort();
    const search = firmSearch({ api: ctx.api, i18n, testid: 'rs-assistant-firm', label: t('rs.assistantFirm'), onPick: (f) => ctx.navigate({ restructuring: { firm: f.id } }) });
    const shareInput = h('input', { type: 'number', min: 5, max: 100, step: 5, value: Math.round(rs.share * 100), testid: 'rs-assistant-share', onchange: () => ctx.navigate({ restructuring: { share: Math.min(1, Math.max(0.05, Number(shareInput.value) / 100)) } }) });
    const head = h('div', { class: 'toolbar' }, search, h('label', { class: 'field inline' }, h('span', { class: 'field-label' }, t('rs.assistantShare')), shareInput));
    assistantEl.replaceChildren(h('h2', {}, t('rs.assistant')), h('p', { class: 'hint' }, t('rs.assistantHint')), head);
    if (!rs.firm) return;
    const body = h('div', { testid: 'rs-assistant-body' }, h('p', { class: 'hint' }, t('common.loading')));
    assistantEl.append(body);
    assistantController = new AbortController();
    const signal = assistantController.signal;
    try {
      const r = await ctx.progress.track(t('rs.assistantLoading'), ctx.api.request<Localisation>('GET', `/api/firms/${encodeURIComponent(rs.firm)}/localisation?share=${rs.share}&limit=3&groups=4`, undefined, signal));
      remember(r.firm);
      for (const g of r.groups) g.suggestions.forEach(remember);
      body.replaceChildren(assistantResult(r));
      renderEditors();
    } catch (err) {
      if (isAbort(err)) return;
      lastAssistant = '';
      body.replaceChildren(notice('error', explain(err, i18n), { label: t('common.retry'), run: () => void loadAssistant() }));
    }
  }

  function assistantResult(r: Localisation): HTMLElement {
    const region = i18n.region(ctx.meta?.homeRegion ?? 'Busan');
    if (r.groups.length === 0) return notice('empty', t('rs.assistantNone', { firm: i18n.firmName(r.firm), region }));
    const row = (s: Suggestion) =>
      h(
        'tr',
        { testid: 'rs-suggestion', 'data-id': s.id },
        h('td', {}, h('a', { href: `#/firm?id=${encodeURIComponent(s.id)}` }, i18n.firmName(s))),
        h('td', {}, s.district ? i18n.district(s.district) : ''),
        h('td', { class: 'num', title: Object.entries(s.criteria).map(([k, v]) => `${t(`rs.crit.${k}` as never)} ${i18n.percent(v, 0)}`).join(' · ') }, i18n.percent(s.fit, 0)),
        h('td', { class: 'num' }, i18n.money(s.headroom)),
        h('td', { class: 'num' }, s.axLevel ?? '–'),
        h('td', { class: 'num' }, s.gain ? i18n.moneyChange(s.gain.output) : '–'),
        h('td', { class: 'num' }, s.gain ? i18n.moneyChange(s.gain.valueAdded) : '–'),
        h('td', { class: 'num' }, s.gain ? `+${i18n.jobs(s.gain.jobs)}` : '–'),
        h(
          'td',
          { class: 'rs-actions' },
          s.refused
            ? h('span', { class: 'hint', title: s.refused }, t('rs.refused'))
            : [
                h('button', { type: 'button', testid: 'rs-suggestion-add', onclick: () => addChange('a', s.change) }, t('rs.toA')),
                rs.b ? h('button', { type: 'button', testid: 'rs-suggestion-add-b', onclick: () => addChange('b', s.change) }, t('rs.toB')) : null,
              ],
        ),
      );
    return h(
      'div',
      {},
      h('p', { testid: 'rs-assistant-total' }, t('rs.assistantTotal', { firm: i18n.firmName(r.firm), value: i18n.money(r.outOfRegionPurchases), region, pct: i18n.percent(r.share, 0) })),
      ...r.groups.map((g) =>
        h(
          'div',
          { class: 'rs-group', testid: 'rs-group' },
          h('h3', {}, `${i18n.sector(g.division)}${g.product ? ` · ${g.product}` : ''} · ${i18n.money(g.value)}`),
          h('p', { class: 'hint' }, t('rs.groupFrom', { suppliers: g.suppliers.map((s) => `${i18n.firmName(s)} (${i18n.region(s.region)})`).join(', ') })),
          h(
            'table',
            {},
            h('thead', {}, h('tr', {}, ...['col.firm', 'col.district', 'col.fit', 'col.headroom', 'col.ax', 'col.gainOutput', 'col.gainVa', 'col.gainJobs', 'col.action'].map((k, i) => h('th', { class: i >= 2 && i < 8 ? 'num' : undefined }, t(`rs.${k}` as never))))),
            h('tbody', {}, ...g.suggestions.map(row)),
          ),
        ),
      ),
    );
  }

  // ── Evaluation ─────────────────────────────────────────────────────────────────────────────────────
  async function evaluate(): Promise<void> {
    const key = JSON.stringify([rs.a, rs.b, rs.scope]);
    if (key === lastRun) return;
    lastRun = key;
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    for (const stage of stages.splice(0)) stage.destroy();
    delete results.a;
    delete results.b;
    compareEl.replaceChildren();
    const slots = (['a', 'b'] as Slot[]).filter((s) => (s === 'a' ? rs.a : rs.b)?.length);
    updateExports();
    if (slots.length === 0) {
      resultsEl.replaceChildren(notice('empty', t('rs.empty')));
      return;
    }
    resultsEl.replaceChildren(h('p', { class: 'hint' }, t('rs.evaluating')));
    const task = ctx.progress.start(t('rs.evaluating'));
    try {
      // Names first, so that the scenarios read in words (and export so).
      await resolveNames([...firmsNamed(rs.a), ...firmsNamed(rs.b ?? [])]);
      const lists = slots.map((s) => (s === 'a' ? rs.a : rs.b)!);
      const settled = await Promise.allSettled(lists.map((changes) => ctx.api.request<Evaluation>('POST', '/api/restructuring/evaluate', { changes, scope: rs.scope, limit: 30 }, signal)));
      if (signal.aborted) return;
      resultsEl.replaceChildren();
      settled.forEach((r, i) => {
        const slot = slots[i];
        const box = h('div', { class: 'section', testid: `rs-result-${slot}`, 'data-slot': slot }, h('h2', {}, t('rs.scenario', { name: slot.toUpperCase() })));
        resultsEl.append(box);
        if (r.status === 'rejected') {
          if (!isAbort(r.reason)) box.append(notice('error', explain(r.reason, i18n), { label: t('common.retry'), run: () => ((lastRun = ''), void evaluate()) }));
          return;
        }
        const named: NamedEvaluation = { name: slot.toUpperCase(), label: lists[i].map(describe).join('; '), result: r.value };
        results[slot] = named;
        for (const list of [r.value.gainers, r.value.losers, r.value.anchors, r.value.changedFirms]) list.forEach(remember);
        renderResult(box, slot, named);
      });
      if (results.a && results.b) compareEl.replaceChildren(comparisonSection([results.a, results.b]));
      updateExports();
    } finally {
      task.done();
    }
  }

  function formatCell(table: ReportTable, row: number, col: number, v: Cell): string {
    if (v === null) return '–';
    if (typeof v === 'string') return v;
    if (table.id === 'figures') {
      // Rows: output, value added, jobs, household income, leakage, home sourcing; changes carry a sign.
      const isChange = col >= 4 && (col - 1) % 3 === 0 ? true : table.head[col] === t('rs.bMinusA');
      if (row === 2) return isChange ? `${v >= 0 ? '+' : '\u2212'}${i18n.jobs(Math.abs(v))}` : i18n.jobs(v);
      if (row === 5) return isChange ? i18n.points(v) : i18n.percent(v);
      return isChange ? i18n.moneyChange(v) : i18n.money(v);
    }
    if (/^(gainers|losers)/.test(table.id)) return col === 6 ? i18n.jobs(v) : i18n.moneyChange(v);
    if (/^changed/.test(table.id) && (col === 4 || col === 5)) return i18n.percent(v);
    return v.toFixed(3);
  }

  function figuresCards(slot: Slot, e: Evaluation): HTMLElement {
    const fmt = (key: string, v: number) => (key === 'jobs' ? i18n.jobs(v) : key === 'homeSourcing' ? i18n.percent(v) : i18n.money(v));
    const change = (key: string, d: number) => (key === 'jobs' ? `${d >= 0 ? '+' : '\u2212'}${i18n.jobs(Math.abs(d))}` : key === 'homeSourcing' ? i18n.points(d) : i18n.moneyChange(d));
    const keys = ['output', 'valueAdded', 'jobs', 'householdIncome', 'leakage', 'homeSourcing'] as const;
    return h(
      'div',
      { class: 'cards' },
      ...keys.map((key) => {
        const before = figureValue(e.before, key);
        const after = figureValue(e.afterTypeII, key);
        return h(
          'div',
          { class: 'card', testid: `rs-fig-${key}-${slot}`, 'data-before': before, 'data-after': after },
          h('div', { class: 'label' }, t(`rs.fig.${key}`)),
          h('div', { class: 'value' }, change(key, after - before)),
          h('div', { class: 'sub' }, `${fmt(key, before)} → ${fmt(key, after)} (${t('rs.typeII')}) · ${t('rs.typeI')} ${change(key, figureValue(e.after, key) - before)}`),
        );
      }),
    );
  }

  function renderResult(box: HTMLElement, slot: Slot, named: NamedEvaluation): void {
    const e = named.result;
    const tables = reportTables([named], i18n).slice(1);
    box.append(
      h('p', { class: 'scenario-label', testid: `rs-label-${slot}` }, named.label),
      h('p', { class: 'hint' }, t('rs.units', { scope: t(`rs.scope.${e.scope}`) })),
      figuresCards(slot, e),
      ...e.warnings.map((w) => notice('info', w)),
      networkSection(slot, e),
      ...tables.map((table) => tableElement(table, slot)),
    );
  }

  function tableElement(table: ReportTable, slot: Slot): HTMLElement {
    const ids = /^(gainers|losers)/.test(table.id) ? (table.id.startsWith('gainers') ? results[slot]!.result.gainers : results[slot]!.result.losers).map((f) => f.id) : null;
    return h(
      'div',
      { class: 'rs-table' },
      h('h3', {}, table.title),
      table.rows.length === 0
        ? h('p', { class: 'hint' }, t('rs.none'))
        : h(
            'table',
            { testid: `rs-table-${table.id.split('-')[0]}-${slot}` },
            h('thead', {}, h('tr', {}, ...table.head.map((c, i) => h('th', { class: i ? 'num' : undefined }, c)), ids ? h('th', {}, t('rs.col.action')) : null)),
            h(
              'tbody',
              {},
              ...table.rows.slice(0, 15).map((row, r) =>
                h(
                  'tr',
                  { 'data-id': ids?.[r] },
                  ...row.map((c, i) => h('td', { class: i && typeof c === 'number' ? 'num' : undefined }, formatCell(table, r, i, c))),
                  ids ? h('td', { class: 'rs-actions' }, firmActions(ids[r], slot)) : null,
                ),
              ),
            ),
          ),
    );
  }

  /** Close or grow a firm in this scenario: from a table row or a click in the network. */
  function firmActions(id: string, slot: Slot): HTMLElement[] {
    return [
      h('button', { type: 'button', class: 'link-button', testid: 'rs-action-close', onclick: () => addChange(slot, { kind: 'closeFirm', firm: id }) }, t('rs.close')),
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          testid: 'rs-action-grow',
          onclick: async () => {
            if (!revenues.has(id)) await resolveNames([id]);
            const g = grow(id);
            if (g) addChange(slot, g);
          },
        },
        t('rs.grow', { pct: i18n.percent(GROW, 0) }),
      ),
      h('button', { type: 'button', class: 'link-button', testid: 'rs-action-localise', onclick: () => ctx.navigate({ restructuring: { firm: id } }) }, t('rs.localise')),
    ];
  }

  // ── The network coloured by change ─────────────────────────────────────────────────────────────────
  function networkSection(slot: Slot, e: Evaluation): HTMLElement {
    const stageBox = h('div', { class: 'heat-stage', testid: `rs-network-${slot}` });
    const actions = h('div', { class: 'toolbar', testid: `rs-node-actions-${slot}` });
    const section = h(
      'div',
      { class: 'heat' },
      h('h3', {}, t('rs.network')),
      h('p', { class: 'hint' }, h('span', { style: `color:${GAIN}` }, '●'), ` ${t('rs.legendGain')} `, h('span', { style: `color:${LOSS}` }, '●'), ` ${t('rs.legendLoss')} `, h('span', { style: `color:${NEUTRAL}` }, '●'), ` ${t('rs.legendNone')}`),
      stageBox,
      actions,
    );
    const list = (slot === 'a' ? rs.a : rs.b) ?? [];
    const focus = firmsNamed(list).slice(0, 4);
    const change = new Map<string, number>();
    for (const f of [...e.gainers, ...e.losers]) change.set(f.id, f.outputChangeTypeII);
    void (async () => {
      let graph: Graph | null = null;
      try {
        const nets = await Promise.all(focus.map((id) => ctx.api.network(id, { direction: 'both', depth: 1, limit: 250 })));
        graph = mergeLoads(nets.map((data, i) => ({ spec: { kind: 'network', key: focus[i], id: focus[i], direction: 'both', depth: 1, selfOnly: false }, data })));
      } catch {
        section.hidden = true;
        return;
      }
      if (!stageBox.isConnected || !graph || graph.nodes.size === 0) return;
      for (const node of graph.nodes.values()) remember(node);
      const nodes = [...graph.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
        const { scene } = buildScene(nodes, [...graph.links.values()], { size: 'revenue', colour: 'tier', emphasis: focus }, i18n);
      scene.fill = scene.ids.map((id) => {
        const d = change.get(id) ?? 0;
        return d > 0 ? GAIN : d < 0 ? LOSS : NEUTRAL;
      });
      stageBox.dataset.gains = String(scene.ids.filter((id) => (change.get(id) ?? 0) > 0).length);
      const stage = new NetworkStage(stageBox, {
        renderer: 'auto',
        camera: null,
        ariaLabel: (n) => `${t('rs.network')} (${i18n.firms(n)})`,
        tooltip: (id) => `${graph!.nodes.get(id) ? i18n.firmName(graph!.nodes.get(id)!) : id}: ${i18n.moneyChange(change.get(id) ?? 0)}`,
        onSelect: (id) => {
          if (!id) return actions.replaceChildren();
          actions.replaceChildren(h('span', {}, `${nameOf(id)}: `), ...firmActions(id, slot), ...linkActions(graph!, id, focus, slot));
        },
        onSelectLink: (source, target) => {
          const l = [...graph!.links.values()].find((x) => x.source === source && x.target === target);
          if (l) actions.replaceChildren(linkAction(l, slot));
        },
        onOpen: (id) => ctx.navigate({ view: 'firm', firm: { id } }),
      });
      stages.push(stage);
      stage.setScene(scene);
    })();
    return section;
  }

  /**
   * The selected firm's supplies to and from the scenario's firms, each with "move to…" (all of it, to a
   * firm picked by search) and "remove": link changes made from the network.
   */
  function linkActions(graph: Graph, id: string, focus: readonly string[], slot: Slot): HTMLElement[] {
    const links = [...graph.links.values()].filter((l) => (l.source === id && focus.includes(l.target)) || (l.target === id && focus.includes(l.source))).slice(0, 4);
    return links.map((l) => linkAction(l, slot));
  }

  /** "Move to…" and "remove" for one supply: from a firm's list above, or a click on the link itself. */
  function linkAction(l: { source: string; target: string; value: number }, slot: Slot): HTMLElement {
    const box = h('span', { class: 'rs-link-action', testid: 'rs-link-action' });
    const move = h('button', {
      type: 'button',
      class: 'link-button',
      testid: 'rs-link-move',
      onclick: () =>
        box.replaceChildren(
          firmSearch({ api: ctx.api, i18n, testid: 'rs-link-move-to', label: t('rs.moveTo'), onPick: (f) => addChange(slot, { kind: 'move', buyer: l.target, share: 1, from: { suppliers: [l.source] }, to: [{ supplier: f.id }] }) }),
        ),
    }, t('rs.moveTo'));
    const remove = h('button', { type: 'button', class: 'link-button', testid: 'rs-link-remove', onclick: () => addChange(slot, { kind: 'removeLink', supplier: l.source, buyer: l.target }) }, t('common.remove'));
    box.append(`${nameOf(l.source)} → ${nameOf(l.target)} (${i18n.money(l.value)}): `, move, remove);
    return box;
  }

  function comparisonSection(list: NamedEvaluation[]): HTMLElement {
    const [table] = reportTables(list, i18n);
    return h('div', { class: 'section' }, h('h2', {}, t('rs.compareTitle')), ...list.map((e) => h('p', { class: 'hint' }, `${e.name}: ${e.label}`)), tableElement(table, 'a'));
  }

  // ── Export ─────────────────────────────────────────────────────────────────────────────────────────
  const evaluated = () => (['a', 'b'] as Slot[]).map((s) => results[s]).filter((x): x is NamedEvaluation => x !== undefined);

  function csvBlob(): Blob {
    const list = evaluated();
    return new Blob(['\ufeff', reportCsv(list, reportTables(list, i18n), i18n)], { type: 'text/csv;charset=utf-8' });
  }

  async function exportXlsx(): Promise<void> {
    const list = evaluated();
    try {
      download(await ctx.progress.track(t('common.export'), reportXlsx(list, reportTables(list, i18n), i18n)), exportName('restructuring', 'xlsx'));
    } catch (err) {
      ctx.announce(t('export.failed', { detail: (err as Error).message }));
    }
  }

  function reportDrawing(): SVGSVGElement {
    const list = evaluated();
    const drawn = stages[0]?.root.querySelector('svg');
    return reportSvg(t('rs.title'), list, reportTables(list, i18n), formatCell, drawn instanceof SVGSVGElement ? drawn : null);
  }

  /** Saves scenario A (and B) with a name into the saved scenarios (analyst role). */
  async function save(): Promise<void> {
    const name = saveName.value.trim() || (results.a?.label ?? t('rs.title')).slice(0, 200);
    const workflow = new WorkflowApi(ctx.api);
    try {
      const saved = [];
      for (const [slot, list] of [['A', rs.a], ['B', rs.b]] as const) {
        if (!list?.length) continue;
        saved.push(await workflow.saveScenario({ kind: 'restructuring', name: rs.b ? `${name} (${slot})` : name, notes: list.map(describe).join('; '), request: savedRequest(list, rs.scope) }));
      }
      saveStatus.replaceChildren(t('rs.saved'), ' ', ...saved.map((s) => h('a', { href: `#/scenarios?open=${encodeURIComponent(s.id)}` }, s.name)));
    } catch (err) {
      saveStatus.textContent = explain(err, i18n);
    }
  }

  function updateExports(): void {
    const any = evaluated().length > 0;
    csvBtn.disabled = !any;
    xlsxBtn.disabled = !any;
    saveBtn.disabled = !any;
    ctx.exportsChanged();
  }

  function show(next: AppState): void {
    rs = structuredClone(next.restructuring);
    scopeSelect.value = rs.scope;
    renderEditors();
    void resolveNames([...firmsNamed(rs.a), ...firmsNamed(rs.b ?? [])]);
    void loadAssistant();
    void evaluate();
  }

  show(initial);
  return {
    element,
    update(next, prev) {
      if (JSON.stringify(next.restructuring) !== JSON.stringify(prev.restructuring)) show(next);
    },
    exporters: () => (evaluated().length ? { csv: csvBlob, svg: async () => svgBlob(reportDrawing()), png: () => svgToPng(reportDrawing()) } : {}),
    destroy() {
      controller?.abort();
      assistantController?.abort();
      for (const stage of stages.splice(0)) stage.destroy();
    },
  };
};
