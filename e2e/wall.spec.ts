import { expect, openApp, test } from './fixtures.js';
import { pixelStats, screenshotPath } from './screenshots.js';

test.describe('the wall frame (no central configured)', () => {
  test.use({ viewport: { width: 3840, height: 1080 } });

  test('renders in Chinese with scope, clock and freshness, laid out for a wall', async ({ page, webHost, remoteRequests }) => {
    await openApp(page, webHost);
    await expect(page.getByTestId('scope-name')).toHaveText('海关总署全国监控指挥中心');
    await expect(page.getByTestId('freshness')).toHaveAttribute('data-state', 'unconfigured');
    await expect(page.getByTestId('freshness')).toContainText('未配置中心系统');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

    // Map, tiles and ticker regions fill the canvas below the header.
    const map = (await page.getByTestId('region-map').boundingBox())!;
    const tiles = (await page.getByTestId('region-tiles').boundingBox())!;
    const ticker = (await page.getByTestId('region-ticker').boundingBox())!;
    expect(map.width).toBeGreaterThan(tiles.width);
    expect(tiles.x).toBeGreaterThan(map.x + map.width - 1);
    expect(ticker.y).toBeGreaterThan(map.y + map.height - 1);
    expect(ticker.width).toBeGreaterThan(3000);

    const file = screenshotPath('wall-zh-3840x1080');
    await page.screenshot({ path: file });
    const whole = pixelStats(file);
    expect(whole.width).toBe(3840);
    expect(whole.distinctColours).toBeGreaterThan(20);
    // The header carries readable light text.
    const header = pixelStats(file, { x: 0, y: 0, width: 3840, height: 90 });
    expect(header.brightShare).toBeGreaterThan(0.005);
    expect(remoteRequests).toEqual([]);
  });

  test('renders in English by ?lang=en and switches language from the header', async ({ page, webHost }) => {
    await openApp(page, webHost, '?lang=en');
    await expect(page.getByTestId('scope-name')).toHaveText('GACC National Monitoring Center');
    await expect(page.getByTestId('freshness')).toContainText('No central configured');
    await page.screenshot({ path: screenshotPath('wall-en-3840x1080') });
    await page.getByTestId('language-switch').click();
    await expect(page.getByTestId('scope-name')).toHaveText('海关总署全国监控指挥中心');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });

  test('the Beijing clock ticks', async ({ page, webHost }) => {
    await openApp(page, webHost);
    const clock = page.getByTestId('clock-time');
    const first = await clock.textContent();
    expect(first).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    await expect.poll(() => clock.textContent(), { timeout: 5000 }).not.toBe(first);
  });

  test('the desk view has the alert queue and detail regions', async ({ page, webHost }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openApp(page, webHost, '?view=desk');
    await expect(page.getByTestId('desk')).toBeVisible();
    await expect(page.getByTestId('region-alerts')).toBeVisible();
    await expect(page.getByTestId('region-detail')).toBeVisible();
    await page.screenshot({ path: screenshotPath('desk-zh-1440x900') });
  });

  test('WebGL2 is available to the map', async ({ page, webHost }) => {
    await openApp(page, webHost);
    expect(await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'))).toBe(true);
  });
});
