// Render benchmark (issue 6), in Debian's Chromium through playwright-core with default
// arguments (WebGL2 through SwiftShader here). Prints:
// - frame time p50/p95 of the app's map (maplibre + MapController + deck.gl overlay) with
//   700 ports, 50,000 arcs and 20,000 moving particles, against a bare deck.gl page
//   drawing the same layers with the same data and camera, and the ratio (aim <= 1.2x);
//   at 640x360 by default (software GL is slow), 3840x2160 with --4k (for a GPU machine);
// - on the demo central at speed 60: time from a declaration committed to the local
//   store to its particle appearing (p50/p95), and the JS heap over the run.
// Flags: --size WxH, --4k, --rounds N (2), --frames N (6 measured per page), --traffic-seconds N (70),
//        --skip-frames, --skip-traffic, --dpr N (device pixel ratio, 1),
//        --query "useDevicePixels=false&interleaved=true&flows=5000&particles=2000" (map settings
//        and smaller data for quick comparisons of settings).
import { chromium } from 'playwright-core';
import { buildBenchPages } from './render/buildPages.js';
import { compareFrameTimes } from './render/frameTime.js';
import { measureLiveTraffic } from './render/liveTraffic.js';
import { serveStatic } from './render/staticServer.js';

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function parseSize(text: string): { width: number; height: number } {
  const match = /^(\d+)x(\d+)$/.exec(text);
  if (!match) throw new Error(`--size must look like 640x360, got ${text}`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const chromiumPath = process.env.PORTWALL_CHROMIUM ?? '/usr/bin/chromium';

export async function run(argv: string[]): Promise<void> {
  const sizes = [parseSize(flag(argv, '--size') ?? '640x360')];
  if (argv.includes('--4k')) sizes.push({ width: 3840, height: 2160 });
  const rounds = Number(flag(argv, '--rounds') ?? 2);
  const frames = Number(flag(argv, '--frames') ?? 6);
  const query = flag(argv, '--query') ?? '';
  const dpr = Number(flag(argv, '--dpr') ?? 1);

  console.log('building the benchmark pages…');
  const pages = await buildBenchPages();
  const server = await serveStatic(pages);
  const browser = await chromium.launch({ executablePath: chromiumPath });
  try {
    for (const size of argv.includes('--skip-frames') ? [] : sizes) {
      const results = await compareFrameTimes(browser, server.url, size, { rounds, frames, warmup: 2, query, dpr });
      const [app, bare] = results as [(typeof results)[0], (typeof results)[0]];
      console.log(`frame time at ${size.width}x${size.height} CSS px, DPR ${dpr}${query ? `, ${query}` : ', 700 ports / 50,000 arcs / 20,000 particles'}:`);
      console.log(`  app map (maplibre + overlay): p50 ${ms(app.p50)}, p95 ${ms(app.p95)} over ${app.frames} frames`);
      console.log(`  bare deck.gl, same layers:    p50 ${ms(bare.p50)}, p95 ${ms(bare.p95)} over ${bare.frames} frames`);
      console.log(`  ratio app/bare: p50 ${(app.p50 / bare.p50).toFixed(2)}x, p95 ${(app.p95 / bare.p95).toFixed(2)}x (aim <= 1.2x)`);
    }
    if (!argv.includes('--skip-traffic')) {
      const trafficSeconds = Number(flag(argv, '--traffic-seconds') ?? 70);
      console.log(`live traffic: the wall on the demo central at speed 60 for ${trafficSeconds} s (${(trafficSeconds / 60).toFixed(1)} simulated hours)…`);
      const traffic = await measureLiveTraffic(browser, { seconds: trafficSeconds, size: { width: 960, height: 540 } });
      if (traffic.particles === 0) {
        console.log('  store commit -> particle: no particle matched a store commit (could the bench read the store? is dist/ built from these sources?)');
      } else {
        console.log(`  store commit -> particle: p50 ${ms(traffic.latencyP50)}, p95 ${ms(traffic.latencyP95)} over ${traffic.particles} particles`);
      }
      console.log(`  JS heap after GC: ${traffic.heap.map((h) => `${h.atSeconds.toFixed(0)}s ${h.mb.toFixed(1)} MB`).join(', ')}`);
      console.log(
        `  heap slope: ${traffic.heapSlopeMbPerSimHour.toFixed(2)} MB per simulated hour (${traffic.heapSlopeAfterWarmup.toFixed(2)} after the first simulated half hour)`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
