/**
 * Signing in from the header with a token: the browser gets an httpOnly, SameSite=Strict session cookie
 * that page scripts cannot read, the header shows who is signed in, and signing out ends it. The page
 * runs under the strict Content-Security-Policy without a single violation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launch, type Session } from './chromium.ts';

let browser: Session;
let baseUrl: string;
const violations: string[] = [];

beforeAll(async () => {
  baseUrl = inject('baseUrl');
  browser = await launch();
});
afterAll(async () => browser?.close());

async function open(hash: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(`${hash}: ${m.text()}`);
  });
  page.on('pageerror', (err) => violations.push(`${hash}: ${err.message}`));
  await page.goto(`${baseUrl}/${hash}`);
  return page;
}

it('signs in with a token into an httpOnly session and out again', async () => {
  const page = await open('#/network');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('sign-in-token').fill('not-a-real-token');
  await page.getByTestId('sign-in-submit').click();
  await expect.poll(() => page.getByTestId('announce').textContent()).toMatch(/sign in|token/i);
  expect(await page.getByTestId('session-who').count()).toBe(0);

  await page.getByTestId('sign-in-token').fill(inject('adminToken'));
  await page.getByTestId('sign-in-submit').click();
  await expect.poll(() => page.getByTestId('session-who').textContent()).toBe('admin (admin)');

  const cookie = (await browser.context.cookies()).find((c) => c.name === 'anchorage_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api' });
  expect(await page.evaluate(() => document.cookie)).not.toContain('anchorage_session');
  expect(await page.evaluate(() => fetch('/api/session').then((r) => r.json()))).toMatchObject({ signedIn: true, role: 'admin' });

  // A reload keeps the session (the page learns it from the cookie, not from storage).
  await page.reload();
  await expect.poll(() => page.getByTestId('session-who').textContent()).toBe('admin (admin)');

  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in').waitFor();
  expect(await page.evaluate(() => fetch('/api/session').then((r) => r.json()))).toEqual({ signedIn: false });
});

it('every view renders under the strict CSP without a violation', async () => {
  for (const hash of ['#/network', '#/tiers?tf=daeyang-electric', '#/ripple?shocks=daeyang-electric:10000', '#/candidates', '#/programme', '#/firm?id=daeyang-electric']) {
    const page = await open(hash);
    await page.waitForLoadState('networkidle');
    await page.close();
  }
  expect(violations).toEqual([]);
});
