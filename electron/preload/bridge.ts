// The whole surface the renderer gets in Electron: window.portwall with call() and
// subscribe(). IPC objects never reach the renderer. The main process validates every
// call; the renderer's client validates every event payload. Type-only imports keep
// this sandboxed preload free of the schema library.
import type { PortwallBridge } from '../../shared/host/api.js';
import type { HostResult } from '../../shared/host/errors.js';

export const callChannel = 'portwall:call';
export const eventChannel = 'portwall:event';

export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface PreloadContextBridge {
  exposeInMainWorld(key: string, api: unknown): void;
}

export function createBridge(ipc: PreloadIpc): PortwallBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  ipc.on(eventChannel, (_event, topic, payload) => {
    if (typeof topic !== 'string') return;
    for (const listener of listeners.get(topic) ?? []) listener(payload);
  });
  return {
    call: (method, input) => {
      if (typeof method !== 'string') return Promise.reject(new TypeError('method must be a string'));
      return ipc.invoke(callChannel, method, input) as Promise<HostResult>;
    },
    subscribe: (topic, listener) => {
      if (typeof topic !== 'string' || topic.length > 100) throw new TypeError('topic must be a topic name');
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const set = listeners.get(topic) ?? new Set();
      listeners.set(topic, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}

export function exposeBridge(contextBridge: PreloadContextBridge, ipc: PreloadIpc): void {
  contextBridge.exposeInMainWorld('portwall', createBridge(ipc));
}
