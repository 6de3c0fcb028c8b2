// What `portwall status` reports: the store's own record of its sync, readable while a
// sync process runs or after it stopped.
import type { RecordKind } from '../../../shared/central/records.js';
import type { ReadableDB } from '../db.js';
import { countOutboxPending, countQuarantined, readSyncState } from '../syncState.js';
import { countRecords } from './exportRecords.js';

export interface StoreStatus {
  epoch: string | null;
  horizon: number | null;
  cursor: number;
  head: number | null;
  state: string;
  counts: Record<RecordKind, number>;
  quarantined: number;
  outboxPending: number;
  lastError: string | null;
  centralUrl: string | null;
  dataAsOf: string | null;
  offlineSince: string | null;
  resyncing: boolean;
}

export function storeStatus(db: ReadableDB): StoreStatus {
  const st = readSyncState(db);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    epoch: st.epoch,
    horizon: st.horizon,
    cursor: st.cursor,
    head: st.head,
    state: st.state,
    counts: countRecords(db),
    quarantined: countQuarantined(db),
    outboxPending: countOutboxPending(db),
    lastError: st.last_error,
    centralUrl: st.central_url,
    dataAsOf: iso(st.data_as_of),
    offlineSince: iso(st.offline_since),
    resyncing: st.resync_cursor !== null,
  };
}
