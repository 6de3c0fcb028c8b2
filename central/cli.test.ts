// The command line as the app's host uses it: one ready line on stdout, demo tokens in
// a 0600 file whose values are never printed, a clean exit on SIGTERM.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { healthBody, tokensFile } from '../shared/central/wire.js';

describe('central CLI', () => {
  it('prints exactly one ready line, serves, and closes cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'cli.ts'), '--port', '0', '--ready-json', '--backfill-days', '0', '--scale', '0', '--speed', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const ready = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const msg = JSON.parse(ready) as { event: string; url: string; tokensFile: string };
    expect(msg.event).toBe('ready');
    expect(msg.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(statSync(msg.tokensFile).mode & 0o777).toBe(0o600);
    const tokens = tokensFile.parse(JSON.parse(readFileSync(msg.tokensFile, 'utf8')));
    for (const t of tokens) expect(stdout + stderr).not.toContain(t.token);
    const health = healthBody.parse(await (await fetch(`${msg.url}/api/v1/health`)).json());
    expect(health.head).toBeGreaterThan(0);
    const officer = tokens.find((t) => t.role === 'officer' && t.scope === '*')!;
    const changes = await fetch(`${msg.url}/api/v1/changes?limit=1`, { headers: { authorization: `Bearer ${officer.token}` } });
    expect(changes.status).toBe(200);
    await changes.text();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(existsSync(msg.tokensFile)).toBe(false);
  });

  it('explains bad flags', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'cli.ts'), '--profile', 'planet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/--profile must be national or district/);
  });
});
