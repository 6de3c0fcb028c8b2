// Migration 2: the outbox of officer actions. Kept apart from the record tables: it is
// the officer's own data, survives resyncs and restarts, and is never pruned while
// unsettled.
import type { Migration } from './types.js';

export const migration0002: Migration = {
  version: 2,
  name: 'outbox',
  up: (db) => {
    db.exec(`
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,   -- send order
  idempotency_key TEXT NOT NULL UNIQUE,   -- UUID made when the officer acted
  alert_id TEXT NOT NULL,
  action TEXT NOT NULL,                   -- ack | assign | comment | resolve
  body TEXT NOT NULL,                     -- JSON request body
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',  -- pending | applied | superseded | rejected
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  settled_at INTEGER,
  result TEXT                             -- central's alert when settled (200 or 409)
);
CREATE INDEX outbox_state ON outbox (state, id);
CREATE INDEX outbox_alert ON outbox (alert_id, id);
`);
  },
};
