// Fresh tables for a resync (epoch change or 410): the resync fills resync_* copies of
// the record tables while readers keep seeing the old ones, then one transaction renames
// them into place. The copies are made from the live schema in sqlite_master, so every
// later migration's columns and indexes come along without a second definition.
import type { WritableDB } from './db.js';

/** Tables a resync rebuilds: every record table, ticket search and the aggregates. */
export const resyncedTables = [
  'units',
  'ports',
  'indicator_defs',
  'indicator_samples',
  'rules',
  'watchlist',
  'alerts',
  'declarations',
  'declaration_fts',
  'declaration_stage_counts',
  'declaration_flow_counts',
] as const;

const createTable = /^CREATE (VIRTUAL )?TABLE ("?)(\w+)\2/;
const createIndex = /^CREATE (UNIQUE )?INDEX ("?)(\w+?)(?:__r\w+)?\2 ON ("?)(\w+)\4/;

export function dropResyncTables(db: WritableDB): void {
  db.transaction(() => {
    for (const table of resyncedTables) db.exec(`DROP TABLE IF EXISTS resync_${table}`);
  })();
}

export function createResyncTables(db: WritableDB): void {
  const suffix = `__r${Date.now().toString(36)}`;
  const rows = db
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name IN (${resyncedTables.map(() => '?').join(', ')})`)
    .all(...resyncedTables) as Array<{ type: string; name: string; tbl_name: string; sql: string }>;
  db.transaction(() => {
    for (const table of resyncedTables) db.exec(`DROP TABLE IF EXISTS resync_${table}`);
    for (const row of rows.filter((r) => r.type === 'table')) {
      db.exec(row.sql.replace(createTable, (_m, virtual: string | undefined, _q, name: string) => `CREATE ${virtual ?? ''}TABLE resync_${name}`));
    }
    for (const row of rows.filter((r) => r.type === 'index')) {
      db.exec(
        row.sql.replace(createIndex, (_m, unique: string | undefined, _q, name: string, _q2, table: string) => `CREATE ${unique ?? ''}INDEX ${name}${suffix} ON resync_${table}`),
      );
    }
  })();
}

/**
 * Swaps the filled resync_* tables in and returns the names of the old tables, which the
 * caller drops afterwards in their own transactions (dropping millions of rows inside
 * the swap would hold the writer and the readers' view for seconds). Runs inside the
 * caller's transaction.
 */
export function swapInResyncTables(db: WritableDB): string[] {
  const stale: string[] = [];
  const stamp = Date.now().toString(36);
  for (const table of resyncedTables) {
    const old = `stale_${stamp}_${table}`;
    db.exec(`ALTER TABLE ${table} RENAME TO ${old}`);
    db.exec(`ALTER TABLE resync_${table} RENAME TO ${table}`);
    stale.push(old);
  }
  return stale;
}

/** Tables left by a swap that was interrupted before they were dropped. */
export function staleTables(db: WritableDB): string[] {
  const all = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name GLOB 'stale_*'").all() as Array<{ name: string; sql: string }>;
  // Shadow tables of a stale FTS table go with it; list only the tables that were renamed.
  const virtual = all.filter((t) => t.sql.startsWith('CREATE VIRTUAL')).map((t) => t.name);
  return all.map((t) => t.name).filter((name) => !virtual.some((v) => name.startsWith(`${v}_`)));
}

/**
 * One short step of dropping a stale table: its next index, else a slice of its rows,
 * else the (now empty) table itself. A single DROP TABLE of 2M tickets held the writer
 * for 33 s here (every page goes to the freelist in one transaction); in steps, sync
 * applies changes between them. Returns true once the table is gone.
 */
export function dropStaleTableStep(db: WritableDB, table: string, rows = 2000): boolean {
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined;
  if (!row) return true;
  // A virtual (FTS) table's content lives in shadow tables that only DROP TABLE removes.
  if (row.sql.startsWith('CREATE VIRTUAL')) {
    db.exec(`DROP TABLE "${table}"`);
    return true;
  }
  const index = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL LIMIT 1").get(table) as
    | { name: string }
    | undefined;
  if (index) {
    db.exec(`DROP INDEX "${index.name}"`);
    return false;
  }
  // Rows go by rowid, or by primary key in a WITHOUT ROWID table (samples, aggregates).
  const primaryKey = (db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as Array<{ name: string }>).map((c) => `"${c.name}"`);
  const key = /WITHOUT ROWID\s*$/i.test(row.sql) ? primaryKey.join(', ') : 'rowid';
  const deleted = db.prepare(`DELETE FROM "${table}" WHERE (${key}) IN (SELECT ${key} FROM "${table}" LIMIT ?)`).run(rows).changes;
  if (deleted > 0) return false;
  db.exec(`DROP TABLE "${table}"`);
  return true;
}
