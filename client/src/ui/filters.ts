/** The network filters: tier, sector, region, district, size band, minimum link value, metric range, cluster. */
import type { ViewContext } from '../context.ts';
import type { Filters } from '../state.ts';
import { METRIC_KEYS, type MetricKey, type Tier } from '../types.ts';
import { h, select } from './dom.ts';

const TIERS: Tier[] = ['top-anchor', 'anchor', 'pre-anchor', 'sme', 'large', 'external'];

export function activeFilterCount(f: Filters): number {
  return (
    (f.tier.length ? 1 : 0) +
    (f.sector.length ? 1 : 0) +
    (f.region.length ? 1 : 0) +
    (f.district.length ? 1 : 0) +
    (f.minRevenue !== null || f.maxRevenue !== null ? 1 : 0) +
    (f.minValue > 0 ? 1 : 0) +
    (f.metric !== null && (f.metricMin !== null || f.metricMax !== null) ? 1 : 0) +
    (f.community !== null ? 1 : 0)
  );
}

export function filterPanel(ctx: ViewContext, onChange: (patch: Partial<Filters>) => void): { element: HTMLElement; update(f: Filters): void } {
  const { i18n, meta } = ctx;
  const t = i18n.t;
  const numberOrNull = (v: string): number | null => (v.trim() === '' || !Number.isFinite(Number(v)) ? null : Number(v));

  const tierBoxes = TIERS.map((tier) =>
    h('input', { type: 'checkbox', value: tier, testid: `filter-tier-${tier}`, onchange: () => onChange({ tier: tierBoxes.filter((b) => b.checked).map((b) => b.value as Tier) }) }),
  );
  const any: [string, string] = ['', t('filter.any')];
  const sector = select({ testid: 'filter-sector', onchange: () => onChange({ sector: sector.value ? [sector.value] : [] }) }, [any, ...(meta?.sectors ?? []).map((s): [string, string] => [s.code, `${s.code} ${i18n.sector(s.code)}`])], '');
  const region = select({ testid: 'filter-region', onchange: () => onChange({ region: region.value ? [region.value] : [] }) }, [any, ...(meta?.regions ?? []).map((r): [string, string] => [r.id, i18n.region(r.id)])], '');
  const district = select({ testid: 'filter-district', onchange: () => onChange({ district: district.value ? [district.value] : [] }) }, [any, ...(meta?.districts ?? []).map((d): [string, string] => [d.id, i18n.district(d.id)])], '');
  const num = (testid: string, key: 'minRevenue' | 'maxRevenue' | 'metricMin' | 'metricMax'): HTMLInputElement => {
    const input = h('input', { type: 'number', inputmode: 'decimal', testid, step: 'any', onchange: () => onChange({ [key]: numberOrNull(input.value) }) });
    return input;
  };
  const minRevenue = num('filter-min-revenue', 'minRevenue');
  const maxRevenue = num('filter-max-revenue', 'maxRevenue');
  const minValue = h('input', { type: 'number', min: 0, step: 'any', testid: 'filter-min-value', onchange: () => onChange({ minValue: Math.max(0, numberOrNull(minValue.value) ?? 0) }) });
  const metric = select({ testid: 'filter-metric', onchange: () => onChange({ metric: (metric.value || null) as MetricKey | null }) }, [any, ...METRIC_KEYS.map((m): [string, string] => [m, i18n.measure(m)])], '');
  const metricMin = num('filter-metric-min', 'metricMin');
  const metricMax = num('filter-metric-max', 'metricMax');
  const community = select({ testid: 'filter-community', onchange: () => onChange({ community: community.value === '' ? null : Number(community.value) }) }, [['', t('network.anyCommunity')]], '');
  let communitiesLoaded = false;
  let pendingCommunity: number | null = null;

  const summary = h('summary', { testid: 'filters-toggle' }, t('network.filters'));
  const element = h(
    'details',
    {
      class: 'toolbar-details filters',
      testid: 'filters',
      ontoggle: () => {
        if (!element.open || communitiesLoaded) return;
        communitiesLoaded = true;
        ctx.api
          .communities()
          .then((res) => {
            community.append(
              ...res.communities.map((c) =>
                h('option', { value: String(c.id) }, `#${c.id} · ${i18n.count(c.size)} · ${c.topFirms.slice(0, 2).map((f) => f.name).join(', ')}`),
              ),
            );
            community.value = pendingCommunity === null ? '' : String(pendingCommunity);
          })
          .catch(() => {
            communitiesLoaded = false;
          });
      },
    },
    summary,
    h(
      'div',
      { class: 'details-body filter-grid' },
      h('fieldset', {}, h('legend', {}, t('filter.tier')), ...tierBoxes.map((b) => h('label', { class: 'check' }, b, i18n.tier(b.value)))),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('filter.sector')), sector),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('filter.region')), region),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('filter.district')), district),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('filter.minRevenue')), minRevenue),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('filter.maxRevenue')), maxRevenue),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('filter.minValue')), minValue),
      h(
        'fieldset',
        {},
        h('legend', {}, t('filter.metric')),
        metric,
        h('label', { class: 'field inline' }, h('span', { class: 'field-label' }, t('filter.metricMin')), metricMin),
        h('label', { class: 'field inline' }, h('span', { class: 'field-label' }, t('filter.metricMax')), metricMax),
      ),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('network.community')), community),
      h(
        'button',
        {
          type: 'button',
          testid: 'filter-reset',
          onclick: () =>
            onChange({ tier: [], sector: [], region: [], district: [], minRevenue: null, maxRevenue: null, minValue: 0, metric: null, metricMin: null, metricMax: null, community: null }),
        },
        t('filter.reset'),
      ),
    ),
  );

  const setNum = (input: HTMLInputElement, v: number | null): void => {
    if (document.activeElement !== input) input.value = v === null ? '' : String(v);
  };

  return {
    element,
    update(f) {
      tierBoxes.forEach((b) => (b.checked = f.tier.includes(b.value as Tier)));
      sector.value = f.sector[0] ?? '';
      region.value = f.region[0] ?? '';
      district.value = f.district[0] ?? '';
      setNum(minRevenue, f.minRevenue);
      setNum(maxRevenue, f.maxRevenue);
      setNum(minValue, f.minValue > 0 ? f.minValue : null);
      metric.value = f.metric ?? '';
      setNum(metricMin, f.metricMin);
      setNum(metricMax, f.metricMax);
      pendingCommunity = f.community;
      if (communitiesLoaded) community.value = f.community === null ? '' : String(f.community);
      const n = activeFilterCount(f);
      summary.textContent = n > 0 ? t('network.filters.active', { n }) : t('network.filters');
    },
  };
}
