// How fresh the data on screen is, in the words the wall shows. Pure, so every state
// (live, delayed, offline, catching up…) is unit-tested.
import type { SyncStatus } from '../../../shared/host/methods/sync.js';

export type Freshness =
  | { kind: 'unconfigured' }
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'delayed'; minutes: number }
  | { kind: 'catching-up'; percent: number | null }
  | { kind: 'resyncing' }
  | { kind: 'offline'; since: Date | null }
  | { kind: 'host-lost' };

/** Data older than this (or a silent live connection) counts as delayed. */
export const delayedAfterSeconds = 120;

export function describeFreshness(status: SyncStatus | null, now: Date, hostReachable: boolean): Freshness {
  if (!hostReachable) return { kind: 'host-lost' };
  if (!status) return { kind: 'connecting' };
  switch (status.state) {
    case 'unconfigured':
    case 'stopped':
      return { kind: 'unconfigured' };
    case 'connecting':
      return { kind: 'connecting' };
    case 'resyncing':
      return { kind: 'resyncing' };
    case 'offline':
      return { kind: 'offline', since: status.offlineSince ? new Date(status.offlineSince) : null };
    case 'catching-up': {
      const { cursor, head } = status;
      const percent = cursor !== null && head !== null && head > 0 ? Math.min(99, Math.floor((cursor / head) * 100)) : null;
      return { kind: 'catching-up', percent };
    }
    case 'live': {
      const silentSeconds = status.lastContactAt ? (now.getTime() - Date.parse(status.lastContactAt)) / 1000 : 0;
      const behind = Math.max(status.lagSeconds ?? 0, silentSeconds);
      return behind >= delayedAfterSeconds ? { kind: 'delayed', minutes: Math.floor(behind / 60) } : { kind: 'live' };
    }
  }
}

const beijingTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

/** HH:MM in Beijing time, whatever the machine's time zone. */
export function formatBeijingHourMinute(date: Date): string {
  return beijingTime.format(date);
}
