/**
 * Number formatting for both languages. Money arrives in KRW million: English shows ₩…m / ₩…bn / ₩…tn,
 * Korean shows 만 원 / 억 원 / 조 원 (1억 원 = ₩100m, 1조 원 = ₩1,000,000m).
 */
import type { Lang } from '../state.ts';

const LOCALE: Record<Lang, string> = { en: 'en-GB', ko: 'ko-KR' };

export function formatNumber(value: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** Three significant digits at most, never fewer than the integer part. */
function short(value: number, lang: Lang): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return formatNumber(value, lang, digits);
}

export function formatMoney(millions: number, lang: Lang): string {
  if (!Number.isFinite(millions)) return '–';
  const abs = Math.abs(millions);
  if (lang === 'ko') {
    if (abs >= 1_000_000) return `${short(millions / 1_000_000, lang)}조 원`;
    if (abs >= 100) return `${formatNumber(Math.round(millions / 100), lang)}억 원`;
    if (abs >= 0.01) return `${formatNumber(Math.round(millions * 100), lang)}만 원`;
    return '0원';
  }
  if (abs >= 1_000_000) return `₩${short(millions / 1_000_000, lang)}tn`;
  if (abs >= 1_000) return `₩${short(millions / 1_000, lang)}bn`;
  return `₩${short(millions, lang)}m`;
}

/** `fixed`: always `digits` decimals, so that a column of growth rates lines up (+4.0%, not +4%). */
export function formatPercent(share: number, lang: Lang, digits = 1, fixed = false): string {
  if (!Number.isFinite(share)) return '–';
  return new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: fixed ? digits : 0 }).format(share);
}

export function formatCount(value: number, lang: Lang): string {
  return formatNumber(Math.round(value), lang);
}

/** Jobs from a ripple: fractions matter for small effects, so one decimal below ten. */
export function formatJobs(value: number, lang: Lang): string {
  if (!Number.isFinite(value)) return '–';
  return Math.abs(value) < 10 ? formatNumber(value, lang, 1) : formatCount(value, lang);
}

const MINUS = '\u2212';

/** A change with its sign in front of everything: +₩480m, −₩290m, +13.7%. */
export function signed(value: number, format: (abs: number) => string): string {
  if (!Number.isFinite(value)) return '–';
  const text = format(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `${MINUS}${text}` : text;
}

/** A difference of two shares, in percentage points: +2.5 pp / +2.5%p. */
export function formatPoints(diff: number, lang: Lang): string {
  return signed(diff * 100, (v) => `${formatNumber(v, lang, 1)}${lang === 'ko' ? '%p' : ' pp'}`);
}

/** A metric value: small numbers with significant digits, large ones grouped. */
export function formatMetric(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs < 0.001) return value.toExponential(2);
  if (abs < 1) return formatNumber(value, lang, 4);
  if (abs < 100) return formatNumber(value, lang, 2);
  return formatNumber(value, lang, 0);
}
