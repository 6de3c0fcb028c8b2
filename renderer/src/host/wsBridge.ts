// Browser mode's window.portwall: the host API over a WebSocket to the page's own origin.
// It reconnects by itself (the host may restart) and reports reachability so the wall can
// say "host connection lost" instead of freezing silently.
import type { PortwallBridge } from '../../../shared/host/api.js';
import type { HostResult } from '../../../shared/host/errors.js';

interface ServerMessage {
  type: 'result' | 'event' | 'error';
  id?: number;
  result?: HostResult;
  topic?: string;
  payload?: unknown;
  message?: string;
}

export interface WebSocketBridge extends PortwallBridge {
  onReachability(listener: (reachable: boolean) => void): () => void;
}

const callTimeoutMs = 30_000;

export function createWebSocketBridge(url: string): WebSocketBridge {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 500;
  const pending = new Map<number, { resolve: (result: HostResult) => void; timer: ReturnType<typeof setTimeout> }>();
  const topicListeners = new Map<string, Set<(payload: unknown) => void>>();
  const reachability = new Set<(reachable: boolean) => void>();
  let opened: Promise<WebSocket>;

  function settle(id: number, result: HostResult) {
    const call = pending.get(id);
    if (!call) return;
    clearTimeout(call.timer);
    pending.delete(id);
    call.resolve(result);
  }

  function connect(): Promise<WebSocket> {
    return new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        retryMs = 500;
        for (const listener of reachability) listener(true);
        resolve(ws);
      };
      ws.onmessage = (event) => {
        let message: ServerMessage;
        try {
          message = JSON.parse(String(event.data)) as ServerMessage;
        } catch {
          return;
        }
        if (message.type === 'result' && typeof message.id === 'number' && message.result) settle(message.id, message.result);
        else if (message.type === 'event' && typeof message.topic === 'string') {
          for (const listener of topicListeners.get(message.topic) ?? []) listener(message.payload);
        } else if (message.type === 'error') console.warn('host refused a message:', message.message);
      };
      ws.onclose = () => {
        if (socket === ws) {
          socket = null;
          for (const listener of reachability) listener(false);
        }
        for (const id of [...pending.keys()]) settle(id, { ok: false, error: { code: 'unavailable', message: 'the host connection closed' } });
        const delay = retryMs;
        retryMs = Math.min(retryMs * 2, 10_000);
        setTimeout(() => {
          opened = connect();
          void opened.then(resolve);
        }, delay);
      };
    });
  }

  opened = connect();

  return {
    async call(method, input) {
      const ws = socket ?? (await opened);
      const id = nextId++;
      return new Promise<HostResult>((resolve) => {
        const timer = setTimeout(() => settle(id, { ok: false, error: { code: 'unavailable', message: `${method} timed out` } }), callTimeoutMs);
        pending.set(id, { resolve, timer });
        ws.send(JSON.stringify({ type: 'call', id, method, input: input ?? {} }));
      });
    },
    subscribe(topic, listener) {
      const set = topicListeners.get(topic) ?? new Set();
      topicListeners.set(topic, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    onReachability(listener) {
      reachability.add(listener);
      return () => {
        reachability.delete(listener);
      };
    },
  };
}
