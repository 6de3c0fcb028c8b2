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

async function measurePage(browser: Browser, url: string, size: { width: number; height: number }, seconds: number, warmup: number): Promise<{ stats: FrameStats; view: { longitude: number; latitude: number; zoom: number } }> {
  const page = await browser.newPage({ viewport: size });
  try {
    page.on('pageerror', (error) => console.error(`  page error on ${url}: ${error.message}`));
    await page.goto(url);
    // The pages' window.portwallBench: renderer/src/map/bench/frameProbe.ts.
    await page.waitForFunction('window.portwallBench?.ready === true', undefined, { timeout: 300_000, polling: 500 });
    await page.waitForTimeout(warmup * 1000);
    const stats = await page.evaluate<FrameStats>(`window.portwallBench.measure(${seconds})`);
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
  options: { rounds: number; seconds: number; warmup: number; query: string },
): Promise<FrameResult[]> {
  const gaps = { app: [] as number[], bare: [] as number[] };
  for (let round = 0; round < options.rounds; round++) {
    const app = await measurePage(browser, `${baseUrl}app.html?${options.query}`, size, options.seconds, options.warmup);
    gaps.app.push(...app.stats.gapsMs);
    const v = app.view;
    const bare = await measurePage(browser, `${baseUrl}bare.html?${options.query}&lon=${v.longitude}&lat=${v.latitude}&zoom=${v.zoom}`, size, options.seconds, options.warmup);
    gaps.bare.push(...bare.stats.gapsMs);
  }
  return (['app', 'bare'] as const).map((page) => ({ page, p50: percentile(gaps[page], 50), p95: percentile(gaps[page], 95), frames: gaps[page].length }));
}
