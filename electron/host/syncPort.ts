// What the host needs from the sync engine. The engine runs in a worker; the host only
// reads its status and forwards its notifications to the renderer.
import type { RecordKind } from '../../shared/central/records.js';
import { type SyncStatus, initialSyncStatus } from '../../shared/host/methods/sync.js';
import type { OutboxEntry } from '../store/outbox.js';
import type { OfficerAction } from '../sync/outboxSender.js';

export interface SyncPort {
  status(): SyncStatus;
  onStatus(listener: (status: SyncStatus) => void): () => void;
  onDataChanged(listener: (kinds: RecordKind[]) => void): () => void;
  /** Records an officer action in the outbox (absent when no engine runs). */
  act?(action: OfficerAction): Promise<OutboxEntry>;
  /** One ticket from central, for tickets older than local retention (absent when no engine runs). */
  fetchTicket?(id: string): Promise<Record<string, unknown> | null>;
  stop(): Promise<void>;
}

/** The status of a host with no central to sync from. */
export function unconfiguredStatus(): SyncStatus {
  return initialSyncStatus('unconfigured', null);
}

/** A sync port for a host with no central configured: it never changes state. */
export function noSync(): SyncPort {
  const status = unconfiguredStatus();
  return {
    status: () => status,
    onStatus: () => () => {},
    onDataChanged: () => () => {},
    stop: async () => {},
  };
}
