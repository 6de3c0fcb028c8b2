// The end-to-end fixtures: a browser-mode host started as a child process for each test
// file's worker (with or without the demo central), and a page that fails its test if
// any request leaves 127.0.0.1.
import { test as base, expect, type Page } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface WebHost {
  url: string;
  dataDir: string;
  /** Everything the host printed, for diagnosing a failure. */
  output: string[];
}

interface WorkerFixtures {
  webHost: WebHost;
  /** Run with the embedded demo central (false: no central configured). */
  demo: boolean;
  /** Extra flags for the demo central, e.g. a short backfill. */
  demoCentralArgs: string;
}

interface TestFixtures {
  /** Requests that went anywhere but 127.0.0.1 during the test. */
  remoteRequests: string[];
}

const root = resolve(import.meta.dirname, '..');

export async function startWebHost(options: { demo: boolean; demoCentralArgs: string }): Promise<{ host: WebHost; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portwall-e2e-'));
  const args = [join(root, 'dist', 'electron', 'launch.cjs'), '--web', '--port', '0', '--data-dir', dataDir, ...(options.demo ? [] : ['--no-demo'])];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORTWALL_DEMO_CENTRAL_ARGS: options.demoCentralArgs },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host did not start:\n${output.join('\n')}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const match = /serving the wall at (http:\/\/\S+\/)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited with ${code}:\n${output.join('\n')}`));
    });
  });
  const stop = () =>
    new Promise<void>((resolveStop) => {
      if (child.exitCode !== null) return resolveStop();
      child.once('exit', () => resolveStop());
      child.kill('SIGTERM');
    });
  return { host: { url, dataDir, output }, stop };
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  demo: [false, { option: true, scope: 'worker' }],
  demoCentralArgs: ['', { option: true, scope: 'worker' }],
  webHost: [
    async ({ demo, demoCentralArgs }, use) => {
      const { host, stop } = await startWebHost({ demo, demoCentralArgs });
      await use(host);
      await stop();
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
