// Every local record of one kind, sorted by key in BINARY (UTF-8 byte) order, with the
// data as received. Declarations are keyed by their integer id; their fixed 18-digit
// width makes integer order the key's byte order.
import { type RecordKind, recordKinds } from '../../../shared/central/records.js';
import type { ReadableDB } from '../db.js';

export const exportTables: Record<RecordKind, string> = {
  unit: 'units',
  port: 'ports',
  indicatorDef: 'indicator_defs',
  indicatorSample: 'indicator_samples',
  rule: 'rules',
  watchlist: 'watchlist',
  declaration: 'declarations',
  alert: 'alerts',
};

export function isRecordKind(kind: string): kind is RecordKind {
  return (recordKinds as string[]).includes(kind);
}

export function* exportRecords(db: ReadableDB, kind: RecordKind): Generator<{ key: string; raw: string }> {
  const sql =
    kind === 'declaration'
      ? "SELECT printf('%018d', id) AS key, raw FROM declarations ORDER BY id"
      : `SELECT key, raw FROM ${exportTables[kind]} ORDER BY key`;
  yield* db.prepare(sql).iterate() as Iterable<{ key: string; raw: string }>;
}

export function countRecords(db: ReadableDB): Record<RecordKind, number> {
  const counts = {} as Record<RecordKind, number>;
  for (const kind of recordKinds) {
    counts[kind] = (db.prepare(`SELECT count(*) AS n FROM ${exportTables[kind]}`).get() as { n: number }).n;
  }
  return counts;
}
