// POST /api/v1/alerts/{id}/ack|assign|comment|resolve: officer actions, idempotent per
// token and Idempotency-Key; every accepted action is a new `alert` put in the log.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { alertRecord, type AlertRecord } from '../../shared/central/records.js';
import { alertActionBodies, type AlertActionKind, type TokenEntry } from '../../shared/central/wire.js';
import { readJsonBody } from './body.js';
import type { ServerContext } from './context.js';
import { HttpError } from './httpError.js';
import { scopeCovers } from './scope.js';

export interface ActionResult {
  status: number;
  body: string;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type ActionBody = { by: string; note?: string; assignee?: string; text?: string };

/** The alert after `action`, or the reason the action no longer applies. */
function applyAction(alert: AlertRecord, action: AlertActionKind, body: ActionBody, at: string): AlertRecord | string {
  if (alert.state === 'resolved') return `alert ${alert.id} was resolved at version ${alert.version}; no further action applies`;
  const next: AlertRecord = { ...alert, comments: [...alert.comments], version: alert.version + 1 };
  const note = body.note ?? '';
  switch (action) {
    case 'ack':
      if (alert.state !== 'open') return `alert ${alert.id} was already acknowledged by ${alert.ackBy ?? 'someone'} at ${alert.ackAt ?? 'an unknown time'}`;
      next.state = 'acknowledged';
      next.ackBy = body.by;
      next.ackAt = at;
      if (note) next.comments.push({ by: body.by, at, text: note });
      break;
    case 'assign':
      next.assignee = body.assignee ?? null;
      break;
    case 'comment':
      next.comments.push({ by: body.by, at, text: body.text ?? '' });
      break;
    case 'resolve':
      next.state = 'resolved';
      if (note) next.comments.push({ by: body.by, at, text: note });
      break;
  }
  return next;
}

export async function serveAlertAction(
  ctx: ServerContext,
  token: TokenEntry,
  alertId: string,
  action: AlertActionKind,
  req: IncomingMessage,
): Promise<ActionResult> {
  if (token.role === 'wall') throw new HttpError(403, 'forbidden', `token ${token.name} is a wall token and may not act on alerts`);
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
    throw new HttpError(400, 'bad_request', 'officer actions need an Idempotency-Key header (1..200 characters), made when the officer acted');
  }
  const parsed = alertActionBodies[action].safeParse(await readJsonBody(req));
  if (!parsed.success) throw new HttpError(400, 'invalid_body', `${action} body: ${z.prettifyError(parsed.error)}`);
  // API.md: strings on the wire are valid Unicode; a lone surrogate would poison the log.
  if (Object.values(parsed.data).some((v) => typeof v === 'string' && loneSurrogate.test(v))) {
    throw new HttpError(400, 'invalid_body', `${action} body: text must be valid Unicode (a lone surrogate was sent)`);
  }
  const body = parsed.data as ActionBody;
  const { log } = ctx;
  const findKey = log.db.prepare('SELECT action, alert, status, body FROM idempotency WHERE token = ? AND key = ?');
  const saveKey = log.db.prepare('INSERT INTO idempotency (token, key, action, alert, status, body) VALUES (?, ?, ?, ?, ?, ?)');

  // Synchronous from here on: the check, the log append and the key are one transaction.
  return log.batch(() => {
    const row = log.latest('alert', alertId);
    if (!row || row.op !== 'put' || row.data === null) throw new HttpError(404, 'not_found', `no alert ${alertId}`);
    if (!scopeCovers(token.scope, row.scope)) throw new HttpError(403, 'forbidden', `alert ${alertId} is outside scope ${token.scope}`);
    const earlier = findKey.get(token.token, key) as { action: string; alert: string; status: number; body: string } | undefined;
    if (earlier) {
      if (earlier.action !== action || earlier.alert !== alertId) {
        throw new HttpError(422, 'idempotency_key_reused', `Idempotency-Key ${key} was used for ${earlier.action} on ${earlier.alert}; make a new key for a new action`);
      }
      return { status: earlier.status, body: earlier.body };
    }
    const current = alertRecord.parse(JSON.parse(row.data));
    const at = ctx.clock().toISOString();
    const next = applyAction(current, action, body, at);
    let result: ActionResult;
    if (typeof next === 'string') {
      result = { status: 409, body: new HttpError(409, 'conflict', next, { alert: current }).body() };
    } else {
      log.put('alert', next, { key: alertId, scope: row.scope, at });
      result = { status: 200, body: JSON.stringify(next) };
    }
    saveKey.run(token.token, key, action, alertId, result.status, result.body);
    return result;
  });
}
