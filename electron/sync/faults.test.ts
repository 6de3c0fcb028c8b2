// Fault tests of the sync engine against the real reference central (in-process), with a
// loopback proxy in between where a fault needs one. Each ends with the local store equal,
// record by record, to central's log for the token's scope.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CentralOptions, type RunningCentral, startCentral } from '../../central/index.js';
import { recordKinds } from '../../shared/central/records.js';
import type { TokenEntry } from '../../shared/central/wire.js';
import type { SyncStatus } from '../../shared/host/methods/sync.js';
import { type WritableDB, openReadableDb, openWritableDb } from '../store/db.js';
import { Backoff } from './backoff.js';
import { type EngineOptions, SyncEngine } from './engine.js';
import { centralSnapshot, localSnapshot, without } from './testing/centralState.js';
import { type FaultProxy, startFaultProxy } from './testing/faultProxy.js';
import { runCli, writeTokenFile } from './testing/runCli.js';
import { waitFor } from './testing/waitFor.js';

const wall: TokenEntry = { token: 'test-wall-national-000001', role: 'wall', scope: '*', name: 'test wall' };
const shanghai: TokenEntry = { token: 'test-wall-shanghai-000001', role: 'wall', scope: '22', name: 'Shanghai wall' };
const stranger: TokenEntry = { token: 'test-wall-unserved-000001', role: 'wall', scope: '99', name: 'scope central does not serve' };

let dir: string;
let dbPath: string;
const closers: Array<() => Promise<void> | void> = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pw-faults-'));
  dbPath = join(dir, 'local.sqlite');
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  rmSync(dir, { recursive: true, force: true });
});

async function central(options: CentralOptions = {}): Promise<RunningCentral> {
  const c = await startCentral({ db: join(dir, 'central.sqlite'), speed: 0, scale: 0.3, seed: 7, tokens: [wall, shanghai, stranger], ...options });
  closers.push(() => c.close());
  return c;
}

async function proxyTo(c: RunningCentral, faults: Parameters<typeof startFaultProxy>[1] = {}): Promise<FaultProxy> {
  const p = await startFaultProxy(c.url, faults);
  closers.push(() => p.close());
  return p;
}

interface Running {
  engine: SyncEngine;
  db: WritableDB;
  statuses: SyncStatus[];
  run: Promise<void>;
}

function startEngine(centralUrl: string, options: Partial<EngineOptions> = {}): Running {
  const db = openWritableDb(dbPath);
  const statuses: SyncStatus[] = [];
  const engine = new SyncEngine({
    db,
    centralUrl,
    token: wall.token,
    backoff: new Backoff(10, 300),
    idleMs: 5_000,
    ...options,
    onStatus: (s) => {
      statuses.push(s);
      options.onStatus?.(s);
    },
  });
  const run = engine.run();
  const running = { engine, db, statuses, run };
  closers.push(async () => {
    await engine.stop();
    db.close();
  });
  return running;
}

async function stopEngine(r: Running): Promise<void> {
  await r.engine.stop();
  await r.run;
}

async function expectStoreEqualsCentral(
  c: RunningCentral,
  drop: Partial<Record<(typeof recordKinds)[number], Set<string>>> = {},
  token: TokenEntry = wall,
): Promise<void> {
  let expected = await centralSnapshot(c.url, token.token);
  for (const [kind, keys] of Object.entries(drop)) expected = { ...expected, ...without(expected, kind as (typeof recordKinds)[number], keys) };
  const reader = openReadableDb(dbPath);
  try {
    const local = localSnapshot(reader);
    for (const kind of recordKinds) {
      expect(local[kind].length, `${kind} count`).toBe(expected[kind].length);
      expect(local[kind], kind).toEqual(expected[kind]);
    }
    expect(expected.declaration.length).toBeGreaterThan(0);
  } finally {
    reader.close();
  }
}

const caughtUp = (r: Running, c: RunningCentral) => () => {
  const s = r.engine.status();
  return s.state === 'live' && s.cursor === c.log.head();
};

describe('sync faults', () => {
  it('central killed in the middle of a response: keeps what was applied, resumes after restart', async () => {
    const c1 = await central();
    c1.simulator!.step(900);
    const head = c1.log.head();
    const port = Number(new URL(c1.url).port);
    let killedAt: number | null = null;
    let killing: Promise<void> | null = null;
    const r = startEngine(c1.url, {
      once: true,
      pageLimit: 50_000,
      batchSize: 500,
      onStatus: (s) => {
        if (!killing && s.cursor !== null && s.cursor > 0) {
          killedAt = s.cursor;
          killing = c1.close();
        }
      },
    });
    await waitFor(() => killing !== null, 'the first applied batch');
    await killing;
    expect(killedAt).toBeLessThan(head);
    await waitFor(() => r.engine.status().state === 'offline', 'the engine to notice central is gone');
    const c2 = await startCentral({ db: join(dir, 'central.sqlite'), speed: 0, scale: 0.3, seed: 7, tokens: [wall], port });
    closers.push(() => c2.close());
    expect(c2.log.head()).toBe(head);
    await r.run;
    expect(r.engine.status().cursor).toBe(head);
    await expectStoreEqualsCentral(c2);
  });

  it('connection dropped every 3000 changes, in catch-up and on the live stream', async () => {
    const c = await central();
    c.simulator!.step(900);
    const proxy = await proxyTo(c, { cutEvery: 3000 });
    const r = startEngine(proxy.url, { pageLimit: 20_000 });
    await waitFor(caughtUp(r, c), 'catch-up through cut responses');
    const cutsInCatchUp = proxy.stats.cuts;
    expect(cutsInCatchUp).toBeGreaterThanOrEqual(3);
    c.simulator!.step(300);
    await waitFor(caughtUp(r, c), 'the live stream through cuts');
    expect(proxy.stats.cuts).toBeGreaterThan(cutsInCatchUp);
    await stopEngine(r);
    await expectStoreEqualsCentral(c);
    expect(r.engine.status().quarantined).toBe(0);
  });

  it('every change delivered twice: applied once', async () => {
    const c = await central();
    c.simulator!.step(600);
    const proxy = await proxyTo(c, { duplicate: true });
    const r = startEngine(proxy.url, { pageLimit: 5_000 });
    await waitFor(caughtUp(r, c), 'catch-up with duplicates');
    c.simulator!.step(300);
    await waitFor(caughtUp(r, c), 'live with duplicates');
    await stopEngine(r);
    await expectStoreEqualsCentral(c);
    expect(r.engine.status().quarantined).toBe(0);
    const reader = openReadableDb(dbPath);
    // The per-minute aggregates count each ticket's stages once.
    const stages = reader.prepare('SELECT sum(n) AS n FROM declaration_stage_counts').get() as { n: number };
    const recount = reader.prepare("SELECT sum(json_array_length(raw, '$.stages')) AS n FROM declarations").get() as { n: number };
    expect(stages.n).toBe(recount.n);
    reader.close();
  });

  it('malformed and schema-violating changes are quarantined with a reason, counted, and sync goes on', async () => {
    const c = await central();
    c.simulator!.step(300);
    const at = new Date(c.simulator!.now()).toISOString();
    const badTicket = '530000000000000001';
    c.log.append([
      { kind: 'vessel', key: 'V1', scope: '*', at, op: 'put', data: { id: 'V1' } },
      { kind: 'declaration', key: badTicket, scope: '53', at, op: 'put', data: { id: badTicket, valueUsd: 'a lot' } },
      { kind: 'watchlist', key: 'W-bad', scope: '*', at, op: 'put', data: { id: 'W-bad', entityType: 'person', entityKey: 'x\ud800y', reason: 'r', addedBy: '53', addedAt: at } },
    ]);
    c.simulator!.step(300);
    const injected = ['{"seq": 12, "kind": "unit", ', 'not json at all', '{"seq":1.5,"kind":"unit","op":"put","key":"x","scope":"*","at":"2026-01-01T00:00:00Z"}'];
    const proxy = await proxyTo(c, { inject: injected, injectPages: 2 });
    const r = startEngine(proxy.url, { pageLimit: 5_000 });
    await waitFor(caughtUp(r, c), 'catch-up past bad lines');
    await stopEngine(r);
    expect(proxy.stats.injected).toBe(6);
    expect(r.engine.status().quarantined).toBe(3 + 6);
    await expectStoreEqualsCentral(c, { declaration: new Set([badTicket]), watchlist: new Set(['W-bad']) });
    const reader = openReadableDb(dbPath);
    const reasons = (reader.prepare('SELECT reason FROM quarantine WHERE seq IS NOT NULL AND seq = CAST(seq AS INTEGER) ORDER BY seq').all() as Array<{ reason: string }>).map((q) => q.reason);
    expect(reasons).toEqual([expect.stringMatching(/unknown kind "vessel"/), expect.stringMatching(/declaration breaks its schema/), expect.stringMatching(/lone surrogate/)]);
    reader.close();
  });

  it('epoch change while live: resyncs into fresh tables while the old data stays readable, then swaps', async () => {
    const c = await central();
    c.simulator!.step(600);
    openWritableDb(dbPath).close();
    const reader = openReadableDb(dbPath);
    closers.push(() => {
      reader.close();
    });
    const seenDuringResync: number[] = [];
    const r = startEngine(c.url, {
      pageLimit: 2_000,
      onStatus: (s) => {
        if (s.state === 'resyncing') seenDuringResync.push((reader.prepare('SELECT count(*) AS n FROM declarations').get() as { n: number }).n);
      },
    });
    await waitFor(caughtUp(r, c), 'first sync');
    const before = (reader.prepare('SELECT count(*) AS n FROM declarations').get() as { n: number }).n;
    const oldEpoch = c.log.epoch();
    c.log.resetEpoch();
    c.simulator!.step(300);
    expect(c.log.epoch()).not.toBe(oldEpoch);
    await waitFor(() => caughtUp(r, c)() && r.engine.status().epoch === c.log.epoch(), 'resync under the new epoch');
    // The swapped-out tables are dropped a step at a time, with sync going on meanwhile.
    await waitFor(() => (reader.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name GLOB 'stale_*'").get() as { n: number }).n === 0, 'the stale tables to go');
    await stopEngine(r);
    expect(seenDuringResync.length).toBeGreaterThan(0);
    expect(new Set(seenDuringResync)).toEqual(new Set([before]));
    await expectStoreEqualsCentral(c);
  });

  it('410 after tombstones were purged past the cursor: resyncs from 0', async () => {
    const c = await central();
    c.simulator!.step(600);
    const first = startEngine(c.url, { once: true });
    await first.run;
    const firstCursor = first.engine.status().cursor ?? 0;
    await first.engine.stop();
    first.db.close();
    closers.pop();
    const reader = openReadableDb(dbPath);
    const victims = reader.prepare("SELECT printf('%018d', id) AS key, scope FROM declarations LIMIT 25").all() as Array<{ key: string; scope: string }>;
    reader.close();
    const at = new Date(c.simulator!.now()).toISOString();
    c.log.append(victims.map((v) => ({ kind: 'declaration', key: v.key, scope: v.scope, at, op: 'del' as const })));
    c.simulator!.step(120);
    c.log.purgeTombstones({ beforeSeq: c.log.head() + 1 });
    expect(c.log.horizon()).toBeGreaterThan(firstCursor);
    const second = startEngine(c.url, { once: true });
    await second.run;
    expect(second.statuses.some((s) => s.state === 'resyncing')).toBe(true);
    await expectStoreEqualsCentral(c);
  });

  it('central down for a while: status goes offline, then catches up', async () => {
    const c = await central();
    c.simulator!.step(300);
    const proxy = await proxyTo(c);
    const r = startEngine(proxy.url);
    await waitFor(caughtUp(r, c), 'first sync');
    proxy.setDown(true);
    c.simulator!.step(600);
    await waitFor(() => r.engine.status().state === 'offline', 'offline status');
    const offline = r.engine.status();
    expect(offline.offlineSince).not.toBeNull();
    await waitFor(() => r.statuses.filter((s) => s.state === 'offline').length >= 3, 'a few retries');
    expect(r.engine.status().lastError).toMatch(/unreachable/);
    proxy.setDown(false);
    await waitFor(caughtUp(r, c), 'catch-up after central came back');
    expect(r.engine.status().offlineSince).toBeNull();
    await stopEngine(r);
    await expectStoreEqualsCentral(c);
  });

  it('the sync process SIGKILLed in the middle of a batch, then restarted', async () => {
    const c = await central();
    c.simulator!.step(2400);
    const head = c.log.head();
    const tokenFile = writeTokenFile(dir, wall.token);
    const args = ['sync', '--central', c.url, '--token-file', tokenFile, '--db', dbPath];
    const victim = runCli(args);
    let killedAt = 0;
    await waitFor(() => {
      try {
        const reader = openReadableDb(dbPath);
        const cursor = (reader.prepare('SELECT cursor FROM sync_state').get() as { cursor: number }).cursor;
        reader.close();
        if (cursor > 0 && cursor < head) {
          victim.child.kill('SIGKILL');
          killedAt = cursor;
          return true;
        }
      } catch {
        // Not created or migrated yet.
      }
      return false;
    }, 'the child to apply its first batches');
    const killed = await victim.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(killedAt).toBeLessThan(head);
    const check = openReadableDb(dbPath);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const resumed = await runCli([...args, '--once']).done;
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    await expectStoreEqualsCentral(c);
    const status = await runCli(['status', '--db', dbPath, '--json']).done;
    const parsed = JSON.parse(status.stdout) as { cursor: number; head: number; state: string; quarantined: number; counts: Record<string, number> };
    const expected = await centralSnapshot(c.url, wall.token);
    expect(parsed).toMatchObject({ cursor: head, head, state: 'stopped', quarantined: 0 });
    expect(parsed.counts.declaration).toBe(expected.declaration.length);
    const exported = await runCli(['export', '--db', dbPath, '--kind', 'declaration']).done;
    const lines = exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as { key: string; data: unknown });
    expect(lines.map((l) => [l.key, l.data])).toEqual(expected.declaration);
  });
});

describe('portwall CLI failures', () => {
  it('a store filled for another scope resyncs for the configured one; the same scope does not', async () => {
    const c = await central();
    c.simulator!.step(600);
    const national = startEngine(c.url, { once: true, scope: '*' });
    await national.run;
    const district = startEngine(c.url, { once: true, scope: '22', token: shanghai.token });
    await district.run;
    expect(district.statuses.map((s) => s.state)).toContain('resyncing');
    await expectStoreEqualsCentral(c, {}, shanghai);
    const again = startEngine(c.url, { once: true, scope: '22', token: shanghai.token });
    await again.run;
    expect(again.statuses.map((s) => s.state)).not.toContain('resyncing');
    await expectStoreEqualsCentral(c, {}, shanghai);
  });

  it('exits non-zero with one line for a bad URL, 401, 403, an unreachable central and a readable token file', async () => {
    const c = await central({ scale: 0 });
    const good = writeTokenFile(dir, wall.token);
    const cases: Array<[string[], RegExp]> = [
      [['--central', 'ftp://x', '--token-file', good], /must start with http/],
      [['--central', c.url, '--token-file', writeTokenFile(dir, 'not-a-known-token-000000', 0o400)], /rejected the token \(401/],
      [['--central', c.url, '--token-file', writeTokenFile(dir, stranger.token, 0o640)], /readable by others/],
      [['--central', 'http://127.0.0.1:1', '--token-file', good, '--timeout', '1'], /still unreachable after 1 s/],
    ];
    for (const [args, reason] of cases) {
      const result = await runCli(['sync', ...args, '--db', join(dir, 'x.sqlite'), '--once']).done;
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(reason);
    }
    const forbidden = await runCli(['sync', '--central', c.url, '--db', join(dir, 'y.sqlite'), '--once'], { PORTWALL_TOKEN: stranger.token }).done;
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(/403/);
  });

  it('stops cleanly on SIGTERM while following the stream', async () => {
    const c = await central({ scale: 0 });
    const run = runCli(['sync', '--central', c.url, '--db', dbPath], { PORTWALL_TOKEN: wall.token });
    await waitFor(() => {
      try {
        const reader = openReadableDb(dbPath);
        const state = (reader.prepare('SELECT state FROM sync_state').get() as { state: string }).state;
        reader.close();
        return state === 'live';
      } catch {
        return false;
      }
    }, 'the CLI to go live');
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});
