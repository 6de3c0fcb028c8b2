// SQLite layout of central's change log. One row per change; `data` is the raw JSON of
// a put (NULL for a del) so pages are streamed without re-serialising records.
export const schemaSql = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS log (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  scope TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('put', 'del')),
  at TEXT NOT NULL,
  data TEXT
);
-- Compaction looks up older changes of the same record.
CREATE INDEX IF NOT EXISTS log_kind_key ON log (kind, key, seq);
-- Tombstones are few; a partial index lets retention find them without a scan.
CREATE INDEX IF NOT EXISTS log_dels ON log (at) WHERE op = 'del';
-- Officer actions already answered, per token and Idempotency-Key.
CREATE TABLE IF NOT EXISTS idempotency (
  token TEXT NOT NULL,
  key TEXT NOT NULL,
  action TEXT NOT NULL,
  alert TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (token, key)
);
`;
