import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loadHostConfig } from '../host/config.js';
import { type HostRuntime, startHostRuntime } from '../host/hostRuntime.js';
import { createLogger } from '../host/log.js';
import { type WebServer, startWebServer } from './webServer.js';

const quiet = createLogger({ echo: () => {} });
let runtime: HostRuntime;
let server: WebServer;
let rendererDir: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portwall-web-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>wall</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the served folders');
  runtime = await startHostRuntime({
    mode: 'web',
    version: 'test',
    config: loadHostConfig(['--no-demo'], {}, join(dir, 'data')),
    resourcesDir: resolve('resources'),
    demoCentralEntry: join(dir, 'missing.cjs'),
    log: quiet,
    token: null,
    startSync: null,
  });
  server = await startWebServer({ runtime, rendererDir, resourcesDir: resolve('resources'), host: '127.0.0.1', port: 0, accessToken: null, log: quiet });
});

afterAll(async () => {
  await server.close();
  await runtime.close();
});

function connect(path = 'host', origin: string | null = server.url.replace(/\/$/, '')): Promise<WebSocket> {
  return new Promise((resolvePromise, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}${path}`, { headers: origin ? { Origin: origin } : {} });
    ws.once('open', () => resolvePromise(ws));
    ws.once('unexpected-response', (_request, response) => reject(new Error(`refused with ${response.statusCode}`)));
    ws.once('error', reject);
  });
}

function exchange(ws: WebSocket, message: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolvePromise) => {
    const onMessage = (data: Buffer) => {
      const parsed = JSON.parse(data.toString()) as Record<string, unknown>;
      if (parsed.type === 'event') return;
      ws.off('message', onMessage);
      resolvePromise(parsed);
    };
    ws.on('message', onMessage);
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

function get(path: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolvePromise, reject) => {
    const url = new URL(server.url);
    // A raw path, so "../" reaches the server undecoded.
    request({ host: url.hostname, port: url.port, path, method: 'GET' }, (response) => {
      response.resume();
      resolvePromise({ status: response.statusCode ?? 0, headers: response.headers });
    })
      .on('error', reject)
      .end();
  });
}

describe('browser-mode host server', () => {
  it('serves host calls over the WebSocket and keeps serving after bad input', async () => {
    const ws = await connect();
    const info = await exchange(ws, { type: 'call', id: 1, method: 'app.info', input: {} });
    expect(info).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { mode: 'web', demo: false, scope: { code: '*' } } } });
    expect(await exchange(ws, { type: 'call', id: 2, method: 'sync.status', input: { bogus: 1 } })).toMatchObject({ id: 2, result: { ok: false, error: { code: 'bad-input' } } });
    expect(await exchange(ws, { type: 'call', id: 3, method: 'nope', input: {} })).toMatchObject({ id: 3, result: { ok: false, error: { code: 'unknown-method' } } });
    expect(await exchange(ws, 'not json')).toMatchObject({ type: 'error' });
    expect(await exchange(ws, { type: 'call', id: -1 })).toMatchObject({ type: 'error' });
    expect(await exchange(ws, { type: 'call', id: 4, method: 'sync.status', input: {} })).toMatchObject({ id: 4, result: { ok: true, value: { state: 'unconfigured' } } });
    ws.close();
  });

  it('pushes the current sync status to a new connection', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}host`, { headers: { Origin: server.url.replace(/\/$/, '') } });
    const first = await new Promise<Record<string, unknown>>((resolvePromise) => ws.once('message', (data: Buffer) => resolvePromise(JSON.parse(data.toString()))));
    expect(first).toMatchObject({ type: 'event', topic: 'sync.status', payload: { state: 'unconfigured' } });
    ws.close();
  });

  it('refuses WebSockets from another origin or without one', async () => {
    await expect(connect('host', 'http://evil.example')).rejects.toThrow(/403/);
    await expect(connect('host', null)).rejects.toThrow(/403/);
    await expect(connect('elsewhere')).rejects.toThrow(/403/);
  });

  it('serves the renderer with a strict CSP and nothing outside its folders', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain("default-src 'none'");
    expect((await get('/resources/registry/customs-registry.json')).status).toBe(200);
    expect((await get('/../secret.txt')).status).toBe(404);
    expect((await get('/resources/../../secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/%E0%A4%A')).status).toBe(404);
  });
});

describe('listening beyond loopback', () => {
  it('requires an access token', async () => {
    await expect(
      startWebServer({ runtime, rendererDir, resourcesDir: resolve('resources'), host: '0.0.0.0', port: 0, accessToken: null, log: quiet }),
    ).rejects.toThrow(/access token/);
  });

  it('refuses a WebSocket without the right token when one is set', async () => {
    const guarded = await startWebServer({ runtime, rendererDir, resourcesDir: resolve('resources'), host: '127.0.0.1', port: 0, accessToken: 'a-long-access-token-0123456789', log: quiet });
    const origin = guarded.url.replace(/\/$/, '');
    const open = (query: string) =>
      new Promise<void>((resolvePromise, reject) => {
        const ws = new WebSocket(`${guarded.url.replace('http', 'ws')}host${query}`, { headers: { Origin: origin } });
        ws.once('open', () => {
          ws.close();
          resolvePromise();
        });
        ws.once('unexpected-response', (_request, response) => reject(new Error(`refused with ${response.statusCode}`)));
      });
    await expect(open('?token=wrong')).rejects.toThrow(/403/);
    await expect(open('')).rejects.toThrow(/403/);
    await expect(open('?token=a-long-access-token-0123456789')).resolves.toBeUndefined();
    await guarded.close();
  });
});
