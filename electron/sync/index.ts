// The host side of the sync worker: start it, follow its status, forward officer
// actions, stop it. The host process (Electron main or plain Node) never writes the store.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RecordKind } from '../../shared/central/records.js';
import { HostError } from '../../shared/host/errors.js';
import { type SyncStatus, initialSyncStatus } from '../../shared/host/methods/sync.js';
import type { OutboxEntry } from '../store/outbox.js';
import type { OfficerAction } from './outboxSender.js';
import type { FromWorker, ToWorker, WorkerInput } from './workerProtocol.js';

export type { OfficerAction } from './outboxSender.js';

export interface StartSyncOptions {
  dbPath: string;
  centralUrl: string;
  token: string;
  /** The center's configured scope: a store filled for another one is resynced. */
  scope?: string;
  retention?: WorkerInput['retention'];
  /** Where sync-worker.cjs or worker.ts lives, for callers without __dirname (ESM under tsx). */
  scriptDir?: string;
}

export interface SyncHandle {
  status(): SyncStatus;
  onStatus(cb: (status: SyncStatus) => void): () => void;
  onDataChanged(cb: (kinds: RecordKind[]) => void): () => void;
  /** Records an officer action in the outbox (pending at once); resolves with its entry. */
  act(action: OfficerAction): Promise<OutboxEntry>;
  /** One ticket from central (older than local retention); null when central does not know it. */
  fetchTicket(id: string): Promise<Record<string, unknown> | null>;
  stop(): Promise<void>;
}


/** The bundled worker next to the bundle, else the TypeScript source through tsx. */
function workerScript(dir: string): { file: string; entry?: string } {
  const bundled = join(dir, 'sync-worker.cjs');
  if (existsSync(bundled)) return { file: bundled };
  const source = join(dir, 'worker.ts');
  if (existsSync(source)) return { file: join(dir, 'workerSource.mjs'), entry: source };
  throw new Error(`the sync worker script is missing next to ${dir}; run the build (npm run build)`);
}

export function startSyncWorker(options: StartSyncOptions): SyncHandle {
  const { scriptDir, ...rest } = options;
  const script = workerScript(scriptDir ?? __dirname);
  const input: WorkerInput = { ...rest, entry: script.entry };
  const worker = new Worker(script.file, { workerData: input });
  let current = initialSyncStatus('connecting', options.centralUrl);
  const statusListeners = new Set<(s: SyncStatus) => void>();
  const dataListeners = new Set<(kinds: RecordKind[]) => void>();
  const pending = new Map<number, { resolve: (e: OutboxEntry) => void; reject: (e: Error) => void }>();
  const tickets = new Map<number, { resolve: (t: Record<string, unknown> | null) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  const setStatus = (status: SyncStatus) => {
    current = status;
    for (const cb of statusListeners) cb(status);
  };

  worker.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'status':
        setStatus(message.status);
        break;
      case 'data':
        for (const cb of dataListeners) cb(message.kinds);
        break;
      case 'acted':
        pending.get(message.id)?.resolve(message.entry);
        pending.delete(message.id);
        break;
      case 'act-failed':
        pending.get(message.id)?.reject(new HostError(message.input ? 'bad-input' : 'internal', message.message));
        pending.delete(message.id);
        break;
      case 'ticket':
        tickets.get(message.id)?.resolve(message.ticket);
        tickets.delete(message.id);
        break;
      case 'ticket-failed':
        tickets.get(message.id)?.reject(new HostError(message.forbidden ? 'forbidden' : 'unavailable', message.message));
        tickets.delete(message.id);
        break;
      case 'fatal':
        setStatus({ ...current, state: 'stopped', lastError: message.message });
        break;
      case 'stopped':
        break;
    }
  });
  worker.on('error', (error) => setStatus({ ...current, state: 'stopped', lastError: `sync worker crashed: ${error.message}` }));
  worker.on('exit', () => {
    exited = true;
    for (const p of pending.values()) p.reject(new HostError('unavailable', 'the sync worker stopped before recording the action'));
    pending.clear();
    for (const t of tickets.values()) t.reject(new HostError('unavailable', 'the sync worker stopped before central answered'));
    tickets.clear();
  });

  return {
    status: () => current,
    onStatus(cb) {
      statusListeners.add(cb);
      return () => statusListeners.delete(cb);
    },
    onDataChanged(cb) {
      dataListeners.add(cb);
      return () => dataListeners.delete(cb);
    },
    act(action) {
      if (exited) return Promise.reject(new HostError('unavailable', 'sync is stopped; the action was not recorded'));
      const id = nextId++;
      return new Promise<OutboxEntry>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'act', id, action } satisfies ToWorker);
      });
    },
    fetchTicket(ticketId) {
      if (exited) return Promise.reject(new HostError('unavailable', 'sync is stopped; central cannot be asked'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        tickets.set(id, { resolve, reject });
        worker.postMessage({ type: 'fetch-ticket', id, ticketId } satisfies ToWorker);
      });
    },
    async stop() {
      if (exited) return;
      worker.postMessage({ type: 'stop' } satisfies ToWorker);
      const timeout = setTimeout(() => void worker.terminate(), 10_000);
      await exitedPromise;
      clearTimeout(timeout);
    },
  };
}
