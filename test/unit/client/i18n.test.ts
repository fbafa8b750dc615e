import { describe, expect, it } from 'vitest';
import { ApiError, NETWORK_FAILURE } from '../../../client/src/api.ts';
import { explain, isMetricsPending, metricsRetryDelay } from '../../../client/src/errors.ts';
import { en } from '../../../client/src/i18n/en.ts';
import { formatJobs, formatMoney, formatMetric, formatPercent, formatPoints, signed } from '../../../client/src/i18n/format.ts';
import { createI18n, interpolate } from '../../../client/src/i18n/index.ts';
import { ko } from '../../../client/src/i18n/ko.ts';
import type { Meta } from '../../../client/src/types.ts';

const meta: Meta = {
  tiers: [],
  sectors: [{ code: '28', en: 'Electrical equipment', ko: '전기장비' }],
  regions: [{ id: 'Busan', en: 'Busan', ko: '부산' }],
  districts: [{ id: 'Saha-gu', ko: '사하구' }],
  metrics: [],
  homeRegion: 'Busan',
};

describe('dictionaries', () => {
  it('Korean has every English key, each with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ko[key], key).toBeTruthy();
      const names = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(ko[key]), key).toEqual(names(en[key]));
    }
  });

  it('uses the programme’s Korean terms', () => {
    const k = createI18n('ko', meta);
    expect(k.tier('top-anchor')).toBe('탑티어 앵커기업');
    expect(k.tier('pre-anchor')).toBe('프리앵커기업');
    expect(k.t('ripple.multiplier')).toBe('생산유발계수');
    expect(k.measure('outputMultiplier')).toBe('생산유발계수');
    expect(k.measure('employmentMultiplier')).toBe('취업유발계수 (명/10억원)');
    expect(k.measure('valueAddedMultiplier')).toBe('부가가치유발계수');
    expect(k.measure('backwardLinkage')).toBe('영향력계수');
    expect(k.measure('forwardLinkage')).toBe('감응도계수');
    expect(k.tier('anchor')).toBe('앵커기업');
    expect(k.sector('2811')).toBe('전기장비');
    expect(k.region('Busan')).toBe('부산');
    expect(k.district('Saha-gu')).toBe('사하구');
    expect(k.firmName({ name: 'Daeyang Electric', nameKo: '대양전기공업' })).toBe('대양전기공업');
    expect(createI18n('en', meta).firmName({ name: 'Daeyang Electric', nameKo: '대양전기공업' })).toBe('Daeyang Electric');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

describe('number formats', () => {
  it('shows KRW million as m/bn/tn in English and 만/억/조 원 in Korean', () => {
    expect(formatMoney(850, 'en')).toBe('₩850m');
    expect(formatMoney(10_000, 'en')).toBe('₩10bn');
    expect(formatMoney(2_500_000, 'en')).toBe('₩2.5tn');
    expect(formatMoney(10_000, 'ko')).toBe('100억 원');
    expect(formatMoney(2_500_000, 'ko')).toBe('2.5조 원');
    expect(formatMoney(50, 'ko')).toBe('5,000만 원');
    expect(formatMoney(NaN, 'en')).toBe('–');
  });

  it('shows changes with the sign in front, growth with fixed decimals, share differences in points', () => {
    const e = createI18n('en', meta);
    expect(e.moneyChange(-290)).toBe('\u2212₩290m');
    expect(e.moneyChange(480)).toBe('+₩480m');
    expect(signed(0, String)).toBe('0');
    expect(e.growth(0.04)).toBe('+4.0%');
    expect(e.growth(-0.1234)).toBe('\u221212.3%');
    expect(e.growth(null)).toBe('–');
    expect(formatPoints(-0.214, 'en')).toBe('\u221221.4 pp');
    expect(formatPoints(0.025, 'ko')).toBe('+2.5%p');
  });

  it('keeps a decimal for small job counts and says "1 firm"', () => {
    expect(formatJobs(0.45, 'en')).toBe('0.5');
    expect(formatJobs(21.8, 'en')).toBe('22');
    expect(createI18n('en', meta).firms(1)).toBe('1 firm');
    expect(createI18n('en', meta).firms(1322)).toBe('1,322 firms');
    expect(createI18n('ko', meta).firms(3)).toBe('기업 3개');
  });

  it('formats shares and metrics', () => {
    expect(formatPercent(0.123, 'en')).toBe('12.3%');
    expect(formatMetric(0.00001234, 'en')).toBe('1.23e-5');
    expect(formatMetric(12.345, 'en')).toBe('12.35');
    expect(formatMetric(null, 'en')).toBe('–');
  });
});

describe('explain', () => {
  const i18n = createI18n('en', meta);

  it('puts API failures in plain words', () => {
    expect(explain(new ApiError(NETWORK_FAILURE, '', 'fetch failed'), i18n)).toMatch(/could not reach/);
    expect(explain(new ApiError(404, 'Not found', 'x', [], '/api/firms/nobody'), i18n)).toMatch(/no firm with the id “nobody”/);
    expect(explain(new ApiError(503, 'Unavailable', ''), i18n)).toMatch(/database is not available/);
    expect(explain(new ApiError(500, 'Internal', ''), i18n)).toMatch(/\(500\)/);
    expect(explain(new ApiError(422, 'Invalid', 'bad', [{ path: 'shocks.0.amount', message: 'must be a number' }]), i18n)).toBe('Some of the inputs are not valid: shocks.0.amount: must be a number');
    expect(createI18n('ko', meta).t('error.unavailable')).toMatch(/데이터베이스/);
  });

  it('tells metrics still being computed (409 "Metrics …") from other conflicts, and backs off when asking again', () => {
    const pending = new ApiError(409, 'Metrics not computed yet', 'being computed');
    expect(isMetricsPending(pending)).toBe(true);
    expect(isMetricsPending(new ApiError(409, 'Import in progress', ''))).toBe(false);
    expect(isMetricsPending(new Error('Metrics'))).toBe(false);
    expect(explain(pending, i18n)).toMatch(/being computed/);
    expect([0, 1, 2, 6, 50].map(metricsRetryDelay)).toEqual([2000, 3000, 4000, 8000, 8000]);
  });
});
