// Contract tests of health, declarations, routing, durability and robustness.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorBody, healthBody } from '../../shared/central/wire.js';
import type { RunningCentral } from '../index.js';
import { appendPuts, at, startTestCentral, testTokens, tok } from '../testing/fixture.js';

let central: RunningCentral;
beforeEach(async () => {
  central = await startTestCentral();
});
afterEach(async () => {
  await central.close();
});

const get = (path: string, token: string | null = tok.admin) =>
  fetch(`${central.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('health and declarations', () => {
  it('health needs no token and reports epoch, head and central time', async () => {
    const res = await get('/api/v1/health', null);
    expect(res.status).toBe(200);
    const body = healthBody.parse(await res.json());
    expect(body).toMatchObject({ status: 'ok', epoch: central.log.epoch(), head: central.log.head(), time: at });
  });

  it('serves one declaration, 404 when unknown, 403 outside the scope, 400 for a malformed id', async () => {
    const id = '539120261123000417';
    central.log.put('declaration', { id, port: 'CNYTN', v: 1 }, { key: id, scope: '5391', at });
    central.log.put('declaration', { id, port: 'CNYTN', v: 2 }, { key: id, scope: '5391', at });
    const res = await get(`/api/v1/declarations/${id}`, tok.officer53);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, port: 'CNYTN', v: 2 });
    expect((await get('/api/v1/declarations/429120261123000001')).status).toBe(404);
    const other = '429120261123000001';
    central.log.put('declaration', { id: other }, { key: other, scope: '4291', at });
    expect((await get(`/api/v1/declarations/${other}`, tok.officer53)).status).toBe(403);
    expect((await get(`/api/v1/declarations/${other}`, tok.wall5391)).status).toBe(403);
    expect((await get('/api/v1/declarations/12ab')).status).toBe(400);
    expect((await get(`/api/v1/declarations/${id}`, null)).status).toBe(401);
  });

  it('unknown paths are 404 and wrong methods 405, with JSON errors', async () => {
    for (const path of ['/', '/api/v2/changes', '/api/v1/nothing', '/api/v1/alerts/x']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(errorBody.safeParse(await res.json()).success).toBe(true);
    }
    const post = await fetch(`${central.url}/api/v1/changes`, { method: 'POST', headers: { authorization: `Bearer ${tok.admin}` }, body: '{}' });
    expect(post.status).toBe(405);
  });
});

/** Sends a raw request (fetch would refuse some of these). */
function raw(central: RunningCentral, method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<number> {
  const url = new URL(central.url);
  return new Promise((resolve) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(-1));
    });
    req.on('error', () => resolve(-1));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('robustness', () => {
  it('survives random requests without a 500 or a change to the log', async () => {
    appendPuts(central, 50);
    central.log.put('alert', { id: 'a1', state: 'open', version: 1 }, { key: 'a1', scope: '*', at });
    const head = central.log.head();
    const rows = central.log.countRows();
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['/api/v1/changes', '/api/v1/stream', '/api/v1/alerts/a1/ack', '/api/v1/alerts/%ZZ/ack', '/api/v1/declarations/%E0%A4%A', '/api/v1/health', '/api/v1/alerts/a1/resolve', '/api/v1/declarations/' + '9'.repeat(18)];
    const queries = ['', '?after=1', '?after=-5', '?limit=999999', '?after=0&kinds=%00', '?epoch=' + 'e'.repeat(5000), '?after=18446744073709551616', '?kinds=a,b,c&after=0&limit=1', '?after=0&after=1', '?horizon=-1&after=2'];
    const bodies = ['', '{', '{"by":1}', '{"by":"x","note":null}', '\u0000\u0001', JSON.stringify({ by: 'x', text: 'y'.repeat(10) }), '"\\ud800"', '[]', 'null'];
    const statuses: number[] = [];
    for (let i = 0; i < 150; i++) {
      const method = ['GET', 'POST', 'PUT', 'DELETE'][rnd(4)]!;
      const path = pieces[rnd(pieces.length)]! + queries[rnd(queries.length)]!;
      const headers: Record<string, string> = { authorization: `Bearer ${testTokens[rnd(testTokens.length)]!.token}` };
      if (rnd(3) === 0) headers['idempotency-key'] = `fuzz-${rnd(5)}`;
      if (rnd(5) === 0) headers['last-event-id'] = ['abc', '-1', '5', ''][rnd(4)]!;
      if (path.startsWith('/api/v1/stream') && method === 'GET') continue; // an accepted stream never ends
      statuses.push(await raw(central, method, path, headers, method === 'GET' ? undefined : bodies[rnd(bodies.length)]));
    }
    expect(statuses.every((s) => s > 0 && s < 500)).toBe(true);
    // Fuzzed actions may legitimately act on a1; nothing else may change.
    const changed = central.log.db.prepare("SELECT count(*) AS n FROM log WHERE seq > ? AND kind != 'alert'").get(head) as { n: number };
    expect(changed.n).toBe(0);
    expect(central.log.countRows()).toBeGreaterThanOrEqual(rows);
    expect((await get('/api/v1/health', null)).status).toBe(200);
  });
});

describe('durability', () => {
  it('a restart keeps the epoch and the seq; --reset-epoch rebuilds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'central-test-'));
    try {
      const db = join(dir, 'central.sqlite');
      const first = await startTestCentral({ db });
      appendPuts(first, 20);
      const epoch = first.log.epoch();
      const head = first.log.head();
      await first.close();
      const second = await startTestCentral({ db });
      expect(second.log.epoch()).toBe(epoch);
      expect(second.log.head()).toBe(head);
      appendPuts(second, 1);
      expect(second.log.head()).toBe(head + 1);
      await second.close();
      const third = await startTestCentral({ db, resetEpoch: true });
      expect(third.log.epoch()).not.toBe(epoch);
      expect(third.log.head()).toBeGreaterThan(head + 1);
      expect(third.log.countRows('declaration')).toBe(0);
      expect(third.log.countRows('unit')).toBe(202);
      await third.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('district profile', () => {
  it('serves only its district: other scopes and national tokens get 403', async () => {
    const district = await startTestCentral({ profile: 'district', district: '53' });
    try {
      const res = await fetch(`${district.url}/api/v1/changes`, { headers: { authorization: `Bearer ${tok.officer53}` } });
      expect(res.status).toBe(200);
      await res.text();
      expect((await fetch(`${district.url}/api/v1/changes`, { headers: { authorization: `Bearer ${tok.admin}` } })).status).toBe(403);
      expect(district.log.countRows('unit')).toBe(7);
      expect(district.simulator!.registry.ports.every((p) => p.unit === '53')).toBe(true);
    } finally {
      await district.close();
    }
  });
});
