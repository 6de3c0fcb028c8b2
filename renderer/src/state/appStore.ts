// What the whole window shows about the host and sync: small, rarely-changing state that
// React components select atom by atom.
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/host/methods/app.js';
import type { SyncStatus } from '../../../shared/host/methods/sync.js';

export interface AppState {
  info: AppInfo | null;
  status: SyncStatus | null;
  /** False while the browser-mode WebSocket to the host is down (always true in Electron). */
  hostReachable: boolean;
  setInfo(info: AppInfo): void;
  setStatus(status: SyncStatus): void;
  setHostReachable(reachable: boolean): void;
}

export const useAppStore = create<AppState>()((set) => ({
  info: null,
  status: null,
  hostReachable: true,
  setInfo: (info) => set({ info }),
  setStatus: (status) => set({ status }),
  setHostReachable: (hostReachable) => set({ hostReachable }),
}));
