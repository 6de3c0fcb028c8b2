import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadHostConfig } from './config.js';
import { SecretFileError, readSecretFile } from './secrets.js';

function dataDir(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'portwall-config-'));
  if (config !== undefined) writeFileSync(join(dir, 'portwall.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('loadHostConfig', () => {
  it('defaults to the demo central, national scope and loopback', () => {
    const config = loadHostConfig([], {}, dataDir());
    expect(config).toMatchObject({ centralUrl: null, scope: '*', demo: true, web: { host: '127.0.0.1', port: 5780 } });
  });

  it('takes flags over environment over the config file', () => {
    const dir = dataDir({ centralUrl: 'http://file.example:1', scope: '22' });
    expect(loadHostConfig([], {}, dir)).toMatchObject({ centralUrl: 'http://file.example:1', scope: '22' });
    expect(loadHostConfig([], { PORTWALL_CENTRAL_URL: 'http://env.example:2/' }, dir).centralUrl).toBe('http://env.example:2');
    expect(loadHostConfig(['--central', 'http://flag.example:3', '--scope', '5301'], { PORTWALL_CENTRAL_URL: 'http://env.example:2' }, dir)).toMatchObject({
      centralUrl: 'http://flag.example:3',
      scope: '5301',
    });
  });

  it('explains a bad URL, scope, port, flag or config file', () => {
    expect(() => loadHostConfig(['--central', 'ftp://x'], {}, dataDir())).toThrow(ConfigError);
    expect(() => loadHostConfig(['--scope', '5'], {}, dataDir())).toThrow(/scope/i);
    expect(() => loadHostConfig(['--port', 'eighty'], {}, dataDir())).toThrow(/port/i);
    expect(() => loadHostConfig(['--unknown-flag'], {}, dataDir())).toThrow(/unknown-flag/);
    expect(() => loadHostConfig([], {}, dataDir('{not json'))).toThrow(/not valid JSON/);
    expect(() => loadHostConfig([], {}, dataDir({ centralUrl: 'http://x', token: 'secret' }))).toThrow(/token/);
  });

  it('reads the wall scene from the config file and explains a bad one', () => {
    expect(loadHostConfig([], {}, dataDir()).scene).toEqual({});
    expect(loadHostConfig([], {}, dataDir({ scene: { map: { unit: '22', windowMinutes: 240, indicator: 'held' } } })).scene).toEqual({
      map: { unit: '22', windowMinutes: 240, indicator: 'held' },
    });
    expect(() => loadHostConfig([], {}, dataDir({ scene: { map: { windowMinutes: 5 } } }))).toThrow(/windowMinutes/);
    expect(() => loadHostConfig([], {}, dataDir({ scene: { map: { unit: 'Shanghai' } } }))).toThrow(/2-digit/);
    expect(() => loadHostConfig([], {}, dataDir({ scene: { tiles: [] } }))).toThrow(/tiles/);
  });

  it('turns the demo off with --no-demo or PORTWALL_DEMO=0', () => {
    expect(loadHostConfig(['--no-demo'], {}, dataDir()).demo).toBe(false);
    expect(loadHostConfig([], { PORTWALL_DEMO: '0' }, dataDir()).demo).toBe(false);
  });
});

describe('readSecretFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portwall-secret-'));
  mkdirSync(dir, { recursive: true });

  it('reads an owner-only token and drops the trailing newline', () => {
    const file = join(dir, 'ok');
    writeFileSync(file, 'tok-123\n', { mode: 0o600 });
    chmodSync(file, 0o600);
    expect(readSecretFile(file)).toBe('tok-123');
  });

  it('refuses a file others can read, and says how to fix it', () => {
    const file = join(dir, 'open');
    writeFileSync(file, 'tok-123\n');
    chmodSync(file, 0o644);
    expect(() => readSecretFile(file)).toThrow(/chmod 600/);
  });

  it('refuses a missing or empty file', () => {
    expect(() => readSecretFile(join(dir, 'absent'))).toThrow(SecretFileError);
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n', { mode: 0o600 });
    expect(() => readSecretFile(empty)).toThrow(/one token/);
  });
});
