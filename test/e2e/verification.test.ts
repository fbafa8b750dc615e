/**
 * The five-stage verification walked in real Chromium against the seeded server: an official opens a call,
 * adds an applicant from the candidates ranking, records screening and AI scores, assigns two evaluators
 * who declare no conflict and score only their own assignment, inspects, selects; the firm view then shows
 * the selection in the firm's tier history. A saved scenario is saved and reopened on the way.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, type Session } from './chromium.ts';

let session: Session;
let baseUrl: string;
const tokens: Record<string, string> = {};
const pageErrors: string[] = [];

async function issue(name: string, role: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${inject('adminToken')}` }, body: JSON.stringify({ name, role }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  baseUrl = inject('baseUrl');
  tokens.official = await issue('E2E Official', 'official');
  tokens.expert = await issue('E2E Expert', 'evaluator');
  tokens.citizen = await issue('E2E Citizen', 'evaluator');
  session = await launch();
});
afterAll(async () => {
  await session?.close();
  expect(pageErrors).toEqual([]);
});

async function signInAs(page: Page, who: string): Promise<void> {
  await page.evaluate(() => fetch('/api/session', { method: 'DELETE' }));
  await page.goto(`${baseUrl}/#/verification`);
  await page.reload();
  await page.getByTestId('verify-token').fill(tokens[who]);
  await page.getByTestId('verify-signin').click();
  await page.getByTestId('verify-signed-in').waitFor({ timeout: 60_000 });
}

/** The application panel once it shows `stage` (and, optionally, `status`). */
async function atStage(page: Page, stage: number, status = 'in-progress'): Promise<void> {
  await page.locator(`[data-testid="verify-application"][data-stage="${stage}"][data-status="${status}"]`).waitFor({ timeout: 60_000 });
}

async function advance(page: Page, to: number): Promise<void> {
  await page.getByTestId('verify-requirements-met').waitFor({ timeout: 60_000 });
  await page.getByTestId('verify-advance').click();
  await atStage(page, to);
}

describe('verification', () => {
  it('walks a call from application to selection, and the selection shows in the tier history', async () => {
    const page = await session.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${baseUrl}/#/verification?lang=ko`);
    await expect(page.locator('h1').first().textContent()).resolves.toBe('5단계 검증');
    await page.goto(`${baseUrl}/#/verification?lang=en`);
    await signInAs(page, 'official');

    await page.getByTestId('verify-call-year').fill('2027');
    await page.getByTestId('verify-call-title').fill('Busan anchors 2027');
    await page.getByTestId('verify-call-create').click();
    await page.getByTestId('verify-call').waitFor({ timeout: 60_000 });
    expect(page.url()).toMatch(/call=call-2027-/);

    // Candidates are ranked once the metrics exist (computed at start): ask again until they are.
    const add = page.getByTestId('verify-add').first();
    for (let i = 0; i < 30 && !(await add.isVisible()); i++) {
      await page.waitForTimeout(2_000);
      await page.reload();
    }
    const firmId = (await add.getAttribute('data-id'))!;
    await add.click();
    await page.locator(`[data-testid="verify-app-row"][data-firm="${firmId}"]`).waitFor({ timeout: 60_000 });
    await page.locator(`[data-testid="verify-app-row"][data-firm="${firmId}"] [data-testid="verify-open-app"]`).click();
    await atStage(page, 1);
    await expect(page.getByTestId('verify-evidence').textContent()).resolves.toContain('Output multiplier');

    await page.getByTestId('verify-docs').check();
    await page.getByTestId('verify-screen').click();
    await advance(page, 2);

    for (const [evaluator, score] of [['credit-guarantee', '75'], ['technology-finance', '82']]) {
      await page.getByTestId('verify-ai-evaluator').selectOption(evaluator);
      await page.getByTestId('verify-ai-score').fill(score);
      await page.getByTestId('verify-ai-record').click();
      await page.getByTestId('verify-records').filter({ hasText: score }).waitFor({ timeout: 60_000 });
    }
    await advance(page, 3);

    for (const [name, panel] of [['E2E Expert', 'expert'], ['E2E Citizen', 'citizen']]) {
      await page.getByTestId('verify-assign-name').fill(name);
      await page.getByTestId('verify-assign-panel').selectOption(panel);
      await page.getByTestId('verify-assign').click();
      await page.getByTestId('verify-records').filter({ hasText: name }).waitFor({ timeout: 60_000 });
    }
    // Not yet: neither evaluator has scored.
    await expect(page.getByTestId('verify-requirements').textContent()).resolves.toContain('E2E Expert');
    const appUrl = page.url();

    for (const [who, score] of [['expert', '85'], ['citizen', '70']]) {
      await signInAs(page, who);
      const mine = page.getByTestId('verify-assignment');
      await mine.first().waitFor({ timeout: 60_000 });
      expect(await mine.count()).toBe(1);
      expect(await page.getByTestId('verify-open-call').count()).toBe(0);
      await page.getByTestId('verify-no-conflict').click();
      await page.getByTestId('verify-score').waitFor({ timeout: 60_000 });
      await page.getByTestId('verify-score').fill(score);
      await page.getByTestId('verify-score-submit').click();
      await expect(page.getByTestId('verify-my-score').textContent({ timeout: 60_000 })).resolves.toContain(score);
    }

    await signInAs(page, 'official');
    await page.goto(appUrl);
    await atStage(page, 3);
    await advance(page, 4);
    for (const item of ['production-line', 'quality-system', 'safety-environment', 'capacity', 'records-match']) await page.getByTestId(`verify-check-${item}`).check();
    await page.getByTestId('verify-inspect').click();
    await advance(page, 5);

    await page.getByTestId('verify-growth').selectOption('pre-anchor');
    await page.getByTestId('verify-amount').fill('300');
    await page.getByTestId('verify-select').click();
    await atStage(page, 5, 'selected');

    await page.getByTestId('verify-firm-link').click();
    const spell = page.locator('[data-testid="tier-spell"][data-tier="pre-anchor"][data-from="2027"]');
    await spell.waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('firm-tier-history').textContent()).resolves.toMatch(/selection \(call-2027-/);
    await page.close();
  }, 300_000);

  it('saves the ripple view’s scenario and reopens it by its link with the data version', async () => {
    const page = await session.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${baseUrl}/#/verification`);
    await signInAs(page, 'official');
    await page.goto(`${baseUrl}/#/scenarios?shocks=daeyang-electric:10000`);
    await page.getByTestId('scen-name').fill('Daeyang +₩10bn');
    await page.getByTestId('scen-save').click();
    await page.getByTestId('scen-open-name').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('scen-open-name').textContent()).resolves.toBe('Daeyang +₩10bn');
    const link = (await page.getByTestId('scen-share-link').getAttribute('href'))!;
    expect(link).toMatch(/#\/scenarios\?open=sc-[0-9a-f]{12}$/);
    await page.goto(link);
    await page.reload();
    await page.locator('[data-testid="scen-data-same"], [data-testid="scen-data-changed"]').first().waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('scen-headline').textContent()).resolves.toMatch(/Induced output/);
    expect(await page.locator('[data-testid="scen-row"]').count()).toBeGreaterThan(0);
    await page.close();
  }, 120_000);
});
