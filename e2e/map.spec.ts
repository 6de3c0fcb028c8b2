// The port map on the demo central, in Chromium with SwiftShader: basemap, ports and flows
// on screen (checked by pixels, PNG kept in e2e/output/), a click on a port opens its panel
// with the host API's numbers, drill-down and back, and nothing leaves 127.0.0.1 (fixture).
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { expect, openApp, test } from './fixtures.js';
import type { MapPort, PortDetail } from './mapHandle.js';
import { screenshotPath } from './screenshots.js';

// Real-time traffic keeps the pipeline numbers steady long enough to compare them.
test.use({ demo: true, demoCentralArgs: '--backfill-days 0.2 --speed 1 --scale 0.3', viewport: { width: 1920, height: 1080 } });
// Software WebGL draws a frame of this map in about a second: every step waits on it.
test.describe.configure({ timeout: 420_000 });

type Rgb = [number, number, number];

function pixelReader(file: string) {
  const png = PNG.sync.read(readFileSync(file));
  return {
    png,
    at(x: number, y: number): Rgb {
      const i = (Math.round(y) * png.width + Math.round(x)) * 4;
      return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    },
  };
}

const saturation = ([r, g, b]: Rgb) => Math.max(r, g, b) - Math.min(r, g, b);
const isImportArc = ([r, g, b]: Rgb) => r > 150 && g > 90 && b < 110 && r - b > 80;
const isExportArc = ([r, g, b]: Rgb) => g > 120 && b > 120 && r < 130 && g - r > 40;

async function waitForMap(page: Page) {
  await page.locator('[data-testid="port-map"][data-ready="true"]').waitFor({ timeout: 90_000 });
  // The first flows arrive with the first overview; wait for some to be drawn.
  await expect.poll(() => page.evaluate(() => window.portwallMap?.store.getState().overview?.flows.length ?? 0), { timeout: 90_000 }).toBeGreaterThan(0);
}

/** Page coordinates of a map point. */
function project(page: Page, lon: number, lat: number) {
  return page.evaluate(
    ([x, y]) => {
      const map = window.portwallMap!.controller.map;
      const rect = map.getContainer().getBoundingClientRect();
      const p = map.project([x!, y!]);
      return { x: rect.left + p.x, y: rect.top + p.y };
    },
    [lon, lat],
  );
}

async function busiestPort(page: Page): Promise<MapPort> {
  return page.evaluate(() => {
    const ports = window.portwallMap!.store.getState().overview!.ports.filter((p) => p.lat !== null);
    return ports.sort((a, b) => b.declarations - a.declarations)[0]!;
  });
}

test('the wall shows the basemap, ports and flows', async ({ page, webHost }) => {
  await openApp(page, webHost);
  await waitForMap(page);
  // Let labels (font loaded) and a few animation frames land.
  await page.waitForTimeout(3_000);
  const file = screenshotPath('map-national-1920x1080');
  await page.screenshot({ path: file });
  const shot = pixelReader(file);
  const box = (await page.getByTestId('port-map').boundingBox())!;

  // Basemap: a point in Tibet (no port nearby) is China's land colour, not the sea.
  const tibet = await project(page, 88, 32.5);
  const land = shot.at(tibet.x, tibet.y);
  expect(land[2], `land colour ${land}`).toBeGreaterThan(50);
  expect(land[0] + land[1] + land[2]).toBeGreaterThan(7 + 17 + 29 + 40);

  // Ports: the busiest port's marker is a saturated colour.
  const port = await busiestPort(page);
  const at = await project(page, port.lon!, port.lat!);
  expect(saturation(shot.at(at.x, at.y)), `marker of ${port.code}`).toBeGreaterThan(60);

  // Flows: import (warm) and export (cool) arc pixels inside the map region.
  let imports = 0;
  let exports = 0;
  for (let y = Math.ceil(box.y); y < box.y + box.height; y += 2) {
    for (let x = Math.ceil(box.x); x < box.x + box.width; x += 2) {
      const c = shot.at(x, y);
      if (isImportArc(c)) imports += 1;
      else if (isExportArc(c)) exports += 1;
    }
  }
  const sampled = (box.width * box.height) / 4;
  expect(imports / sampled, 'share of import-arc pixels').toBeGreaterThan(0.002);
  expect(exports / sampled, 'share of export-arc pixels').toBeGreaterThan(0.002);
});

test('a click on a port opens its panel with the host API numbers; drill-down and back', async ({ page, webHost }) => {
  await openApp(page, webHost);
  await waitForMap(page);
  const busiest = await busiestPort(page);
  const at = await project(page, busiest.lon!, busiest.lat!);
  await page.mouse.click(at.x, at.y);

  // Markers can overlap: whichever port the click picked is the one the panel must show.
  await expect.poll(() => page.evaluate(() => window.portwallMap!.store.getState().port)).not.toBeNull();
  const port = await page.evaluate(() => {
    const state = window.portwallMap!.store.getState();
    return state.overview!.ports.find((p) => p.code === state.port)!;
  });
  const panel = page.getByTestId('port-panel');
  await expect(panel).toHaveAttribute('data-port', port.code);
  await expect(page.getByTestId('map-nav')).toHaveAttribute('data-level', 'port');
  await expect(page.getByTestId('port-panel-name')).toHaveText(port.nameZh);

  // The panel shows what map.port returns (re-read until a refresh and a call agree).
  await expect
    .poll(
      async () => {
        const detail: PortDetail = await page.evaluate((code) => window.portwallMap!.call('map.port', { port: code, windowMinutes: 60 }), port.code);
        const shown = await page.evaluate(() => {
          const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/[^\d]/g, '') ?? '';
          return {
            declarations: Number(text('port-panel-declarations')),
            inspection: Number(text('pipeline-inspection')),
            held: Number(text('pipeline-held')),
            released: Number(text('pipeline-released')),
            screening: Number(text('pipeline-screening')),
          };
        });
        return (
          shown.declarations === detail.port.declarations &&
          shown.inspection === detail.pipeline.inspection &&
          shown.held === detail.pipeline.held &&
          shown.released === detail.pipeline.released &&
          shown.screening === detail.pipeline.screening
        );
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(true);
  await page.screenshot({ path: screenshotPath('map-port-panel-1920x1080') });

  // "Show tickets" lists the port's tickets from the host.
  await page.getByTestId('port-panel-show-tickets').click();
  await expect(page.getByTestId('port-panel-tickets').locator('li').first()).toBeVisible();

  // Back: port → district (camera on the district) → national.
  const portZoom = await page.evaluate(() => window.portwallMap!.controller.map.getZoom());
  await page.getByTestId('map-back').click();
  await expect(page.getByTestId('map-nav')).toHaveAttribute('data-level', 'district');
  await expect(panel).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.portwallMap!.controller.map.getZoom())).toBeLessThan(portZoom);
  const districtZoom = await page.evaluate(() => window.portwallMap!.controller.map.getZoom());
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('map-nav')).toHaveAttribute('data-level', 'national');
  await expect.poll(() => page.evaluate(() => window.portwallMap!.controller.map.getZoom())).toBeLessThan(districtZoom);

  // Drill down again by keyboard: the busiest port first.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('map-nav')).toHaveAttribute('data-level', 'port');
  await expect(panel).toBeVisible();
});
