import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/host/methods/sync.js';
import { describeFreshness, formatBeijingHourMinute } from './freshness.js';

const now = new Date('2026-11-23T06:00:00.000Z');
const base: SyncStatus = {
  state: 'live',
  centralUrl: 'http://127.0.0.1:7070',
  epoch: 'e1',
  cursor: 100,
  head: 100,
  dataAsOf: now.toISOString(),
  lagSeconds: 2,
  changesPerSecond: 5,
  quarantined: 0,
  outboxPending: 0,
  lastError: null,
  offlineSince: null,
  lastContactAt: now.toISOString(),
};

describe('describeFreshness', () => {
  it('is live when data and contact are recent', () => {
    expect(describeFreshness(base, now, true)).toEqual({ kind: 'live' });
  });

  it('is delayed by whole minutes when data lags', () => {
    expect(describeFreshness({ ...base, lagSeconds: 7 * 60 + 30 }, now, true)).toEqual({ kind: 'delayed', minutes: 7 });
  });

  it('is delayed when a live connection has been silent', () => {
    const silent = { ...base, lastContactAt: new Date(now.getTime() - 5 * 60_000).toISOString() };
    expect(describeFreshness(silent, now, true)).toEqual({ kind: 'delayed', minutes: 5 });
  });

  it('says since when central went offline', () => {
    const offline = { ...base, state: 'offline' as const, offlineSince: '2026-11-23T05:42:00.000Z' };
    const freshness = describeFreshness(offline, now, true);
    expect(freshness.kind).toBe('offline');
    if (freshness.kind === 'offline') expect(formatBeijingHourMinute(freshness.since!)).toBe('13:42');
  });

  it('reports catch-up progress from cursor and head', () => {
    expect(describeFreshness({ ...base, state: 'catching-up', cursor: 250, head: 1000 }, now, true)).toEqual({ kind: 'catching-up', percent: 25 });
    expect(describeFreshness({ ...base, state: 'catching-up', cursor: null, head: null }, now, true)).toEqual({ kind: 'catching-up', percent: null });
  });

  it('puts a lost host connection above every sync state', () => {
    expect(describeFreshness(base, now, false)).toEqual({ kind: 'host-lost' });
  });

  it('shows unconfigured and connecting states', () => {
    expect(describeFreshness({ ...base, state: 'unconfigured' }, now, true)).toEqual({ kind: 'unconfigured' });
    expect(describeFreshness(null, now, true)).toEqual({ kind: 'connecting' });
  });
});
