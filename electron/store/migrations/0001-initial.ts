// Migration 1: the record tables, their indexes, ticket search, the aggregates the map
// reads, the quarantine and the sync cursor.
//
// Conventions every query can rely on (column names are stable; later migrations add,
// never rename):
// - Each record table keeps `raw` (the record's `data` as received, unknown fields
//   included), `seq` (the change that wrote it; a change with seq <= it is ignored),
//   `scope` (the change's scope) and `updated_at` (central's `at` of that change).
// - Every `*_at` column and `bucket` is INTEGER: milliseconds since the Unix epoch (UTC)
//   for `*_at`, whole minutes since the epoch for `bucket`. ISO strings with mixed
//   precision or offsets do not sort as text; integers do.
// - `declarations.id` is the 18-digit ticket id as an integer (it fits in 63 bits), so
//   the table is its own rowid b-tree and the FTS index shares the rowid. Ids are fixed
//   width, so integer order equals the key's byte order; the key is printf('%018d', id).
import type { Migration } from './types.js';

const recordColumns = `
  seq INTEGER NOT NULL,
  scope TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  raw TEXT NOT NULL`;

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  epoch TEXT,
  horizon INTEGER,
  cursor INTEGER NOT NULL DEFAULT 0,   -- highest seq fully read (API.md "cursor")
  head INTEGER,                         -- central's head when last seen
  data_as_of INTEGER,                   -- central's at of the newest applied change
  newest_sample_at INTEGER,             -- newest indicator sample at: central's clock for retention
  resync_epoch TEXT,                    -- set while a resync fills the resync_* tables
  resync_horizon INTEGER,
  resync_cursor INTEGER,
  state TEXT NOT NULL DEFAULT 'connecting',
  last_error TEXT,
  offline_since INTEGER,
  last_contact_at INTEGER,
  central_url TEXT,
  token_scope TEXT
);
INSERT INTO sync_state (id) VALUES (1);

CREATE TABLE units (
  key TEXT PRIMARY KEY, ${recordColumns},
  level INTEGER NOT NULL, parent TEXT, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
  lat REAL NOT NULL, lon REAL NOT NULL
) WITHOUT ROWID;

CREATE TABLE ports (
  key TEXT PRIMARY KEY, ${recordColumns},
  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, type TEXT NOT NULL, unit TEXT NOT NULL,
  lat REAL NOT NULL, lon REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX ports_unit ON ports (unit);

CREATE TABLE indicator_defs (
  key TEXT PRIMARY KEY, ${recordColumns},
  theme TEXT NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, unit TEXT NOT NULL,
  higher_is_worse INTEGER NOT NULL, warn REAL, crit REAL
) WITHOUT ROWID;
CREATE INDEX indicator_defs_theme ON indicator_defs (theme);

CREATE TABLE indicator_samples (
  key TEXT PRIMARY KEY, ${recordColumns},
  indicator TEXT NOT NULL, sample_scope TEXT NOT NULL, at INTEGER NOT NULL, value REAL
) WITHOUT ROWID;
CREATE INDEX indicator_samples_series ON indicator_samples (indicator, sample_scope, at);
CREATE INDEX indicator_samples_at ON indicator_samples (at);

CREATE TABLE rules (
  key TEXT PRIMARY KEY, ${recordColumns},
  version INTEGER NOT NULL, kind TEXT NOT NULL, severity TEXT NOT NULL,
  published_by TEXT NOT NULL, enabled INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE watchlist (
  key TEXT PRIMARY KEY, ${recordColumns},
  entity_type TEXT NOT NULL, entity_key TEXT NOT NULL, reason TEXT NOT NULL,
  added_by TEXT NOT NULL, added_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX watchlist_entity ON watchlist (entity_type, entity_key);

CREATE TABLE alerts (
  key TEXT PRIMARY KEY, ${recordColumns},
  rule TEXT NOT NULL, severity TEXT NOT NULL, alert_scope TEXT NOT NULL,
  subject_kind TEXT NOT NULL, subject_key TEXT NOT NULL, raised_at INTEGER NOT NULL,
  state TEXT NOT NULL, ack_by TEXT, ack_at INTEGER, assignee TEXT, version INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX alerts_state ON alerts (state, raised_at);
CREATE INDEX alerts_severity ON alerts (severity, raised_at);
CREATE INDEX alerts_scope ON alerts (alert_scope, raised_at);
CREATE INDEX alerts_subject ON alerts (subject_kind, subject_key);
CREATE INDEX alerts_raised ON alerts (raised_at);

CREATE TABLE declarations (
  id INTEGER PRIMARY KEY, ${recordColumns},
  direction TEXT NOT NULL,          -- import | export
  port TEXT NOT NULL,
  unit TEXT NOT NULL,
  status TEXT NOT NULL,
  declared_at INTEGER NOT NULL,
  partner_country TEXT NOT NULL,
  enterprise_code TEXT NOT NULL,
  enterprise_name TEXT NOT NULL,
  transport TEXT NOT NULL,
  trade_mode TEXT NOT NULL,
  value_usd REAL NOT NULL,
  risk_score REAL NOT NULL,
  dangerous INTEGER NOT NULL,       -- 1 when data.dangerous is not null
  fts_sig INTEGER NOT NULL          -- hash of the searchable text: skip FTS rewrites when unchanged
);
CREATE INDEX declarations_port ON declarations (port, declared_at);
CREATE INDEX declarations_unit ON declarations (unit, declared_at);
CREATE INDEX declarations_status ON declarations (status, declared_at);
CREATE INDEX declarations_partner ON declarations (partner_country, declared_at);
CREATE INDEX declarations_enterprise ON declarations (enterprise_code, declared_at);
CREATE INDEX declarations_declared ON declarations (declared_at);
CREATE INDEX declarations_dangerous ON declarations (declared_at) WHERE dangerous = 1;

-- Search over tickets. rowid = declarations.id. Han characters are indexed one per token
-- (see store/searchText.ts), so a phrase query finds any substring of a Chinese name.
CREATE VIRTUAL TABLE declaration_fts USING fts5(
  id, enterprise, items, containers,
  content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);

-- Stage entries per minute: one count for each {stage, at} of each ticket, in the
-- minute of that stage's at. "Counts by port and stage in the last N minutes" sums a
-- few thousand rows instead of scanning tickets.
CREATE TABLE declaration_stage_counts (
  bucket INTEGER NOT NULL,
  port TEXT NOT NULL,
  stage TEXT NOT NULL,
  direction TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (bucket, port, stage, direction)
) WITHOUT ROWID;

-- Tickets per minute of declared_at, partner -> port: the flows the map draws.
CREATE TABLE declaration_flow_counts (
  bucket INTEGER NOT NULL,
  partner_country TEXT NOT NULL,
  port TEXT NOT NULL,
  direction TEXT NOT NULL,
  n INTEGER NOT NULL,
  value_usd REAL NOT NULL,
  PRIMARY KEY (bucket, partner_country, port, direction)
) WITHOUT ROWID;

-- Changes this client could not use (API.md): kept with the exact bytes received.
CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,
  epoch TEXT,                           -- the log epoch it came from; status counts the current one
  seq INTEGER,
  kind TEXT,
  reason TEXT NOT NULL,
  raw BLOB NOT NULL
);
`);
  },
};
