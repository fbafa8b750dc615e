/**
 * Browser benchmark (headless Chromium, `npx tsx bench/browser.bench.ts`). Prints one JSON line per figure:
 *   {"name", "nodes", "ms" | "fps", "baseline", "baselineMs" | "baselineFps"}
 * - pan-fps: frames per second while panning a laid-out network drawn on canvas; baseline: the same graph
 *   drawn as plain SVG (one element per firm and link).
 * - first-network-ms: page load (navigation start) to the first drawn network, canvas vs SVG.
 * - layout-ms-per-tick: the force layout's time per tick in the Web Worker; baseline: the same layout on
 *   the main thread (Worker removed from the page, the app's own fallback).
 * - fps-during-layout: network frames drawn per second while the layout runs, worker vs main thread;
 *   input-fps-during-layout: animation-frame callbacks per second meanwhile (how promptly input is handled).
 * - overview-first-draw-ms / overview-pan-fps: the whole network folded into groups on the server (by KSIC
 *   division, the anchors' partners kept as firms), navigation start to first drawn picture and panning once
 *   laid out; baseline: the per-firm drawing of the same network in the same run (all firms, or the most
 *   the per-firm view loads, 20,000, when the network is larger).
 * The large graphs come from bench/fakeApi.ts (a synthetic network: the seed has only ~4,000 firms).
 * The default view is measured against a real server when ANCHORAGE_URL is set, else the fake API.
 * Options: --sizes 5000,20000  --seconds 3  --overview 4000:2,100000:10 (firms:links per firm)  --only overview
 */
import type { Page } from 'playwright-core';
import { launch, type Session } from '../test/e2e/chromium.ts';
import { startFakeApi } from './fakeApi.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const SIZES = arg('sizes', '5000,20000').split(',').map(Number);
const SECONDS = Number(arg('seconds', '3'));
const OVERVIEW = arg('overview', '4000:2,100000:10')
  .split(',')
  .map((x) => x.split(':').map(Number) as [number, number]);
const ONLY = arg('only', 'all');
const PER_FIRM_MAX = 20_000;

function report(figure: Record<string, string | number>): void {
  const rounded = Object.fromEntries(Object.entries(figure).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(2)) : v]));
  console.log(JSON.stringify(rounded));
}

async function openNetwork(session: Session, url: string, opts: { noWorker?: boolean } = {}): Promise<{ page: Page; firstDrawMs: number; nodes: number }> {
  const page = await session.context.newPage();
  // tsx keeps function names with a __name helper that the page does not have.
  await page.addInitScript('window.__name = (f) => f;');
  if (opts.noWorker) await page.addInitScript(() => Reflect.deleteProperty(window, 'Worker'));
  await page.goto(url);
  const stage = page.locator('[data-testid="network-stage"][data-drawn="true"]');
  await stage.waitFor({ timeout: 300_000 });
  const firstDrawMs = await page.evaluate(() => performance.getEntriesByName('anchorage:first-network')[0]?.startTime ?? NaN);
  return { page, firstDrawMs, nodes: Number(await stage.getAttribute('data-nodes')) };
}

async function waitLayout(page: Page): Promise<void> {
  await page.locator('[data-testid="network-stage"][data-layout="done"]').waitFor({ timeout: 600_000 });
}

/**
 * Runs for `seconds` (panning a little every animation frame when `pan`), and returns two rates: network
 * frames drawn per second (what the eye sees) and animation-frame callbacks per second (how promptly the
 * page can answer input).
 */
async function measureFps(page: Page, seconds: number, pan: boolean): Promise<{ drawn: number; frames: number }> {
  return page.evaluate(
    ({ ms, pan }) =>
      new Promise<{ drawn: number; frames: number }>((resolve) => {
        const stage = window.__anchorage?.stage;
        const drawn0 = stage?.stats.frames ?? 0;
        let frames = 0;
        const t0 = performance.now();
        const frame = (now: number): void => {
          frames++;
          if (pan && stage) stage.panBy(frames % 120 < 60 ? 4 : -4, frames % 90 < 45 ? 2 : -2);
          if (now - t0 < ms) requestAnimationFrame(frame);
          else {
            const s = (now - t0) / 1000;
            resolve({ drawn: ((stage?.stats.frames ?? 0) - drawn0) / s, frames: (frames - 1) / s });
          }
        };
        requestAnimationFrame(frame);
      }),
    { ms: seconds * 1000, pan },
  );
}

async function stats(page: Page): Promise<{ layoutMsPerTick: number; layoutTicks: number; renderer: string }> {
  return page.evaluate(() => {
    const s = window.__anchorage!.stage!.stats;
    return { layoutMsPerTick: s.layoutMsPerTick, layoutTicks: s.layoutTicks, renderer: s.renderer };
  });
}

async function overviewFigures(session: Session): Promise<void> {
  for (const [firms, linksPerFirm] of OVERVIEW) {
    const api = await startFakeApi({ firms, linksPerFirm });
    const links = api.network.links.length;
    const overviewUrl = `${api.url}/#/network?src=graph&ov=division&oc=1&r=canvas`;
    const perFirm = Math.min(firms, PER_FIRM_MAX);
    // Warm the browser and the server once, so both measured loads start alike.
    await (await openNetwork(session, overviewUrl)).page.close();
    const o = await openNetwork(session, overviewUrl);
    await waitLayout(o.page);
    const oFps = await measureFps(o.page, SECONDS, true);
    await o.page.close();
    const f = await openNetwork(session, `${api.url}/#/network?src=graph&ov=none&limit=${perFirm}&r=canvas`);
    await waitLayout(f.page);
    const fFps = await measureFps(f.page, SECONDS, true);
    await f.page.close();
    const base = { firms, links, drawnNodes: o.nodes, baseline: `per-firm (${f.nodes} firms)` };
    report({ name: 'overview-first-draw-ms', ...base, ms: o.firstDrawMs, baselineMs: f.firstDrawMs });
    report({ name: 'overview-pan-fps', ...base, fps: oFps.drawn, baselineFps: fFps.drawn });
    api.server.close();
  }
}

async function main(): Promise<void> {
  const session = await launch({ width: 1400, height: 900 });
  try {
    if (ONLY === 'overview') return await overviewFigures(session);
    // Time to the first drawn network for the default view (the 2026 cohort), canvas vs SVG.
    const real = process.env.ANCHORAGE_URL;
    const small = real ? null : await startFakeApi({ firms: 4000 });
    const base = real ?? small!.url;
    // One load first, so both measured loads find the browser and the server equally warm.
    await (await openNetwork(session, `${base}/#/network`)).page.close();
    const firstCanvas = await openNetwork(session, `${base}/#/network?r=canvas`);
    await firstCanvas.page.close();
    const firstSvg = await openNetwork(session, `${base}/#/network?r=svg`);
    await firstSvg.page.close();
    report({ name: 'first-network-ms', view: real ? 'default (real server)' : 'default (fake API)', nodes: firstCanvas.nodes, ms: firstCanvas.firstDrawMs, baseline: 'svg', baselineMs: firstSvg.firstDrawMs });
    small?.server.close();

    for (const n of SIZES) {
      const api = await startFakeApi({ firms: n });
      const url = (r: string): string => `${api.url}/#/network?src=graph&limit=${n}&r=${r}`;

      const canvas = await openNetwork(session, url('canvas'));
      const fpsDuringLayout = await measureFps(canvas.page, Math.min(SECONDS, 2), false);
      await waitLayout(canvas.page);
      const worker = await stats(canvas.page);
      const canvasFps = await measureFps(canvas.page, SECONDS, true);
      await canvas.page.close();

      const inline = await openNetwork(session, url('canvas'), { noWorker: true });
      const fpsDuringInlineLayout = await measureFps(inline.page, Math.min(SECONDS, 2), false);
      await waitLayout(inline.page);
      const mainThread = await stats(inline.page);
      await inline.page.close();

      const svg = await openNetwork(session, url('svg'));
      await waitLayout(svg.page);
      const svgFps = await measureFps(svg.page, SECONDS, true);
      await svg.page.close();

      report({ name: 'pan-fps', nodes: canvas.nodes, fps: canvasFps.drawn, baseline: 'svg', baselineFps: svgFps.drawn });
      report({ name: 'first-network-ms', view: 'whole graph', nodes: canvas.nodes, ms: canvas.firstDrawMs, baseline: 'svg', baselineMs: svg.firstDrawMs });
      report({ name: 'layout-ms-per-tick', nodes: canvas.nodes, ms: worker.layoutMsPerTick, ticks: worker.layoutTicks, baseline: 'main-thread', baselineMs: mainThread.layoutMsPerTick });
      report({ name: 'fps-during-layout', nodes: canvas.nodes, fps: fpsDuringLayout.drawn, baseline: 'main-thread', baselineFps: fpsDuringInlineLayout.drawn });
      report({ name: 'input-fps-during-layout', nodes: canvas.nodes, fps: fpsDuringLayout.frames, baseline: 'main-thread', baselineFps: fpsDuringInlineLayout.frames });
      api.server.close();
    }
    await overviewFigures(session);
  } finally {
    await session.close();
  }
}

await main();
