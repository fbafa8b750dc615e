/** The firm view's tier history: each tier the firm held, from which year to which, and the call that decided it. */
import { isAbort } from '../api.ts';
import type { ViewContext } from '../context.ts';
import { explain } from '../errors.ts';
import { h, notice } from '../ui/dom.ts';
import { WorkflowApi } from '../workflowApi.ts';

export function tierHistorySection(ctx: ViewContext, firmId: string, signal: AbortSignal): HTMLElement {
  const { i18n } = ctx;
  const t = i18n.t;
  const content = h('div', {}, h('p', { class: 'hint' }, t('common.loading')));
  const section = h('div', { class: 'section', testid: 'firm-tier-history' }, h('h2', {}, t('tierHistory.title')), content);
  new WorkflowApi(ctx.api)
    .tierHistory(firmId, signal)
    .then((history) => {
      if (history.spells.length === 0) {
        content.replaceChildren(h('p', { class: 'hint' }, t('tierHistory.none', { tier: i18n.tier(history.tier) })));
        return;
      }
      content.replaceChildren(
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, h('th', {}, t('firmAttr.tier')), h('th', {}, t('tierHistory.from')), h('th', {}, t('tierHistory.to')), h('th', {}, t('tierHistory.source')))),
          h(
            'tbody',
            {},
            ...history.spells.map((s) =>
              h(
                'tr',
                { testid: 'tier-spell', 'data-tier': s.tier, 'data-from': s.from ?? '' },
                h('td', {}, h('span', { class: `tier-badge tier-${s.tier}` }, i18n.tier(s.tier))),
                h('td', {}, s.from === null ? t('tierHistory.before') : String(s.from)),
                h('td', {}, s.to === null ? t('tierHistory.now') : String(s.to)),
                h('td', {}, s.source === 'selection' ? t('tierHistory.selection', { call: s.callId ?? '' }) : t('tierHistory.beforeHistory')),
              ),
            ),
          ),
        ),
      );
    })
    .catch((err) => {
      if (!isAbort(err)) content.replaceChildren(notice('error', explain(err, i18n)));
    });
  return section;
}
