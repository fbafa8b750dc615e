/**
 * The firm view's AX partner planning section: the AI-transformation readiness (axLevel 0–5) of the
 * firm's suppliers and buyers tier by tier, the partners below the target, and the suggested joint-AX group
 * ranked by the supply value they carry, with the share of the chain it covers; CSV export.
 */
import { isAbort } from '../api.ts';
import type { ViewContext } from '../context.ts';
import { explain } from '../errors.ts';
import { download, toCsv } from '../export.ts';
import { h, notice, select, field } from '../ui/dom.ts';
import { WorkflowApi, type AxPlan } from '../workflowApi.ts';

export function axPlanSection(ctx: ViewContext, firmId: string, signal: AbortSignal): HTMLElement {
  const { i18n } = ctx;
  const t = i18n.t;
  const api = new WorkflowApi(ctx.api);
  const content = h('div', { class: 'ax-plan-body' });
  const depth = select({ testid: 'ax-depth' }, [1, 2, 3, 4].map((d) => [String(d), String(d)]), '2');
  const target = select({ testid: 'ax-target' }, [1, 2, 3, 4, 5].map((d) => [String(d), String(d)]), '3');
  let plan: (AxPlan & { dataVersion: number }) | null = null;
  const exportButton = h('button', { type: 'button', testid: 'ax-export-csv', disabled: true, onclick: () => plan && exportCsv(plan) }, t('ax.exportCsv'));
  const section = h(
    'div',
    { class: 'section', testid: 'firm-ax-plan' },
    h('h2', {}, t('ax.title')),
    h('p', { class: 'hint' }, t('ax.explain')),
    h('div', { class: 'toolbar' }, field(t('ax.depth'), depth), field(t('ax.target'), target), exportButton),
    content,
  );

  const level = (v: number | null) => (v === null ? t('common.unknown') : String(v));
  const side = (s: 'upstream' | 'downstream', hop: number) => t(s === 'upstream' ? 'ax.supplierTier' : 'ax.buyerTier', { n: hop });

  function exportCsv(p: AxPlan): void {
    const rows = p.partners.map((x) => [x.id, x.name, x.nameKo ?? '', x.axLevel ?? '', x.upstreamHop ?? '', x.downstreamHop ?? '', x.carried, x.share, x.lagging, p.group.find((g) => g.id === x.id)?.rank ?? '']);
    const csv = toCsv(['id', 'name', 'nameKo', 'axLevel', 'supplierTier', 'buyerTier', 'carriedKrwMillion', 'shareOfChain', 'lagging', 'groupRank'], rows);
    download(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }), `anchorage-ax-plan-${p.anchor.id}.csv`);
  }

  function render(p: AxPlan & { dataVersion: number }): void {
    if (p.partners.length === 0) {
      content.replaceChildren(notice('empty', t('ax.noChain')));
      return;
    }
    content.replaceChildren(
      h('p', { testid: 'ax-summary' }, t('ax.summary', { lagging: i18n.count(p.laggingCount), partners: i18n.count(p.partners.length), target: p.options.target, cover: i18n.percent(p.laggingCover), unknown: i18n.count(p.unknownCount) })),
      h(
        'table',
        { testid: 'ax-tiers' },
        h('thead', {}, h('tr', {}, h('th', {}, t('ax.tier')), h('th', { class: 'num' }, t('ax.firms')), h('th', { class: 'num' }, t('ax.meanLevel')), h('th', {}, t('ax.distribution')), h('th', { class: 'num' }, t('ax.lagging')), h('th', { class: 'num' }, t('ax.carried')))),
        h(
          'tbody',
          {},
          ...p.tiers.map((tier) =>
            h(
              'tr',
              { 'data-side': tier.side, 'data-hop': tier.hop },
              h('td', {}, side(tier.side, tier.hop)),
              h('td', { class: 'num' }, i18n.count(tier.firms)),
              h('td', { class: 'num' }, tier.meanLevel === null ? '—' : tier.meanLevel.toFixed(1)),
              h('td', {}, tier.distribution.map((n, lv) => `${lv}:${n}`).join(' ')),
              h('td', { class: 'num' }, i18n.count(tier.lagging)),
              h('td', { class: 'num' }, i18n.money(tier.carried)),
            ),
          ),
        ),
      ),
      h('h3', {}, t('ax.group', { cover: i18n.percent(p.groupCover) })),
      p.group.length === 0
        ? h('p', { class: 'hint' }, t('ax.noLaggards'))
        : h(
            'table',
            { testid: 'ax-group' },
            h('thead', {}, h('tr', {}, h('th', { class: 'num' }, '#'), h('th', {}, t('firmAttr.name')), h('th', {}, t('ax.tier')), h('th', { class: 'num' }, t('firmAttr.axLevel')), h('th', { class: 'num' }, t('ax.carried')), h('th', { class: 'num' }, t('ax.cumulativeCover')))),
            h(
              'tbody',
              {},
              ...p.group.map((g) =>
                h(
                  'tr',
                  { 'data-id': g.id },
                  h('td', { class: 'num' }, String(g.rank)),
                  h('td', {}, h('a', { href: `#/firm?id=${encodeURIComponent(g.id)}` }, i18n.firmName({ name: g.name, nameKo: g.nameKo ?? undefined }))),
                  h('td', {}, [g.upstreamHop !== null ? side('upstream', g.upstreamHop) : null, g.downstreamHop !== null ? side('downstream', g.downstreamHop) : null].filter(Boolean).join(', ')),
                  h('td', { class: 'num' }, level(g.axLevel)),
                  h('td', { class: 'num' }, i18n.money(g.carried)),
                  h('td', { class: 'num' }, i18n.percent(g.cumulativeCover)),
                ),
              ),
            ),
          ),
      h('p', { class: 'hint' }, t('ax.units', { version: p.dataVersion })),
    );
  }

  async function load(): Promise<void> {
    exportButton.disabled = true;
    try {
      plan = await api.axPlan(firmId, { depth: Number(depth.value), target: Number(target.value) }, signal);
      render(plan);
      exportButton.disabled = false;
    } catch (err) {
      if (!isAbort(err)) content.replaceChildren(notice('error', explain(err, i18n)));
    }
  }
  depth.addEventListener('change', () => void load());
  target.addEventListener('change', () => void load());
  void load();
  return section;
}
