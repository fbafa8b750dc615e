/** Launches Debian's Chromium headless through playwright-core, with a fresh profile each time. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Session {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context in a new user-data-dir, removed again on close. */
export async function launch(opts: { width?: number; height?: number; locale?: string } = {}): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'anchorage-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: opts.width ?? 1400, height: opts.height ?? 900 },
    locale: opts.locale ?? 'en-GB',
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One browser for a test file on the seeded server (registers its beforeAll/afterAll): `open(hash)` opens a
 * page in the default language and records its uncaught errors, which must be none when the file ends.
 */
export function useSeededBrowser(): { open(hash: string): Promise<Page> } {
  let session: Session;
  let baseUrl: string;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    baseUrl = inject('baseUrl');
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
    expect(pageErrors).toEqual([]);
  });
  return {
    async open(hash) {
      const page = await session.context.newPage();
      await page.addInitScript(() => localStorage.removeItem('anchorage.lang'));
      page.on('pageerror', (err) => pageErrors.push(`${hash}: ${err.message}`));
      await page.goto(`${baseUrl}/${hash}`);
      return page;
    },
  };
}

export type { Browser };
