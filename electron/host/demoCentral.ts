// The embedded demo central: the reference server from central/, run as a child process
// on loopback when no central URL is configured, so a fresh install shows a live wall.
// A child process keeps the simulator's work off the host's event loop.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { type TokenEntry, tokensFile } from '../../shared/central/wire.js';
import type { Logger } from './log.js';

export interface DemoCentralOptions {
  /** The bundled central CLI (dist/central/cli.cjs). */
  entry: string;
  dataDir: string;
  scope: string;
  log: Logger;
  /** Extra flags for the central CLI (speed, scale, backfill). */
  extraArgs?: string[];
  readyTimeoutMs?: number;
}

export interface DemoCentral {
  url: string;
  /** The officer token this host syncs and acts with. Never logged. */
  token: string;
  stop(): Promise<void>;
}

const readyLine = z.object({ event: z.literal('ready'), url: z.string() });

/** Tokens persist next to the demo central's database so a restart keeps working. */
export function ensureDemoTokens(dir: string, scope: string): { file: string; officer: TokenEntry } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'tokens.json');
  if (existsSync(file)) {
    const existing = tokensFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    const officer = existing.success ? existing.data.find((t) => t.role === 'officer' && t.scope === scope) : undefined;
    if (officer) {
      chmodSync(file, 0o600);
      return { file, officer };
    }
  }
  const make = (role: TokenEntry['role'], name: string): TokenEntry => ({ token: randomBytes(24).toString('base64url'), role, scope, name });
  const tokens = [make('officer', 'Demo duty officer'), make('wall', 'Demo wall'), { ...make('admin', 'Demo administrator'), scope: '*' }];
  writeFileSync(file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { file, officer: tokens[0]! };
}

export async function startDemoCentral(options: DemoCentralOptions): Promise<DemoCentral> {
  const dir = join(options.dataDir, 'demo-central');
  const { file, officer } = ensureDemoTokens(dir, options.scope);
  const args = [options.entry, '--port', '0', '--db', join(dir, 'central.sqlite'), '--tokens', file, '--ready-json', ...(options.extraArgs ?? [])];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Inside Electron, process.execPath is the Electron binary: run it as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  createInterface({ input: child.stderr! }).on('line', (line) => options.log.info(`demo central: ${line}`));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the demo central did not start in time')), options.readyTimeoutMs ?? 600_000);
    const stdout = createInterface({ input: child.stdout! });
    stdout.on('line', (line) => {
      const ready = safeJson(line, readyLine);
      if (ready) {
        clearTimeout(timer);
        resolve(ready.url);
      } else {
        options.log.info(`demo central: ${line}`);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the demo central exited before it was ready (code ${code}, signal ${signal})`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });

  options.log.info(`demo central listening on ${url}`);
  return { url, token: officer.token, stop: () => stopChild(child) };
}

function safeJson<T>(line: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
