// Starts the built browser-mode host (dist/) as a child process and waits for the line
// that says where it serves. Used by the end-to-end tests and the render benchmark.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface SpawnWebHostOptions {
  /** Folder holding dist/ (the repository). */
  root: string;
  /** Start the embedded demo central (otherwise --no-demo). */
  demo: boolean;
  /** Extra flags for the demo central, e.g. a short backfill. */
  demoCentralArgs?: string;
  /** Written to the data folder as portwall.json before the host starts. */
  portwallJson?: unknown;
  startTimeoutMs?: number;
}

export interface SpawnedWebHost {
  url: string;
  dataDir: string;
  /** Everything the host printed, for diagnosing a failure. */
  output: string[];
  /** Stops the host and removes its data folder. */
  stop(): Promise<void>;
}

export async function spawnWebHost({ root, demo, demoCentralArgs = '', portwallJson, startTimeoutMs = 120_000 }: SpawnWebHostOptions): Promise<SpawnedWebHost> {
  const launcher = join(root, 'dist', 'electron', 'launch.cjs');
  if (!existsSync(launcher)) throw new Error(`${launcher} is missing: run \`npm run build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'portwall-web-'));
  if (portwallJson !== undefined) writeFileSync(join(dataDir, 'portwall.json'), JSON.stringify(portwallJson));
  const args = [launcher, '--web', '--port', '0', '--data-dir', dataDir, ...(demo ? [] : ['--no-demo'])];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORTWALL_DEMO_CENTRAL_ARGS: demoCentralArgs },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host did not start:\n${output.join('\n')}`)), startTimeoutMs);
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
      rmSync(dataDir, { recursive: true, force: true });
      reject(new Error(`the web host exited with ${code}:\n${output.join('\n')}`));
    });
  });
  return {
    url,
    dataDir,
    output,
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
