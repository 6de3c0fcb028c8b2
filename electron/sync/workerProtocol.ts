// Messages between the host thread (sync/index.ts) and the sync worker (sync/worker.ts).
import type { RecordKind } from '../../shared/central/records.js';
import type { SyncStatus } from '../../shared/host/methods/sync.js';
import type { OutboxEntry } from '../store/outbox.js';
import type { OfficerAction } from './outboxSender.js';

export interface WorkerInput {
  dbPath: string;
  centralUrl: string;
  token: string;
  /** The center's configured scope (see EngineOptions.scope). */
  scope?: string;
  retention?: { ticketDays?: number; sampleDays?: number };
  /** The TypeScript entry to run when started from sources (tests, tsx). */
  entry?: string;
}

export type ToWorker = { type: 'act'; id: number; action: OfficerAction } | { type: 'fetch-ticket'; id: number; ticketId: string } | { type: 'stop' };

export type FromWorker =
  | { type: 'status'; status: SyncStatus }
  | { type: 'data'; kinds: RecordKind[] }
  | { type: 'acted'; id: number; entry: OutboxEntry }
  | { type: 'act-failed'; id: number; message: string; input: boolean }
  | { type: 'ticket'; id: number; ticket: Record<string, unknown> | null }
  | { type: 'ticket-failed'; id: number; message: string; forbidden: boolean }
  | { type: 'fatal'; message: string }
  | { type: 'stopped' };
