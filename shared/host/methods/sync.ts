import { z } from 'zod';
import { defineMethods } from './define.js';

const isoTime = z.iso.datetime({ offset: true });

export const syncState = z.enum([
  'unconfigured', // no central URL: nothing to sync from
  'connecting',
  'catching-up', // reading /changes pages
  'live', // following /stream
  'offline', // central unreachable; retrying with backoff
  'resyncing', // epoch change or 410: rebuilding into fresh tables
  'stopped',
]);
export type SyncState = z.infer<typeof syncState>;

export const syncStatus = z.object({
  state: syncState,
  centralUrl: z.string().nullable(),
  epoch: z.string().nullable(),
  /** Highest seq fully read (API.md "cursor"). */
  cursor: z.number().nullable(),
  /** Central's head when last seen. */
  head: z.number().nullable(),
  /** Central's time of the newest applied change. */
  dataAsOf: isoTime.nullable(),
  /** Seconds between now and dataAsOf, when known. */
  lagSeconds: z.number().nullable(),
  changesPerSecond: z.number(),
  quarantined: z.number().int(),
  outboxPending: z.number().int(),
  lastError: z.string().nullable(),
  /** When central stopped answering; null while it answers. */
  offlineSince: isoTime.nullable(),
  /** Last successful exchange with central. */
  lastContactAt: isoTime.nullable(),
});
export type SyncStatus = z.infer<typeof syncStatus>;

export const syncMethods = defineMethods({
  'sync.status': { input: z.object({}).strict(), output: syncStatus },
});

/** The status before anything is known: no cursor, no contact, nothing counted. */
export function initialSyncStatus(state: SyncState, centralUrl: string | null): SyncStatus {
  return {
    state,
    centralUrl,
    epoch: null,
    cursor: null,
    head: null,
    dataAsOf: null,
    lagSeconds: null,
    changesPerSecond: 0,
    quarantined: 0,
    outboxPending: 0,
    lastError: null,
    offlineSince: null,
    lastContactAt: null,
  };
}
