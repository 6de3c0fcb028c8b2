// The outbox end to end (and the central fallback for old tickets): the sync worker (as the host runs it), the real central, and a
// proxy that takes central away and loses an answer.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type RunningCentral, startCentral } from '../../central/index.js';
import type { AlertRecord } from '../../shared/central/records.js';
import type { TokenEntry } from '../../shared/central/wire.js';
import { createTicketHandlers } from '../host/handlers/tickets.js';
import { openReadableDb, openWritableDb } from '../store/db.js';
import { openReadStore } from '../store/index.js';
import { type SyncHandle, startSyncWorker } from './index.js';
import { centralSnapshot, localSnapshot } from './testing/centralState.js';
import { startFaultProxy } from './testing/faultProxy.js';
import { sampleAlert, sampleDeclaration } from './testing/sampleRecords.js';
import { waitFor } from './testing/waitFor.js';

const officer: TokenEntry = { token: 'test-officer-national-0001', role: 'officer', scope: '*', name: 'officer li' };
const colleague: TokenEntry = { token: 'test-officer-national-0002', role: 'officer', scope: '*', name: 'officer wang' };

let dir: string;
let c: RunningCentral;
const handles: SyncHandle[] = [];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pw-outbox-'));
  c = await startCentral({ speed: 0, scale: 0, tokens: [officer, colleague] });
});
afterEach(async () => {
  for (const h of handles.splice(0)) await h.stop();
  await c.close();
  rmSync(dir, { recursive: true, force: true });
});

async function centralAlert(id: string): Promise<AlertRecord> {
  const snapshot = await centralSnapshot(c.url, officer.token);
  return snapshot.alert.find(([key]) => key === id)?.[1] as AlertRecord;
}

it('actions taken offline are pending, survive a restart, are applied once each, and a 409 reaches the officer', async () => {
  const at = new Date(c.simulator!.now()).toISOString();
  const ids = ['T-A1', 'T-A2', 'T-A3'];
  c.log.append(ids.map((id) => ({ kind: 'alert', key: id, scope: '53', at, op: 'put' as const, data: sampleAlert(id, { scope: '53', raisedAt: at }) })));
  const proxy = await startFaultProxy(c.url);
  const dbPath = join(dir, 'desk.sqlite');
  const start = () => {
    const h = startSyncWorker({ dbPath, centralUrl: proxy.url, token: officer.token });
    handles.push(h);
    return h;
  };
  let sync = start();
  await waitFor(() => sync.status().state === 'live' && sync.status().cursor === c.log.head(), 'first sync');

  proxy.setDown(true);
  await waitFor(() => sync.status().state === 'offline', 'offline');
  const acted = [
    await sync.act({ alertId: 'T-A1', kind: 'ack', by: 'officer-li', note: 'on it' }),
    await sync.act({ alertId: 'T-A2', kind: 'comment', by: 'officer-li', text: '已联系企业核实' }),
    await sync.act({ alertId: 'T-A3', kind: 'ack', by: 'officer-li', note: 'mine' }),
  ];
  expect(acted.map((e) => e.state)).toEqual(['pending', 'pending', 'pending']);

  const store = openReadStore(dbPath);
  const pendingView = store.listAlerts({ pending: true, limit: 10 }).items;
  expect(pendingView.map((v) => [v.alert.id, v.alert.state, v.pending])).toEqual(
    expect.arrayContaining([
      ['T-A1', 'acknowledged', true],
      ['T-A2', 'open', true],
      ['T-A3', 'acknowledged', true],
    ]),
  );
  expect(pendingView.find((v) => v.alert.id === 'T-A2')?.alert.comments.map((x) => x.text)).toEqual(['已联系企业核实']);

  // A colleague at another desk acknowledges T-A3 first, straight at central.
  const first = await fetch(`${c.url}/api/v1/alerts/T-A3/ack`, {
    method: 'POST',
    headers: { authorization: `Bearer ${colleague.token}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
    body: JSON.stringify({ by: 'officer-wang', note: 'seen' }),
  });
  expect(first.status).toBe(200);

  // Restart: the outbox is in the store, not in memory.
  await sync.stop();
  handles.pop();
  expect(store.status().outboxPending).toBe(3);
  sync = start();
  await waitFor(() => sync.status().outboxPending === 3, 'the restarted worker to report the outbox');

  // The first answer to the comment is lost after central applied it: the resend must not double it.
  proxy.faults.loseAnswers = { path: '/comment', count: 1 };
  proxy.setDown(false);
  await waitFor(() => sync.status().outboxPending === 0 && sync.status().state === 'live' && sync.status().cursor === c.log.head(), 'the outbox to drain', 90_000);
  expect(proxy.stats.lostAnswers).toBe(1);

  const [a1, a2, a3] = await Promise.all(ids.map(centralAlert));
  expect(a1).toMatchObject({ state: 'acknowledged', ackBy: 'officer-li' });
  expect(a2?.comments.map((x) => x.text)).toEqual(['已联系企业核实']);
  expect(a3).toMatchObject({ state: 'acknowledged', ackBy: 'officer-wang' });

  const view = store.listAlerts({ limit: 10 }).items;
  const v3 = view.find((v) => v.alert.id === 'T-A3');
  expect(v3?.pending).toBe(false);
  expect(v3?.alert.ackBy).toBe('officer-wang');
  expect(v3?.actions).toEqual([
    expect.objectContaining({ action: 'ack', state: 'superseded', body: { by: 'officer-li', note: 'mine' }, result: expect.objectContaining({ ackBy: 'officer-wang' }) }),
  ]);
  expect(view.find((v) => v.alert.id === 'T-A1')?.actions).toEqual([]);
  expect(localSnapshot(store.db).alert).toEqual((await centralSnapshot(c.url, officer.token)).alert);
  store.close();
  await proxy.close();
});

it('fetches a ticket older than local retention from central, through the worker and the host handler', async () => {
  const at = new Date(c.simulator!.now()).toISOString();
  const old = sampleDeclaration(42);
  c.log.append([{ kind: 'declaration', key: old.id, scope: '5316', at, op: 'put', data: old }]);
  const sync = startSyncWorker({ dbPath: join(dir, 'desk.sqlite'), centralUrl: c.url, token: officer.token });
  handles.push(sync);
  // A store that never had the ticket (as after retention pruned it).
  const emptyPath = join(dir, 'empty.sqlite');
  openWritableDb(emptyPath).close();
  const empty = openReadableDb(emptyPath);
  const handlers = createTicketHandlers(() => empty, () => (id) => sync.fetchTicket(id));
  expect(await handlers['tickets.get']({ id: old.id })).toEqual({ ticket: old, source: 'central', updatedAt: null, alerts: [] });
  await expect(handlers['tickets.get']({ id: '999999999999999999' })).rejects.toMatchObject({ code: 'not-found' });
  empty.close();
});
