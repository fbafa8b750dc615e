/** Launches Debian's Chromium headless through playwright-core, with a fresh profile each time. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

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

export type { Browser };
