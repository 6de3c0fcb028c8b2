// Runs the `portwall` CLI from sources in a child process, as the fault tests' "sync
// process" that can be SIGKILLed and restarted.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const cli = join(__dirname, '..', '..', 'cli', 'portwall.ts');

export interface CliRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  // setEncoding decodes across chunk boundaries; Buffer#toString per chunk would split
  // a multi-byte character (a Chinese company name) that straddles two chunks.
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export function writeTokenFile(dir: string, token: string, mode = 0o600): string {
  const path = join(dir, `token-${mode.toString(8)}`);
  writeFileSync(path, `${token}\n`, { mode });
  chmodSync(path, mode);
  return path;
}
