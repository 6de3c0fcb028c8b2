// Contract tests of GET /api/v1/stream (API.md): SSE with id = seq, resume by
// Last-Event-ID, pings, 410 before the first event, `event: reset` on epoch change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeEnvelope, goneBody, resetEvent } from '../../shared/central/wire.js';
import type { RunningCentral } from '../index.js';
import { SseReader } from '../testing/client.js';
import { appendPuts, at, startTestCentral, tok } from '../testing/fixture.js';

let central: RunningCentral;
const open: SseReader[] = [];
beforeEach(async () => {
  central = await startTestCentral();
});
afterEach(async () => {
  for (const r of open.splice(0)) r.close();
  await central.close();
});

async function connect(query: string, token = tok.admin, headers: Record<string, string> = {}): Promise<SseReader> {
  const r = await SseReader.open(`${central.url}/api/v1/stream?${query}`, token, headers);
  open.push(r);
  return r;
}

const seqsOf = (r: SseReader) => r.events.filter((e) => e.event === 'change').map((e) => Number(e.id));

describe('/stream', () => {
  it('sends every change after the cursor as an event with id = seq, then live ones', async () => {
    const base = central.log.head();
    appendPuts(central, 30);
    const r = await connect(`after=${base}&epoch=${central.log.epoch()}&horizon=0`);
    expect(r.status).toBe(200);
    await r.until(() => r.events.length >= 30);
    appendPuts(central, 20);
    await r.until(() => r.events.length >= 50);
    const seqs = seqsOf(r);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => base + 1 + i));
    for (const e of r.events) {
      const change = changeEnvelope.parse(JSON.parse(e.data));
      expect(String(change.seq)).toBe(e.id);
    }
  });

  it('resumes with Last-Event-ID (which wins over after): nothing twice, nothing missing', async () => {
    const base = central.log.head();
    const epoch = central.log.epoch();
    const first = await connect(`after=${base}&epoch=${epoch}&horizon=0`);
    appendPuts(central, 40);
    await first.until(() => first.events.length >= 25);
    first.close();
    const got = seqsOf(first);
    const lastId = got[got.length - 1]!;
    // Changes made while the client was away.
    appendPuts(central, 40);
    // `after` points elsewhere on purpose: Last-Event-ID must win.
    const second = await connect(`after=${base}&epoch=${epoch}&horizon=0`, tok.admin, { 'last-event-id': String(lastId) });
    await second.until(() => seqsOf(second).length > 0 && seqsOf(second).at(-1) === central.log.head());
    const all = [...got, ...seqsOf(second)];
    expect(all).toEqual(Array.from({ length: 80 }, (_, i) => base + 1 + i));
  });

  it('sends : ping comments while idle', async () => {
    const r = await connect(`after=${central.log.head()}&epoch=${central.log.epoch()}&horizon=0`);
    await r.until(() => r.comments.filter((c) => c === 'ping').length >= 2);
  });

  it('filters by scope', async () => {
    const base = central.log.head();
    const r = await connect(`after=${base}&epoch=${central.log.epoch()}&horizon=0`, tok.wall5391);
    appendPuts(central, 60, 'declaration', ['5391', '5392', '42', '*']);
    await r.until(() => seqsOf(r).at(-1) !== undefined && r.events.length >= 30);
    const scopes = r.events.map((e) => (JSON.parse(e.data) as { scope: string }).scope);
    expect(new Set(scopes)).toEqual(new Set(['5391', '*']));
    expect(scopes).toHaveLength(30);
  });

  it('answers 410 before the first event for a stale epoch or horizon, 401 without a token', async () => {
    appendPuts(central, 10);
    const stale = await connect(`after=5&epoch=nope&horizon=0`);
    expect(stale.status).toBe(410);
    expect(goneBody.parse(JSON.parse(stale.body)).epoch).toBe(central.log.epoch());
    central.log.del('declaration', 'x', { scope: '*', at });
    central.log.purgeTombstones({ beforeSeq: central.log.head() + 1 });
    const belowHorizon = await connect(`after=5&epoch=${central.log.epoch()}&horizon=0`);
    expect(belowHorizon.status).toBe(410);
    const noToken = await fetch(`${central.url}/api/v1/stream`);
    expect(noToken.status).toBe(401);
    await noToken.text();
  });

  it('sends event: reset with the new epoch and closes when the log is rebuilt', async () => {
    const r = await connect(`after=0`);
    await r.until(() => r.events.length > 0);
    const fresh = central.log.resetEpoch();
    await r.until(() => r.ended);
    const last = r.events[r.events.length - 1]!;
    expect(last.event).toBe('reset');
    expect(resetEvent.parse(JSON.parse(last.data)).epoch).toBe(fresh);
  });

  it('closes a stream whose unread tombstones were purged, so the client meets the 410 rule', async () => {
    const base = central.log.head();
    const r = await connect(`after=${base}&epoch=${central.log.epoch()}&horizon=0`, tok.wall5391);
    // Nothing in scope 5391: the client has not been sent the tombstone...
    central.log.del('declaration', 'y', { scope: '*', at: '2026-01-01T00:00:00.000Z' });
    await r.until(() => r.events.length === 1);
    expect(r.ended).toBe(false);
    central.log.purgeTombstones({ olderThan: new Date(at) });
    // ...it has, so the stream may stay open.
    await new Promise((res) => setTimeout(res, 200));
    expect(r.ended).toBe(false);
    const other = await connect(`after=${central.log.head()}&epoch=${central.log.epoch()}&horizon=${central.log.horizon()}`);
    central.log.del('declaration', 'z', { scope: '53', at: '2026-01-01T00:00:00.000Z' });
    // A tombstone above this client's position purged before it was sent: close.
    central.log.purgeTombstones({ beforeSeq: central.log.head() + 1 });
    await other.until(() => other.ended);
  });
});
