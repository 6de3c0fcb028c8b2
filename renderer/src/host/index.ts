// Picks the transport once: Electron's preload bridge when present, else the browser-mode
// WebSocket to the page's origin (an access token, if the host wants one, comes in the URL).
import type { PortwallBridge } from '../../../shared/host/api.js';
import { useAppStore } from '../state/appStore.js';
import { createHostClient } from './client.js';
import { createWebSocketBridge } from './wsBridge.js';

declare global {
  interface Window {
    portwall?: PortwallBridge;
  }
}

function pickBridge(): PortwallBridge {
  if (window.portwall) return window.portwall;
  const params = new URLSearchParams(window.location.search);
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const token = params.get('token');
  const url = `${scheme}://${window.location.host}/host${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  const bridge = createWebSocketBridge(url);
  bridge.onReachability((reachable) => useAppStore.getState().setHostReachable(reachable));
  return bridge;
}

export const host = createHostClient(pickBridge());
