// The single sync_state row: the cursor that travels with every applied batch, and what
// the engine last knew about central (shown by `portwall status` and the wall header).
import type { ReadableDB, WritableDB } from './db.js';

export interface SyncStateRow {
  epoch: string | null;
  horizon: number | null;
  cursor: number;
  head: number | null;
  data_as_of: number | null;
  newest_sample_at: number | null;
  resync_epoch: string | null;
  resync_horizon: number | null;
  resync_cursor: number | null;
  state: string;
  last_error: string | null;
  offline_since: number | null;
  last_contact_at: number | null;
  central_url: string | null;
  token_scope: string | null;
}

export function readSyncState(db: ReadableDB): SyncStateRow {
  return db.prepare('SELECT * FROM sync_state WHERE id = 1').get() as SyncStateRow;
}

type Writable = Pick<
  SyncStateRow,
  'state' | 'last_error' | 'offline_since' | 'last_contact_at' | 'central_url' | 'token_scope' | 'head' | 'resync_cursor' | 'resync_epoch' | 'resync_horizon'
>;

export function writeSyncState(db: WritableDB, fields: Partial<Writable>): void {
  const names = Object.keys(fields);
  if (names.length === 0) return;
  db.prepare(`UPDATE sync_state SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = 1`).run(fields);
}

/** Quarantined changes of the current epoch (older epochs' lines can no longer apply). */
export function countQuarantined(db: ReadableDB): number {
  const row = db.prepare('SELECT count(*) AS n FROM quarantine WHERE epoch IS (SELECT epoch FROM sync_state WHERE id = 1) OR epoch IS NULL').get() as { n: number };
  return row.n;
}

export function countOutboxPending(db: ReadableDB): number {
  return (db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;
}
