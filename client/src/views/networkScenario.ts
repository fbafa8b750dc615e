/**
 * Restructuring from the network view (issue 9): a clicked supply link can have a share of it moved to
 * another supplier or be removed, and a firm closed or grown; each change is added to scenario A of the
 * restructuring view, which then opens with it. The new suppliers suggested for a move are the localisation
 * assistant's for the buyer (when the current supplier is outside the home region; the same ranking the
 * restructuring view shows), then the home region's firms of the supplier's KSIC division, largest first.
 */
import type { ViewContext } from '../context.ts';
import type { Change } from '../restructuring/changes.ts';
import { DEFAULT_SHARE } from '../restructuring/state.ts';
import type { Localisation } from '../restructuring/types.ts';
import type { NetworkNode } from '../types.ts';
import { h } from '../ui/dom.ts';

/** Growth a "grow" click applies to a firm's revenue, as in the restructuring view. */
const GROW = 0.1;
const MAX_SUGGESTIONS = 12;

export interface SupplyOnScreen {
  source: string;
  target: string;
  value: number;
}

interface Candidate {
  id: string;
  label: string;
}

/** Adds a change to scenario A and opens the restructuring view on it. */
export function addToScenario(ctx: ViewContext, change: Change): void {
  ctx.navigate({ view: 'restructuring', restructuring: { a: [...ctx.state().restructuring.a, change] } });
}

/** "Close" and "grow" for the firm in the panel. */
export function firmScenarioActions(ctx: ViewContext, f: NetworkNode): HTMLElement[] {
  const { t } = ctx.i18n;
  return [
    h('button', { type: 'button', testid: 'panel-rs-close', onclick: () => addToScenario(ctx, { kind: 'closeFirm', firm: f.id }) }, `${t('rs.close')} (${t('rs.title')})`),
    h(
      'button',
      { type: 'button', testid: 'panel-rs-grow', onclick: () => addToScenario(ctx, { kind: 'setRevenue', firm: f.id, revenue: Math.round(f.revenue * (1 + GROW) * 100) / 100 }) },
      `${t('rs.grow', { pct: ctx.i18n.percent(GROW, 0) })} (${t('rs.title')})`,
    ),
  ];
}

/** The panel for a supply link: what it is, and "move to…" with a share and a suggested supplier. */
export function linkPanel(ctx: ViewContext, link: SupplyOnScreen, firm: (id: string) => NetworkNode | undefined, close: () => void): HTMLElement[] {
  const { i18n } = ctx;
  const t = i18n.t;
  const supplier = firm(link.source);
  const buyer = firm(link.target);
  const name = (id: string, f: NetworkNode | undefined) => (f ? i18n.firmName(f) : id);
  const share = h('input', { type: 'number', min: 1, max: 100, step: 1, value: String(Math.round(DEFAULT_SHARE * 100)), testid: 'link-move-share', 'aria-label': t('link.share') });
  const target = h('select', { testid: 'link-move-target', 'aria-label': t('link.target'), disabled: true }, h('option', { value: '' }, t('link.loading')));
  const status = h('p', { class: 'hint', 'aria-live': 'polite', testid: 'link-move-status' });
  const move = h('button', {
    type: 'button',
    testid: 'link-move',
    disabled: true,
    onclick: () => {
      const pct = Number(share.value);
      if (!(pct > 0 && pct <= 100) || !target.value) {
        status.textContent = t('link.invalid');
        return;
      }
      addToScenario(ctx, { kind: 'move', buyer: link.target, share: pct / 100, from: { suppliers: [link.source] }, to: [{ supplier: target.value }] });
    },
  }, t('rs.moveTo'));
  void suggestions(ctx, link, supplier).then((list) => {
    if (!target.isConnected && !move.isConnected) return;
    target.replaceChildren(...list.map((c) => h('option', { value: c.id }, c.label)));
    target.disabled = list.length === 0;
    move.disabled = list.length === 0;
    if (list.length === 0) status.textContent = t('link.noSuggestions');
  });
  return [
    h('div', { class: 'panel-head' }, h('h2', { testid: 'panel-name' }, t('link.title')), h('button', { type: 'button', class: 'icon', 'aria-label': t('common.close'), testid: 'panel-close', onclick: close }, '×')),
    h('p', { testid: 'link-label' }, `${name(link.source, supplier)} → ${name(link.target, buyer)}`),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('link.value')),
      h('dd', {}, i18n.money(link.value)),
      ...(supplier ? [h('dt', {}, t('link.supplierSector')), h('dd', {}, `${i18n.sector(supplier.sector)} · ${i18n.region(supplier.region)}`)] : []),
    ),
    h('h3', {}, t('rs.moveTo')),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('link.share')), share),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('link.target')), target),
    h(
      'div',
      { class: 'panel-actions' },
      move,
      h('button', { type: 'button', testid: 'link-remove', onclick: () => addToScenario(ctx, { kind: 'removeLink', supplier: link.source, buyer: link.target }) }, `${t('common.remove')} (${t('rs.title')})`),
    ),
    status,
    h('p', { class: 'hint' }, t('link.hint')),
  ];
}

/** The assistant's suggestions for the buyer in the supplier's division, then home-region firms of that division. */
async function suggestions(ctx: ViewContext, link: SupplyOnScreen, supplier: NetworkNode | undefined): Promise<Candidate[]> {
  const { i18n } = ctx;
  const home = ctx.meta?.homeRegion ?? 'Busan';
  if (!supplier) return [];
  const division = supplier.sector.slice(0, 2);
  const out: Candidate[] = [];
  const seen = new Set([link.source, link.target]);
  const add = (id: string, label: string) => {
    if (seen.has(id) || out.length >= MAX_SUGGESTIONS) return;
    seen.add(id);
    out.push({ id, label });
  };
  if (supplier.region !== home) {
    try {
      const r = await ctx.api.request<Localisation>('GET', `/api/firms/${encodeURIComponent(link.target)}/localisation?share=${DEFAULT_SHARE}&limit=5&groups=8`);
      for (const g of r.groups.filter((x) => x.division === division)) {
        for (const s of g.suggestions) if (!s.refused) add(s.id, `${i18n.firmName(s)} · ${ctx.i18n.t('link.fit', { fit: i18n.percent(s.fit, 0) })}`);
      }
    } catch {
      // The division's firms below still serve.
    }
  }
  try {
    const page = await ctx.api.firms({ sector: division, region: home, sort: 'revenue', order: 'desc', limit: 20 });
    for (const f of page.items) if (f.tier !== 'external') add(f.id, `${i18n.firmName(f)} · ${i18n.sector(f.sector)} · ${i18n.money(f.revenue)}`);
  } catch {
    // Nothing to suggest; the panel says so.
  }
  return out;
}
