import { describe, expect, it } from 'vitest';
import type { HostHandlers } from './api.js';
import { createDispatch } from './dispatch.js';
import { HostError } from './errors.js';
import type { SyncStatus } from './methods/sync.js';

const status: SyncStatus = {
  state: 'live',
  centralUrl: 'http://127.0.0.1:7070',
  epoch: 'e1',
  cursor: 10,
  head: 10,
  dataAsOf: '2026-11-23T02:00:00.000Z',
  lagSeconds: 1,
  changesPerSecond: 3,
  quarantined: 0,
  outboxPending: 0,
  lastError: null,
  offlineSince: null,
  lastContactAt: '2026-11-23T02:00:00.000Z',
};

function handlers(overrides: Partial<HostHandlers> = {}): HostHandlers {
  return {
    'app.info': () => ({ mode: 'web', version: '1', demo: false, centralUrl: null, scope: { code: '*', nameZh: '全国', nameEn: 'National' }, role: null, scene: {} }),
    'sync.status': () => status,
    ...overrides,
  } as HostHandlers;
}

const errors: unknown[] = [];
const log = { error: (_message: string, details?: unknown) => errors.push(details) };

describe('createDispatch', () => {
  it('rejects a bad argument with bad-input and keeps serving', async () => {
    const dispatch = createDispatch(handlers(), log);
    const bad = await dispatch('sync.status', { unexpected: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    if (!bad.ok) expect(bad.error.issues?.length).toBeGreaterThan(0);
    const good = await dispatch('sync.status', {});
    expect(good).toEqual({ ok: true, value: status });
  });

  it('treats a missing input as an empty object', async () => {
    const dispatch = createDispatch(handlers(), log);
    expect(await dispatch('sync.status', undefined)).toEqual({ ok: true, value: status });
  });

  it('answers an unknown or non-string method with unknown-method', async () => {
    const dispatch = createDispatch(handlers(), log);
    expect(await dispatch('app.exec', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await dispatch({ toString: () => 'x' }, {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('passes a HostError through with its code', async () => {
    const dispatch = createDispatch(handlers({ 'sync.status': () => Promise.reject(new HostError('unavailable', 'store is closed')) }), log);
    expect(await dispatch('sync.status', {})).toEqual({ ok: false, error: { code: 'unavailable', message: 'store is closed' } });
  });

  it('turns a crash in a handler into internal, logs it, and keeps serving', async () => {
    errors.length = 0;
    let calls = 0;
    const dispatch = createDispatch(
      handlers({
        'sync.status': () => {
          calls += 1;
          if (calls === 1) throw new TypeError('boom');
          return status;
        },
      }),
      log,
    );
    const crashed = await dispatch('sync.status', {});
    expect(crashed).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!crashed.ok) expect(crashed.error.message).not.toContain('boom');
    expect(errors).toHaveLength(1);
    expect(await dispatch('sync.status', {})).toEqual({ ok: true, value: status });
  });
});
