/**
 * Saved scenarios: save the ripple view's scenario with a name and notes (analyst role), list them, reopen
 * one recomputed on the current data (its data version shown, flagged when the data changed since it was
 * saved), compare several side by side, and share one by link (#/scenarios?open=<id>).
 */
import { restructuringLink } from '../restructuring/saved.ts';
import { ApiError, isAbort } from '../api.ts';
import type { ViewFactory } from '../context.ts';
import { explain } from '../errors.ts';
import { defaultScenario, defaultState, formatState, withState, type AppState, type Scenario } from '../state.ts';
import { field, h, notice } from '../ui/dom.ts';
import { WorkflowApi, type ReopenedScenario, type SavedScenario } from '../workflowApi.ts';

/** The saved form of a ripple-view scenario: `ripple` for demand and supply shocks, `disruption` for stops. */
export function scenarioRequest(sc: Scenario): { kind: 'ripple' | 'disruption'; request: unknown } {
  return sc.model === 'disruption'
    ? { kind: 'disruption', request: { firmIds: sc.shocks.map((s) => s.firmId), capacityLoss: sc.capacityLoss } }
    : { kind: 'ripple', request: { model: sc.model, shocks: sc.shocks } };
}

/** The ripple view showing a saved request again. */
export function rippleLink(saved: Pick<SavedScenario, 'kind' | 'request'>): string | null {
  const r = saved.request as { model?: 'demand' | 'supply'; shocks?: { firmId: string; amount: number }[]; firmIds?: string[]; capacityLoss?: number };
  const a: Scenario | null =
    saved.kind === 'ripple' && r.shocks
      ? { ...defaultScenario(r.model ?? 'demand'), shocks: r.shocks }
      : saved.kind === 'disruption' && r.firmIds
        ? { ...defaultScenario('disruption'), shocks: r.firmIds.map((firmId) => ({ firmId, amount: 0 })), capacityLoss: r.capacityLoss ?? 1 }
        : null;
  return a ? formatState(withState(defaultState(), { view: 'ripple', ripple: { a, b: null } })) : null;
}

export const scenariosView: ViewFactory = (ctx, initial) => {
  const { i18n } = ctx;
  const t = i18n.t;
  const api = new WorkflowApi(ctx.api);
  let controller: AbortController | null = null;
  const checked = new Set<string>(initial.scenarios.compare);
  const saveBox = h('div', { class: 'section', testid: 'scen-save-box' });
  const listBox = h('div', { class: 'section', testid: 'scen-list' });
  const detailBox = h('div', { class: 'section', testid: 'scen-detail' });
  const element = h('section', { class: 'view view-scenarios', testid: 'view-scenarios' }, h('h1', {}, t('scen.title')), saveBox, listBox, detailBox);

  /** Headline figures of a result, by kind (KRW million; jobs for employment). */
  function headline(kind: string, result: ReopenedScenario['result']): [string, string][] {
    const totals = (result.totals ?? {}) as Record<string, number | null>;
    const money = (v: number | null | undefined) => (v === null || v === undefined ? '—' : i18n.money(v));
    if (kind === 'ripple') {
      return [
        [t('scen.output'), money(totals.output)],
        [t('scen.valueAdded'), money(totals.valueAdded)],
        [t('scen.employment'), totals.employment == null ? '—' : i18n.jobs(totals.employment)],
        [t('scen.multiplier'), typeof result.multiplier === 'number' ? result.multiplier.toFixed(3) : '—'],
      ];
    }
    if (kind === 'disruption') {
      return [
        [t('scen.outputLoss'), money(totals.outputLoss)],
        [t('scen.affectedFirms'), typeof result.affectedFirms === 'number' ? i18n.count(result.affectedFirms) : '—'],
      ];
    }
    return Object.entries(totals).map(([k, v]) => [k, typeof v === 'number' ? i18n.metric(v) : '—']);
  }

  function renderSave(s: AppState): void {
    const sc = s.ripple.a;
    if (sc.shocks.length === 0) {
      saveBox.replaceChildren(h('h2', {}, t('scen.save')), h('p', { class: 'hint' }, t('scen.nothingToSave'), ' ', h('a', { href: formatState({ ...s, view: 'ripple' }) }, t('nav.ripple'))));
      return;
    }
    const name = h('input', { type: 'text', maxlength: 200, testid: 'scen-name', required: true });
    const notes = h('textarea', { rows: 2, maxlength: 4000, testid: 'scen-notes' });
    const status = h('div', { 'aria-live': 'polite' });
    const form = h(
      'form',
      {
        class: 'toolbar',
        onsubmit: async (e: Event) => {
          e.preventDefault();
          try {
            const saved = await api.saveScenario({ ...scenarioRequest(sc), name: name.value, notes: notes.value });
            ctx.announce(t('scen.saved', { name: saved.name }));
            ctx.navigate({ scenarios: { open: saved.id } });
            await loadList();
          } catch (err) {
            status.replaceChildren(notice('error', err instanceof ApiError && (err.status === 401 || err.status === 403) ? t('scen.needsAnalyst') : explain(err, i18n)));
          }
        },
      },
      field(t('scen.name'), name),
      field(t('scen.notes'), notes),
      h('button', { type: 'submit', testid: 'scen-save' }, t('scen.saveButton')),
    );
    const what = sc.shocks.map((x) => x.firmId).join(', ');
    saveBox.replaceChildren(h('h2', {}, t('scen.save')), h('p', { class: 'hint' }, t(`ripple.model.${sc.model}`), ': ', what), form, status);
  }

  async function loadList(): Promise<void> {
    try {
      const { items } = await api.scenarios(controller?.signal);
      if (items.length === 0) {
        listBox.replaceChildren(h('h2', {}, t('scen.saved.title')), notice('empty', t('scen.none')));
        return;
      }
      const compare = h('button', { type: 'button', testid: 'scen-compare', disabled: checked.size < 2 || checked.size > 4, onclick: () => ctx.navigate({ scenarios: { compare: [...checked], open: null } }) }, t('scen.compare'));
      const box = (id: string) =>
        h('input', {
          type: 'checkbox',
          checked: checked.has(id),
          'aria-label': t('scen.compareThis'),
          onchange: (e: Event) => {
            if ((e.target as HTMLInputElement).checked) checked.add(id);
            else checked.delete(id);
            compare.disabled = checked.size < 2 || checked.size > 4;
          },
        });
      listBox.replaceChildren(
        h('h2', {}, t('scen.saved.title')),
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, h('th', {}, t('scen.compareThis')), h('th', {}, t('scen.name')), h('th', {}, t('scen.kind')), h('th', {}, t('scen.by')), h('th', {}, t('scen.at')), h('th', { class: 'num' }, t('scen.dataVersion')))),
          h(
            'tbody',
            {},
            ...items.map((s) =>
              h(
                'tr',
                { testid: 'scen-row', 'data-id': s.id },
                h('td', {}, box(s.id)),
                h('td', {}, h('a', { href: formatState(withState(ctx.state(), { scenarios: { open: s.id, compare: [] } })) }, s.name)),
                h('td', {}, t(s.kind === 'ripple' ? 'scen.kind.ripple' : s.kind === 'disruption' ? 'scen.kind.disruption' : 'scen.kind.other')),
                h('td', {}, s.createdBy),
                h('td', {}, s.createdAt.slice(0, 16).replace('T', ' ')),
                h('td', { class: 'num' }, String(s.dataVersion)),
              ),
            ),
          ),
        ),
        compare,
      );
    } catch (err) {
      if (!isAbort(err)) listBox.replaceChildren(notice('error', explain(err, i18n)));
    }
  }

  function versionNote(r: ReopenedScenario): HTMLElement {
    return r.dataChanged
      ? notice('info', t('scen.dataChanged', { saved: r.savedDataVersion, now: r.dataVersion }))
      : h('p', { class: 'hint' }, t('scen.dataSame', { now: r.dataVersion }));
  }

  async function loadDetail(s: AppState): Promise<void> {
    const signal = controller?.signal;
    try {
      if (s.scenarios.open) {
        const r = await ctx.progress.track(t('common.loading'), api.reopenScenario(s.scenarios.open, signal));
        const link = new URL(r.scenario.link, location.href).href;
        const ripple = rippleLink(r.scenario);
        detailBox.replaceChildren(
          h('h2', { testid: 'scen-open-name' }, r.scenario.name),
          h('p', {}, r.scenario.notes),
          h('div', { testid: r.dataChanged ? 'scen-data-changed' : 'scen-data-same' }, versionNote(r)),
          h('dl', { class: 'facts', testid: 'scen-headline' }, ...headline(r.scenario.kind, r.result).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
          h('p', {}, t('scen.share'), ' ', h('a', { href: link, testid: 'scen-share-link' }, link)),
          h('p', {}, ripple ? h('a', { href: ripple, testid: 'scen-open-ripple' }, t('scen.openInRipple')) : null),
          h('p', {}, restructuringLink(r.scenario) ? h('a', { href: restructuringLink(r.scenario)!, testid: 'scen-open-restructuring' }, t('rs.openSaved')) : null),
        );
      } else if (s.scenarios.compare.length >= 2) {
        const { items } = await ctx.progress.track(t('common.loading'), api.compareScenarios(s.scenarios.compare, signal));
        const rows = items.map((r) => headline(r.scenario.kind, r.result));
        const labels = [...new Set(rows.flatMap((r) => r.map(([k]) => k)))];
        detailBox.replaceChildren(
          h('h2', {}, t('scen.comparison')),
          h(
            'table',
            { testid: 'scen-comparison' },
            h('thead', {}, h('tr', {}, h('th', {}, ''), ...items.map((r) => h('th', {}, r.scenario.name)))),
            h(
              'tbody',
              {},
              ...labels.map((label) => h('tr', {}, h('th', {}, label), ...rows.map((r) => h('td', { class: 'num' }, r.find(([k]) => k === label)?.[1] ?? '—')))),
              h('tr', {}, h('th', {}, t('scen.dataVersion')), ...items.map((r) => h('td', {}, r.dataChanged ? t('scen.changedShort', { saved: r.savedDataVersion }) : String(r.dataVersion)))),
            ),
          ),
        );
      } else detailBox.replaceChildren();
    } catch (err) {
      if (!isAbort(err)) detailBox.replaceChildren(notice('error', explain(err, i18n)));
    }
  }

  function load(s: AppState): void {
    controller?.abort();
    controller = new AbortController();
    renderSave(s);
    void loadList();
    void loadDetail(s);
  }

  load(initial);
  return {
    element,
    update(next, prev) {
      if (next.scenarios.open !== prev.scenarios.open || next.scenarios.compare.join() !== prev.scenarios.compare.join()) void loadDetail(next);
    },
    exporters: () => ({}),
    destroy() {
      controller?.abort();
    },
  };
};
