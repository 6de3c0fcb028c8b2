// Starts the sync engine in its worker thread and keeps it running: a worker that dies
// (a bug, a full disk) is restarted with growing delays, so a wall recovers by itself.
import type { RecordKind } from '../../shared/central/records.js';
import type { SyncStatus } from '../../shared/host/methods/sync.js';
import { type SyncHandle, startSyncWorker } from '../sync/index.js';
import type { SyncStarter } from './hostRuntime.js';
import type { Logger } from './log.js';
import type { SyncPort } from './syncPort.js';

export interface SuperviseOptions {
  start: () => SyncHandle;
  log: Logger;
  /** Delay before the n-th restart in a row (ms). */
  restartDelay?: (attempt: number) => number;
}

export function superviseSync({ start, log, restartDelay = (n) => Math.min(60_000, 1000 * 2 ** n) }: SuperviseOptions): SyncPort {
  const statusListeners = new Set<(status: SyncStatus) => void>();
  const dataListeners = new Set<(kinds: RecordKind[]) => void>();
  let handle: SyncHandle;
  let stopping = false;
  let restarts = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function launch() {
    handle = start();
    handle.onDataChanged((kinds) => {
      for (const listener of dataListeners) listener(kinds);
    });
    handle.onStatus((status) => {
      if (status.state === 'live') restarts = 0;
      for (const listener of statusListeners) listener(status);
      if (status.state === 'stopped' && !stopping && timer === null) {
        const delay = restartDelay(restarts++);
        log.error(`sync stopped (${status.lastError ?? 'no reason given'}); restarting in ${Math.round(delay / 1000)} s`);
        timer = setTimeout(() => {
          timer = null;
          void handle.stop().finally(() => {
            if (!stopping) launch();
          });
        }, delay);
      }
    });
  }

  launch();

  return {
    status: () => handle.status(),
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onDataChanged(listener) {
      dataListeners.add(listener);
      return () => dataListeners.delete(listener);
    },
    act: (action) => handle.act(action),
    fetchTicket: (id) => handle.fetchTicket(id),
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await handle.stop();
    },
  };
}

export const startSupervisedSync: SyncStarter = ({ dbPath, centralUrl, token, scope, log }) =>
  superviseSync({ start: () => startSyncWorker({ dbPath, centralUrl, token, scope }), log });
