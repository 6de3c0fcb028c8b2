// Frame time of the app's map against a bare deck.gl page drawing the same layers with
// the same data and camera, in the same Chromium run, pages alternating.
import type { Browser } from 'playwright-core';
import { type FrameStats, percentile } from './stats.js';

export interface FrameResult {
  page: 'app' | 'bare';
  p50: number;
  p95: number;
  frames: number;
}

async function measurePage(browser: Browser, url: string, size: { width: number; height: number }, frames: number, warmup: number, dpr: number): Promise<{ stats: FrameStats; view: { longitude: number; latitude: number; zoom: number } }> {
  const page = await browser.newPage({ viewport: size, deviceScaleFactor: dpr });
  try {
    page.on('pageerror', (error) => console.error(`  page error on ${url}: ${error.message}`));
    await page.goto(url);
    // The pages' window.portwallBench: renderer/src/map/bench/frameProbe.ts.
    await page.waitForFunction('window.portwallBench?.ready === true', undefined, { timeout: 300_000, polling: 500 });
    // Warm-up frames first (shader compile, uploads), then the measured ones; a frame can take seconds in software GL.
    await page.evaluate(`window.portwallBench.measure(${warmup}, 120)`);
    const started = Date.now();
    const stats = await page.evaluate<FrameStats>(`window.portwallBench.measure(${frames}, 240)`);
    console.log(`  ${new URL(url).pathname.slice(1)}: ${stats.frames} frames in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const view = await page.evaluate<{ longitude: number; latitude: number; zoom: number }>('window.portwallBench.view()');
    return { stats, view };
  } finally {
    await page.close();
  }
}

export async function compareFrameTimes(
  browser: Browser,
  baseUrl: string,
  size: { width: number; height: number },
  options: { rounds: number; frames: number; warmup: number; query: string; dpr: number },
): Promise<FrameResult[]> {
  const gaps = { app: [] as number[], bare: [] as number[] };
  for (let round = 0; round < options.rounds; round++) {
    const app = await measurePage(browser, `${baseUrl}app.html?${options.query}`, size, options.frames, options.warmup, options.dpr);
    gaps.app.push(...app.stats.gapsMs);
    const v = app.view;
    const bare = await measurePage(browser, `${baseUrl}bare.html?${options.query}&lon=${v.longitude}&lat=${v.latitude}&zoom=${v.zoom}`, size, options.frames, options.warmup, options.dpr);
    gaps.bare.push(...bare.stats.gapsMs);
  }
  return (['app', 'bare'] as const).map((page) => ({ page, p50: percentile(gaps[page], 50), p95: percentile(gaps[page], 95), frames: gaps[page].length }));
}
