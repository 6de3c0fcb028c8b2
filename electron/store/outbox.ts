// The outbox of officer actions (migration 2). Written by the sync worker only: the host
// asks the worker to enqueue, the worker sends in order and settles with central's answer.
import type { AlertActionKind } from '../../shared/central/wire.js';
import type { ReadableDB, WritableDB } from './db.js';

export type OutboxState = 'pending' | 'applied' | 'superseded' | 'rejected';

export interface OutboxEntry {
  id: number;
  idempotencyKey: string;
  alertId: string;
  action: AlertActionKind;
  body: Record<string, unknown>;
  createdAt: number;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  settledAt: number | null;
  /** Central's alert when settled (after a 200 or a 409). */
  result: Record<string, unknown> | null;
}

interface OutboxRow {
  id: number;
  idempotency_key: string;
  alert_id: string;
  action: AlertActionKind;
  body: string;
  created_at: number;
  state: OutboxState;
  attempts: number;
  last_error: string | null;
  settled_at: number | null;
  result: string | null;
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    alertId: row.alert_id,
    action: row.action,
    body: JSON.parse(row.body) as Record<string, unknown>,
    createdAt: row.created_at,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    settledAt: row.settled_at,
    result: row.result === null ? null : (JSON.parse(row.result) as Record<string, unknown>),
  };
}

export interface NewAction {
  idempotencyKey: string;
  alertId: string;
  action: AlertActionKind;
  body: Record<string, unknown>;
  createdAt: number;
}

/** Records an action; the same idempotency key twice keeps the first (a retried call). */
export function enqueueAction(db: WritableDB, action: NewAction): OutboxEntry {
  db.prepare(
    `INSERT INTO outbox (idempotency_key, alert_id, action, body, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(idempotency_key) DO NOTHING`,
  ).run(action.idempotencyKey, action.alertId, action.action, JSON.stringify(action.body), action.createdAt);
  return toEntry(db.prepare('SELECT * FROM outbox WHERE idempotency_key = ?').get(action.idempotencyKey) as OutboxRow);
}

export function nextPending(db: ReadableDB): OutboxEntry | null {
  const row = db.prepare("SELECT * FROM outbox WHERE state = 'pending' ORDER BY id LIMIT 1").get() as OutboxRow | undefined;
  return row ? toEntry(row) : null;
}

export function outboxForAlerts(db: ReadableDB, alertIds: readonly string[]): Map<string, OutboxEntry[]> {
  const result = new Map<string, OutboxEntry[]>();
  if (alertIds.length === 0) return result;
  const stmt = db.prepare('SELECT * FROM outbox WHERE alert_id = ? ORDER BY id');
  for (const id of alertIds) {
    const rows = (stmt.all(id) as OutboxRow[]).map(toEntry);
    if (rows.length > 0) result.set(id, rows);
  }
  return result;
}

export function recordAttempt(db: WritableDB, id: number, error: string): void {
  db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?').run(error, id);
}

/**
 * Settles an action with central's answer. A returned alert newer than the local copy
 * replaces it at once (the change log brings the same record later with its seq).
 */
export function settleAction(db: WritableDB, id: number, state: Exclude<OutboxState, 'pending'>, at: number, result: Record<string, unknown> | null, error: string | null): void {
  db.prepare('UPDATE outbox SET state = ?, settled_at = ?, result = ?, last_error = ?, attempts = attempts + 1 WHERE id = ?').run(
    state,
    at,
    result === null ? null : JSON.stringify(result),
    error,
    id,
  );
}
