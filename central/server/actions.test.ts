// Contract tests of the officer actions (API.md, "Officer actions").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertRecord, type AlertRecord } from '../../shared/central/records.js';
import { errorBody } from '../../shared/central/wire.js';
import { newAlert } from '../../shared/rules/alertDraft.js';
import type { RunningCentral } from '../index.js';
import { at, startTestCentral, tok } from '../testing/fixture.js';

let central: RunningCentral;
beforeEach(async () => {
  central = await startTestCentral();
  for (const [id, scope] of [['a-53', '5391'], ['a-42', '4291'], ['a-nat', '*']] as const) {
    const alert = newAlert({ id, rule: 'thr.test', severity: 'warning', scope, subject: { kind: 'indicator', key: `x@${scope}` }, raisedAt: at, message: { zh: '测试', en: 'test' } });
    central.log.put('alert', alert, { key: id, scope, at });
  }
});
afterEach(async () => {
  await central.close();
});

let keys = 0;
async function act(id: string, action: string, body: unknown, token = tok.officer, key: string | null = `key-${++keys}`) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  if (key !== null) headers['idempotency-key'] = key;
  const res = await fetch(`${central.url}/api/v1/alerts/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Record<string, unknown> };
}

const stored = (id: string) => alertRecord.parse(JSON.parse(central.log.latest('alert', id)!.data!));

describe('officer actions', () => {
  it('ack returns the alert after the action and appends an alert put', async () => {
    const head = central.log.head();
    const r = await act('a-53', 'ack', { by: 'officer.li', note: 'on it' });
    expect(r.status).toBe(200);
    const alert = alertRecord.parse(r.json);
    expect(alert).toMatchObject({ state: 'acknowledged', ackBy: 'officer.li', version: 2 });
    expect(alert.ackAt).not.toBeNull();
    expect(alert.comments.map((c) => c.text)).toEqual(['on it']);
    expect(central.log.head()).toBe(head + 1);
    expect(stored('a-53')).toEqual(alert);
  });

  it('replaying the same Idempotency-Key returns the same result and changes nothing', async () => {
    const first = await act('a-53', 'comment', { by: 'officer.li', text: 'called the port' }, tok.officer, 'same-key');
    const head = central.log.head();
    const again = await act('a-53', 'comment', { by: 'officer.li', text: 'called the port' }, tok.officer, 'same-key');
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(central.log.head()).toBe(head);
    expect(stored('a-53').comments).toHaveLength(1);
    // Keys are per token: another officer with the same key acts for itself.
    const other = await act('a-53', 'comment', { by: 'officer.wang', text: 'me too' }, tok.officer53, 'same-key');
    expect(other.status).toBe(200);
    expect(stored('a-53').comments).toHaveLength(2);
  });

  it('the same key with another action or alert is 422', async () => {
    await act('a-53', 'ack', { by: 'a' }, tok.officer, 'k-422');
    const otherAction = await act('a-53', 'comment', { by: 'a', text: 't' }, tok.officer, 'k-422');
    expect(otherAction.status).toBe(422);
    expect(errorBody.parse(otherAction.json).error.code).toBe('idempotency_key_reused');
    expect((await act('a-nat', 'ack', { by: 'a' }, tok.officer, 'k-422')).status).toBe(422);
  });

  it('409 with the current alert when the action no longer applies, also replayed as 409', async () => {
    await act('a-53', 'ack', { by: 'first' });
    const second = await act('a-53', 'ack', { by: 'second' }, tok.officer, 'late-ack');
    expect(second.status).toBe(409);
    const current = alertRecord.parse(second.json.alert) as AlertRecord;
    expect(current).toMatchObject({ state: 'acknowledged', ackBy: 'first' });
    expect(errorBody.parse(second.json).error.message).toMatch(/first/);
    expect((await act('a-53', 'ack', { by: 'second' }, tok.officer, 'late-ack')).text).toBe(second.text);
    expect((await act('a-53', 'resolve', { by: 'first', note: 'done' })).status).toBe(200);
    for (const [action, body] of [['comment', { by: 'x', text: 'late' }], ['assign', { by: 'x', assignee: 'y' }], ['resolve', { by: 'x' }], ['ack', { by: 'x' }]] as const) {
      const r = await act('a-53', action, body);
      expect(r.status, action).toBe(409);
      expect(alertRecord.parse(r.json.alert).state).toBe('resolved');
    }
  });

  it('assign and comment keep the state and bump the version', async () => {
    const a = await act('a-nat', 'assign', { by: 'chief', assignee: 'officer.zhao' });
    expect(alertRecord.parse(a.json)).toMatchObject({ assignee: 'officer.zhao', state: 'open', version: 2 });
    const c = await act('a-nat', 'comment', { by: 'officer.zhao', text: 'checking' });
    expect(alertRecord.parse(c.json)).toMatchObject({ version: 3, comments: [{ by: 'officer.zhao', text: 'checking' }] });
  });

  it('403 for a wall token or an alert outside the token scope; 404 for an unknown alert', async () => {
    const wall = await act('a-53', 'ack', { by: 'w' }, tok.wall);
    expect(wall.status).toBe(403);
    expect((await act('a-42', 'ack', { by: 'o' }, tok.officer53)).status).toBe(403);
    expect((await act('a-53', 'ack', { by: 'o' }, tok.officer53)).status).toBe(200);
    expect((await act('a-nat', 'comment', { by: 'o', text: 'national alerts are everyone’s' }, tok.officer53)).status).toBe(200);
    expect((await act('no-such-alert', 'ack', { by: 'o' })).status).toBe(404);
    expect((await act('a-53', 'ack', { by: 'o' }, 'unknown-token-xxxxxxxx')).status).toBe(401);
  });

  it('rejects bad requests with 400 and changes nothing', async () => {
    const head = central.log.head();
    expect((await act('a-53', 'ack', { by: 'o' }, tok.officer, null)).status).toBe(400);
    expect((await act('a-53', 'ack', '{not json')).status).toBe(400);
    expect((await act('a-53', 'ack', '')).status).toBe(400);
    expect((await act('a-53', 'ack', { note: 'no by' })).status).toBe(400);
    expect((await act('a-53', 'comment', { by: 'o', text: '' })).status).toBe(400);
    expect((await act('a-53', 'assign', { by: 'o' })).status).toBe(400);
    expect((await act('a-53', 'ack', [1, 2])).status).toBe(400);
    expect((await act('a-53', 'comment', '{"by":"o","text":"bad \\ud800 text"}')).status).toBe(400);
    expect((await act('a-53', 'ack', { by: 'o', note: 'x'.repeat(70_000) })).status).toBe(413);
    expect((await act('a-53', 'escalate', { by: 'o' })).status).toBe(404);
    const get = await fetch(`${central.url}/api/v1/alerts/a-53/ack`, { headers: { authorization: `Bearer ${tok.officer}` } });
    expect(get.status).toBe(405);
    expect(central.log.head()).toBe(head);
  });
});
