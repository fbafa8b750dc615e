/**
 * The programme view in real Chromium on the seeded server: cohorts 1–2 pooled as published, the published
 * figures beside the matched DiD effect and its interval, the spillover group and the pre-selection trends,
 * in English and Korean. Figures on screen are checked against the API's answer, not against the seed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { useSeededBrowser } from './chromium.ts';

const { open } = useSeededBrowser();

/** The view's own formatting of log points: +12.6 pp (English), +12.6%p (Korean). */
function pointsText(v: number, lang: 'en' | 'ko'): string {
  const text = `${(Math.abs(v) * 100).toFixed(1)}${lang === 'ko' ? '%p' : ' pp'}`;
  return v > 0 ? `+${text}` : v < 0 ? `\u2212${text}` : text;
}

describe('programme view', () => {
  it('shows cohorts 1–2 as published beside the matched effect with its interval, the spillover group and the pre-trends, in English and Korean', async () => {
    const api = await (await fetch(`${inject('baseUrl')}/api/programme/evaluation`)).json();
    const pooled = api.groups.find((g: { key: string }) => g.key === 'cohorts-2024-2025');
    const spill = api.groups.find((g: { key: string }) => g.key === 'spillover-cohorts-2024-2025');
    expect(pooled.cohorts).toEqual([2024, 2025]);
    expect(pooled.effect.revenue.weighted.low).toBeLessThan(pooled.effect.revenue.weighted.high);

    const page = await open('#/candidates');
    await page.getByTestId('cand-programme-link').click();
    await page.getByTestId('programme-headline').waitFor({ timeout: 60_000 });
    expect(page.url()).toContain('#/programme');
    await expect(page.getByTestId('programme-headline').locator('h2').textContent()).resolves.toBe('Cohorts 2024, 2025 (pooled as published)');

    // The published figures, as published.
    await expect(page.getByTestId('programme-published-revenue').locator('.value').textContent()).resolves.toBe('+15.6%');
    await expect(page.getByTestId('programme-published-employment').locator('.value').textContent()).resolves.toBe('+13.7%');
    await expect(page.getByTestId('programme-published-revenue').locator('.label').textContent()).resolves.toBe('Published: Revenue growth 2025');

    // Beside them, the estimated effect and its 95% interval.
    const e = pooled.effect.revenue.weighted;
    await expect(page.getByTestId('programme-effect-revenue').locator('.value').textContent()).resolves.toBe(pointsText(e.estimate, 'en'));
    await expect(page.getByTestId('programme-effect-revenue-interval').textContent()).resolves.toContain(`95% interval ${pointsText(e.low, 'en')} to ${pointsText(e.high, 'en')}`);
    await expect(page.getByTestId('programme-effect-employment').locator('.value').textContent()).resolves.toBe(pointsText(pooled.effect.employment.weighted.estimate, 'en'));
    const effectChart = page.getByTestId('programme-effect-chart-revenue');
    expect(await effectChart.locator('g[data-key="effect"] line.whisker').count()).toBe(1);
    expect(await effectChart.locator('g[data-key="published"] rect').count()).toBe(1);

    // The spillover group: the anchors' partners against their own matched firms.
    const spillCard = page.getByTestId('programme-spillover-revenue');
    await expect(spillCard.locator('.value').textContent()).resolves.toBe(pointsText(spill.effect.revenue.weighted.estimate, 'en'));
    await expect(page.getByTestId('programme-spillover').textContent()).resolves.toContain(`${spill.matched.toLocaleString('en')} Busan partner firms`);

    // Pre-trends: the event study shows the years before selection, with interval bands, for both groups.
    const study = page.getByTestId('programme-event-study-revenue');
    const xs = await study.locator('circle[data-key="programme"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-x'))));
    expect(xs).toEqual([-3, -2, -1, 0, 1]);
    expect(await study.locator('path.band[data-key="programme"]').count()).toBe(1);
    expect(await study.locator('path.band[data-key="spillover"]').count()).toBe(1);
    expect(await study.locator('line.selection').count()).toBe(1);
    await expect(page.getByTestId('programme-pretrend').textContent()).resolves.toMatch(/Before selection the largest gap/);

    // Every cohort in the table; the 2026 cohort has no year after selection yet.
    for (const key of ['cohort-2024', 'cohort-2025', 'cohort-2026', 'spillover-cohort-2024']) expect(await page.locator(`[data-testid="programme-table"] tr[data-group="${key}"]`).count()).toBe(1);
    await expect(page.locator('[data-testid="programme-table"] tr[data-group="cohort-2026"] td[data-measure="revenue"]').textContent()).resolves.toContain('no year after selection');
    await expect(page.getByTestId('programme-note').textContent()).resolves.toContain('not proof that the programme caused the growth');
    await expect(page.getByTestId('programme-method').textContent()).resolves.toContain('seed 2026');

    // Unweighted means on request.
    await page.getByTestId('programme-weighting-unweighted').check();
    await expect(page.locator('[data-testid="programme-table"] tr[data-group="cohorts-2024-2025"] td[data-measure="revenue"]').textContent()).resolves.toContain(pointsText(pooled.effect.revenue.unweighted.estimate, 'en'));

    // Korean.
    await page.getByTestId('lang-toggle').click();
    await page.getByTestId('programme-headline').waitFor({ timeout: 60_000 });
    expect(page.url()).toContain('#/programme?lang=ko');
    await expect(page.locator('#programme-title').textContent()).resolves.toBe('사업 성과 평가');
    await expect(page.getByTestId('programme-headline').locator('h2').textContent()).resolves.toBe('2024·2025년 선정 기업 (발표 기준 합산)');
    await expect(page.getByTestId('programme-published-revenue').locator('.label').textContent()).resolves.toBe('발표치: 2025년 매출 증가율');
    await expect(page.getByTestId('programme-published-revenue').locator('.value').textContent()).resolves.toBe('+15.6%');
    await expect(page.getByTestId('programme-effect-revenue').locator('.value').textContent()).resolves.toBe(pointsText(e.estimate, 'ko'));
    await expect(page.getByTestId('programme-effect-revenue-interval').textContent()).resolves.toContain(`95% 신뢰구간 ${pointsText(e.low, 'ko')} ~ ${pointsText(e.high, 'ko')}`);
    await expect(page.getByTestId('programme-spillover').locator('h2').textContent()).resolves.toBe('파급효과: 앵커기업의 직접 공급·구매 기업');
    expect(await page.locator('[data-testid="programme-event-study-revenue"] circle[data-key="programme"]').count()).toBe(5);
    await expect(page.getByTestId('programme-note').textContent()).resolves.toContain('사업이 성장을 일으켰다는 증거는 아닙니다');
    await page.close();
  });

  it('exports the estimates as CSV and the charts as SVG', async () => {
    const page = await open('#/programme');
    await page.getByTestId('programme-headline').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !(document.querySelector('[data-testid="export-csv"]') as HTMLButtonElement).disabled);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const text = readFileSync((await csv.path())!, 'utf8').replace(/^\ufeff/, '');
    expect(text.split('\r\n')[0]).toBe('group,kind,cohorts,statistic,eventTime,measure,weighting,firms,estimate,low,high,unit');
    expect(text).toContain('cohorts-2024-2025,programme,2024 2025,effect 2025,,revenue,weighted,');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    const svgText = readFileSync((await svg.path())!, 'utf8');
    expect(svgText).toContain('data-testid="programme-event-study-revenue"');
    await page.close();
  });
});
