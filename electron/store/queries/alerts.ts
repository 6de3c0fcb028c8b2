// Alert lists for the duty desk, newest first, keyset-paged on (raised_at, key).
import type { AlertRecord } from '../../../shared/central/records.js';
import type { AlertView, OutboxView } from '../../../shared/host/methods/alerts.js';
import { applyPending } from '../alertPreview.js';
import type { ReadableDB } from '../db.js';
import { type OutboxEntry, outboxForAlerts } from '../outbox.js';
import { timed } from './slowQuery.js';

export interface AlertQuery {
  state?: string[];
  severity?: string[];
  scope?: string;
  pending?: boolean;
  subject?: { kind: string; key: string };
  limit: number;
  cursor?: string;
}

export class BadCursorError extends Error {
  override name = 'BadCursorError';
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function outboxView(entry: OutboxEntry): OutboxView {
  return {
    idempotencyKey: entry.idempotencyKey,
    alertId: entry.alertId,
    action: entry.action,
    body: entry.body,
    createdAt: new Date(entry.createdAt).toISOString(),
    state: entry.state,
    lastError: entry.lastError,
    settledAt: iso(entry.settledAt),
    result: entry.result,
  };
}

/** Builds the desk's view of alerts from their stored rows and their outbox entries. */
export function alertViews(db: ReadableDB, rows: ReadonlyArray<{ key: string; raw: string }>): AlertView[] {
  const outbox = outboxForAlerts(
    db,
    rows.map((r) => r.key),
  );
  return rows.map((row) => {
    const entries = (outbox.get(row.key) ?? []).filter((e) => e.state !== 'applied');
    const alert = JSON.parse(row.raw) as AlertRecord;
    return { alert: applyPending(alert, entries), pending: entries.some((e) => e.state === 'pending'), actions: entries.map(outboxView) };
  });
}

export function listAlerts(db: ReadableDB, query: AlertQuery): { items: AlertView[]; nextCursor: string | null } {
  return timed('alerts.list', () => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.state) {
      where.push(`state IN (${query.state.map(() => '?').join(', ')})`);
      params.push(...query.state);
    }
    if (query.severity) {
      where.push(`severity IN (${query.severity.map(() => '?').join(', ')})`);
      params.push(...query.severity);
    }
    if (query.scope && query.scope !== '*') {
      where.push('(alert_scope = ? OR alert_scope GLOB ?)');
      params.push(query.scope, `${query.scope}*`);
    }
    if (query.subject) {
      where.push('subject_kind = ? AND subject_key = ?');
      params.push(query.subject.kind, query.subject.key);
    }
    if (query.pending) where.push("key IN (SELECT alert_id FROM outbox WHERE state = 'pending')");
    if (query.cursor) {
      const match = /^(\d+):(.+)$/s.exec(query.cursor);
      if (!match) throw new BadCursorError('the alert list cursor is not one this host made');
      where.push('(raised_at < ? OR (raised_at = ? AND key < ?))');
      params.push(Number(match[1]), Number(match[1]), match[2]);
    }
    const sql = `SELECT key, raw, raised_at FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY raised_at DESC, key DESC LIMIT ?`;
    const rows = db.prepare(sql).all(...params, query.limit + 1) as Array<{ key: string; raw: string; raised_at: number }>;
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: alertViews(db, page), nextCursor: rows.length > query.limit && last ? `${last.raised_at}:${last.key}` : null };
  });
}
