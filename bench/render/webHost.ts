// Starts the browser-mode host (built dist/) on the demo central, in its own process.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(import.meta.dirname, '..', '..');

export interface BenchWebHost {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startBenchWebHost(demoCentralArgs: string): Promise<BenchWebHost> {
  const launcher = join(root, 'dist', 'electron', 'launch.cjs');
  if (!existsSync(launcher)) throw new Error(`${launcher} is missing: run \`npm run build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'portwall-render-bench-'));
  const child: ChildProcess = spawn(process.execPath, [launcher, '--web', '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, PORTWALL_DEMO_CENTRAL_ARGS: demoCentralArgs },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host did not start:\n${output.join('\n')}`)), 120_000);
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
  return {
    url,
    dataDir,
    async stop() {
      await new Promise<void>((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
