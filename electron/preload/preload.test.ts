// Loads the real preload bundle the way Electron's sandbox does (CommonJS with a
// `require` that only offers `electron`) and records what it hands to contextBridge.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { callChannel, eventChannel } from './bridge.js';

interface Exposed {
  key: string;
  api: Record<string, unknown>;
}

let source = '';

beforeAll(async () => {
  const outfile = join(mkdtempSync(join(tmpdir(), 'preload-')), 'preload.cjs');
  await build({ entryPoints: ['electron/preload/preload.ts'], outfile, bundle: true, platform: 'node', format: 'cjs', external: ['electron'], logLevel: 'silent' });
  source = readFileSync(outfile, 'utf8');
});

function loadPreload() {
  const exposed: Exposed[] = [];
  const invoked: unknown[][] = [];
  const ipcListeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const requested: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push({ key, api }) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve({ ok: true, value: 'pong' });
      },
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => ipcListeners.set(channel, listener),
    },
  };
  const module = { exports: {} };
  runInNewContext(source, {
    module,
    exports: module.exports,
    require: (name: string) => {
      requested.push(name);
      if (name === 'electron') return electron;
      throw new Error(`the sandboxed preload may not require ${name}`);
    },
  });
  return { exposed, invoked, ipcListeners, requested };
}

describe('preload', () => {
  it('exposes window.portwall and nothing else', () => {
    const { exposed, requested } = loadPreload();
    expect(exposed.map((e) => e.key)).toEqual(['portwall']);
    expect(Object.keys(exposed[0]!.api).sort()).toEqual(['call', 'subscribe']);
    expect(requested).toEqual(['electron']);
  });

  it('forwards calls over the single call channel', async () => {
    const { exposed, invoked } = loadPreload();
    const call = exposed[0]!.api.call as (method: string, input: unknown) => Promise<unknown>;
    await expect(call('sync.status', {})).resolves.toEqual({ ok: true, value: 'pong' });
    expect(invoked).toEqual([[callChannel, 'sync.status', {}]]);
    await expect(call(42 as unknown as string, {})).rejects.toThrow(/method must be a string/);
  });

  it('delivers events by topic without leaking the IPC event object', () => {
    const { exposed, ipcListeners } = loadPreload();
    const subscribe = exposed[0]!.api.subscribe as (topic: string, listener: (...args: unknown[]) => void) => () => void;
    const received: unknown[][] = [];
    const unsubscribe = subscribe('sync.status', (...args) => received.push(args));
    const ipcEvent = { sender: 'secret' };
    ipcListeners.get(eventChannel)!(ipcEvent, 'sync.status', { state: 'live' });
    ipcListeners.get(eventChannel)!(ipcEvent, 'data.changed', { kinds: [] });
    expect(received).toEqual([[{ state: 'live' }]]);
    unsubscribe();
    ipcListeners.get(eventChannel)!(ipcEvent, 'sync.status', { state: 'offline' });
    expect(received).toHaveLength(1);
  });
});
