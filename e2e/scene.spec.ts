// A wall's scene from portwall.json: the map opens where it says, with its window and
// indicator; a scene the center cannot see stops the host with one line.
import { spawnWebHost } from '../electron/web/spawnWebHost.js';
import { expect, openApp, root, test } from './fixtures.js';

test.use({ portwallJson: { scope: '22', scene: { map: { port: 'CNYGS', windowMinutes: 240, indicator: 'held' } } } });

test('the map opens on the port, window and indicator of the scene', async ({ page, webHost, remoteRequests }) => {
  await openApp(page, webHost);
  await expect(page.getByTestId('map-nav')).toHaveAttribute('data-level', 'port');
  const state = await page.evaluate(() => {
    const { level, unit, port, windowMinutes, indicator } = window.portwallMap!.store.getState();
    return { level, unit, port, windowMinutes, indicator };
  });
  expect(state).toEqual({ level: 'port', unit: '22', port: 'CNYGS', windowMinutes: 240, indicator: 'held' });
  await expect(page.getByTestId('map-back')).toBeVisible();
  expect(remoteRequests).toEqual([]);
});

test('a scene outside the center scope stops the host with one line', async () => {
  const started = spawnWebHost({ root, demo: false, portwallJson: { scope: '53', scene: { map: { port: 'CNYGS' } } }, startTimeoutMs: 30_000 });
  await expect(started).rejects.toThrow(/scene\.map opens on customs 22, outside this center's scope 53/);
});
