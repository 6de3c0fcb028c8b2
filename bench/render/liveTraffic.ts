// The wall on the demo central at speed 60 (one simulated hour a minute): time from a
// declaration committed to the local store to its particle appearing, and the JS heap
// over the run (after a forced GC each sample) to show it stays flat.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { type ReadableDB, openReadableDb } from '../../electron/store/db.js';
import { percentile, slope } from './stats.js';
import { startBenchWebHost } from './webHost.js';

export interface TrafficResult {
  particles: number;
  latencyP50: number;
  latencyP95: number;
  heap: { atSeconds: number; mb: number }[];
  heapSlopeMbPerSimHour: number;
  /** The same after the first simulated half hour (caches, shader and font warm-up). */
  heapSlopeAfterWarmup: number;
}

interface ParticleSeen {
  seq: number;
  at: number;
}

// Runs in the page (window.portwallMap is the wall's map handle, renderer/src/map/PortMap.tsx).
const listenForParticles = `
  window.portwallBenchParticles = [];
  window.portwallMap.controller.addParticleListener((m, delay) => {
    window.portwallBenchParticles.push({ seq: m.seq, at: performance.timeOrigin + performance.now() + delay * 1000 });
  });
`;

export async function measureLiveTraffic(browser: Browser, options: { seconds: number; size: { width: number; height: number } }): Promise<TrafficResult> {
  const host = await startBenchWebHost('--speed 60 --backfill-days 0.05 --scale 0.3');
  const storePath = join(host.dataDir, 'portwall.sqlite');
  // When the store's cursor first covered each seq: the commit time of that declaration.
  const cursorSeen: { cursor: number; at: number }[] = [];
  let db: ReadableDB | null = null;
  const poll = setInterval(() => {
    try {
      if (!db && existsSync(storePath)) db = openReadableDb(storePath);
      const row = db?.prepare('SELECT cursor FROM sync_state WHERE id = 1').get() as { cursor: number } | undefined;
      if (row && row.cursor !== cursorSeen.at(-1)?.cursor) cursorSeen.push({ cursor: row.cursor, at: Date.now() });
    } catch {
      db = null; // not migrated yet: try again on the next tick
    }
  }, 20);

  const page = await browser.newPage({ viewport: options.size });
  try {
    await page.goto(host.url);
    await page.locator('[data-testid="port-map"][data-ready="true"]').waitFor({ timeout: 300_000 });
    await page.evaluate(listenForParticles);
    const cdp = await page.context().newCDPSession(page);
    const heap: TrafficResult['heap'] = [];
    const seen: ParticleSeen[] = [];
    // The page's record of particles is moved out before each sample: it must not count as the map's heap.
    const drain = async () => seen.push(...(await page.evaluate<ParticleSeen[]>('window.portwallBenchParticles.splice(0)')));
    const started = Date.now();
    while (Date.now() - started < options.seconds * 1000) {
      await drain();
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      heap.push({ atSeconds: (Date.now() - started) / 1000, mb: usage.usedSize / 1024 / 1024 });
      await page.waitForTimeout(10_000);
    }
    await drain();
    const latencies: number[] = [];
    for (const particle of seen) {
      const committed = cursorSeen.find((c) => c.cursor >= particle.seq);
      if (committed) latencies.push(particle.at - committed.at);
    }
    return {
      particles: latencies.length,
      latencyP50: percentile(latencies, 50),
      latencyP95: percentile(latencies, 95),
      heap,
      // Speed 60: one wall second is one simulated minute.
      heapSlopeMbPerSimHour: slope(heap.map((h) => ({ x: h.atSeconds / 60, y: h.mb }))),
      heapSlopeAfterWarmup: slope(heap.filter((h) => h.atSeconds >= 30).map((h) => ({ x: h.atSeconds / 60, y: h.mb }))),
    };
  } finally {
    clearInterval(poll);
    (db as ReadableDB | null)?.close();
    await page.close();
    await host.stop();
  }
}
