/** The translator: message lookup with `{placeholders}` and labels for domain codes in the chosen language. */
import type { Lang } from '../state.ts';
import type { Meta, Tier } from '../types.ts';
import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';
import { formatCount, formatJobs, formatMetric, formatMoney, formatPercent, formatPoints, signed } from './format.ts';

export type { MessageKey };
const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, ko };

export interface I18n {
  readonly lang: Lang;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Whether the dictionary has a message for a key built at run time. */
  has(key: string): key is MessageKey;
  tier(id: Tier | string): string;
  sector(code: string): string;
  region(id: string): string;
  district(id: string | undefined): string;
  /** The label of a size/colour/metric choice. */
  measure(id: string): string;
  firmName(f: { name: string; nameKo?: string }): string;
  money(millions: number): string;
  percent(share: number, digits?: number): string;
  count(n: number): string;
  /** "1 firm", "12 firms" */
  firms(n: number): string;
  jobs(n: number): string;
  /** A growth or change as a signed percentage: +13.7%, −2%. */
  growth(share: number | null | undefined, digits?: number): string;
  /** A signed money change: +₩480m, −₩290m. */
  moneyChange(millions: number): string;
  /** A difference of shares in percentage points. */
  points(diff: number): string;
  metric(v: number | null | undefined): string;
}

export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

function labelFrom(list: { en?: string; ko?: string }[] | undefined, find: (x: any) => boolean, lang: Lang): string | undefined {
  const hit = list?.find(find);
  return hit ? (lang === 'ko' ? (hit.ko ?? hit.en) : (hit.en ?? hit.ko)) : undefined;
}

export function createI18n(lang: Lang, meta: Meta | null): I18n {
  const dict = DICTIONARIES[lang];
  const t = (key: MessageKey, vars?: Record<string, string | number>): string => interpolate(dict[key] ?? en[key] ?? key, vars);
  const has = (key: string): key is MessageKey => key in dict;
  return {
    lang,
    t,
    has,
    // The server's labels are the programme's own; the dictionary covers a missing or older server.
    tier: (id) => labelFrom(meta?.tiers, (x) => x.id === id, lang) ?? (has(`tier.${id}`) ? t(`tier.${id}` as MessageKey) : id),
    sector: (code) =>
      labelFrom(meta?.sectors, (x) => x.code === code, lang) ??
      labelFrom(meta?.sectors, (x) => x.code === code.slice(0, 2), lang) ??
      code,
    region: (id) => (lang === 'en' ? id : (labelFrom(meta?.regions, (x) => x.id === id, lang) ?? id)),
    district: (id) => (id === undefined ? t('common.unknown') : lang === 'en' ? id : (labelFrom(meta?.districts, (x) => x.id === id, lang) ?? id)),
    measure: (id) => {
      for (const prefix of ['metric.', 'attr.']) if (has(prefix + id)) return t((prefix + id) as MessageKey);
      return id;
    },
    firmName: (f) => (lang === 'ko' ? (f.nameKo ?? f.name) : f.name),
    money: (m) => formatMoney(m, lang),
    percent: (s, digits) => formatPercent(s, lang, digits),
    count: (n) => formatCount(n, lang),
    firms: (n) => (n === 1 ? t('common.firmOne') : t('common.firms', { n: formatCount(n, lang) })),
    jobs: (n) => formatJobs(n, lang),
    growth: (s, digits = 1) => (s === null || s === undefined ? '–' : signed(s, (v) => formatPercent(v, lang, digits, true))),
    moneyChange: (m) => signed(m, (v) => formatMoney(v, lang)),
    points: (d) => formatPoints(d, lang),
    metric: (v) => formatMetric(v, lang),
  };
}
