// The end-to-end fixtures: a browser-mode host started as a child process for each test
// file's worker (with or without the demo central), and a page that fails its test if
// any request leaves 127.0.0.1.
import { test as base, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { type SpawnedWebHost, spawnWebHost } from '../electron/web/spawnWebHost.js';

export type WebHost = Omit<SpawnedWebHost, 'stop'>;

interface WorkerFixtures {
  webHost: WebHost;
  /** Run with the embedded demo central (false: no central configured). */
  demo: boolean;
  /** Extra flags for the demo central, e.g. a short backfill. */
  demoCentralArgs: string;
  /** The host's portwall.json (a wall's scene, say); none by default. */
  portwallJson: unknown;
}

interface TestFixtures {
  /** Requests that went anywhere but 127.0.0.1 during the test. */
  remoteRequests: string[];
}

export const root = resolve(import.meta.dirname, '..');

export const test = base.extend<TestFixtures, WorkerFixtures>({
  demo: [false, { option: true, scope: 'worker' }],
  demoCentralArgs: ['', { option: true, scope: 'worker' }],
  portwallJson: [undefined, { option: true, scope: 'worker' }],
  webHost: [
    async ({ demo, demoCentralArgs, portwallJson }, use) => {
      const host = await spawnWebHost({ root, demo, demoCentralArgs, portwallJson });
      await use(host);
      await host.stop();
    },
    { scope: 'worker', timeout: 600_000 },
  ],
  remoteRequests: async ({ context }, use) => {
    const remote: string[] = [];
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') remote.push(request.url());
    });
    await use(remote);
    expect(remote, 'requests that left 127.0.0.1').toEqual([]);
  },
});

/** Opens a view of the app and waits until it has read the host (never a fixed sleep). */
export async function openApp(page: Page, host: WebHost, query = ''): Promise<void> {
  await page.goto(`${host.url}${query}`);
  await page.locator('html[data-ready="true"]').waitFor();
}

export { expect };
