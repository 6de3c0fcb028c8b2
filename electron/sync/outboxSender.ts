// Sends pending officer actions to central in the order they were taken, one at a time,
// and settles each with central's answer (API.md "Officer actions").
import { randomUUID } from 'node:crypto';
import { alertRecord } from '../../shared/central/records.js';
import { type AlertActionKind, alertActionBodies } from '../../shared/central/wire.js';
import type { WritableDB } from '../store/db.js';
import { type OutboxEntry, enqueueAction, nextPending, recordAttempt, settleAction } from '../store/outbox.js';
import { type CentralClient, CentralUnavailableError } from './centralClient.js';
import { keyedTables } from './recordRows.js';

export class OutboxInputError extends Error {
  override name = 'OutboxInputError';
}

export interface OfficerAction {
  alertId: string;
  kind: AlertActionKind;
  by: string;
  note?: string;
  assignee?: string;
  text?: string;
  /** Made when the officer acted; generated here when the caller has none. */
  idempotencyKey?: string;
}

export function enqueueOfficerAction(db: WritableDB, action: OfficerAction, now = Date.now()): OutboxEntry {
  const { kind, alertId, idempotencyKey = randomUUID(), ...rest } = action;
  const parsed = alertActionBodies[kind].safeParse(rest);
  if (!parsed.success) throw new OutboxInputError(`The ${kind} action on alert ${alertId} is incomplete: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (!alertId) throw new OutboxInputError('An officer action needs the alert id');
  return enqueueAction(db, { idempotencyKey, alertId, action: kind, body: parsed.data, createdAt: now });
}

export type SendOutcome = 'sent' | 'idle' | 'unavailable' | 'auth';

/** Replaces the local alert with central's copy when that copy is newer. */
function replaceAlert(db: WritableDB, alert: unknown): void {
  const parsed = alertRecord.safeParse(alert);
  if (!parsed.success) return;
  const data = alert as Record<string, unknown>;
  const spec = keyedTables.alert;
  const row = spec.row(data);
  db.prepare(`UPDATE alerts SET raw = ?, ${spec.columns.map((c) => `${c} = ?`).join(', ')} WHERE key = ? AND version < ?`).run(
    JSON.stringify(data),
    ...spec.columns.map((c) => row[c]),
    parsed.data.id,
    parsed.data.version,
  );
}

/** Sends the oldest pending action. Returns 'idle' when none is left. */
export async function sendNextAction(db: WritableDB, client: CentralClient, signal: AbortSignal, now: () => number = Date.now): Promise<SendOutcome> {
  const entry = nextPending(db);
  if (!entry) return 'idle';
  let response;
  try {
    response = await client.json(`/api/v1/alerts/${encodeURIComponent(entry.alertId)}/${entry.action}`, {
      method: 'POST',
      body: JSON.stringify(entry.body),
      headers: { 'idempotency-key': entry.idempotencyKey },
      signal,
    });
  } catch (error) {
    // Stopping aborts the request; the store may be closing, and the action stays pending.
    if (signal.aborted) return 'unavailable';
    recordAttempt(db, entry.id, error instanceof Error ? error.message : String(error));
    return 'unavailable';
  }
  const body = response.body as { alert?: unknown; error?: { message?: string } } | null;
  const message = body?.error?.message ?? `HTTP ${response.status}`;
  const settle = db.transaction((state: 'applied' | 'superseded' | 'rejected', alert: unknown, error: string | null) => {
    settleAction(db, entry.id, state, now(), alert && typeof alert === 'object' ? (alert as Record<string, unknown>) : null, error);
    if (alert) replaceAlert(db, alert);
  });
  if (response.status === 200) {
    settle('applied', body, null);
    return 'sent';
  }
  if (response.status === 409) {
    settle('superseded', body?.alert ?? null, `someone else acted first: ${message}`);
    return 'sent';
  }
  if (response.status === 401) {
    recordAttempt(db, entry.id, `central rejected the token (401): ${message}`);
    return 'auth';
  }
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    recordAttempt(db, entry.id, new CentralUnavailableError(`central answered ${response.status}: ${message}`).message);
    return 'unavailable';
  }
  // 400, 403, 404, 422: this action can never succeed as sent; keep it visible, stop retrying.
  settle('rejected', null, `central refused the action (${response.status}): ${message}`);
  return 'sent';
}
