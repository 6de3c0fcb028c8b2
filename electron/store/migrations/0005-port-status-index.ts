// Migration 5: the port index also holds the status, so a port's tickets counted by stage
// over the last hours (the port's pipeline above its ticket list) come from the index
// alone. At 10M tickets that query read one table row per ticket: p95 125 ms.
// A store that went through a resync has its indexes renamed with a __r suffix (see
// resyncTables.ts), and a resync under way has its own copy: each is rebuilt in place.
import type { Migration } from './types.js';

export const migration0005: Migration = {
  version: 5,
  name: 'port-status-index',
  up: (db) => {
    const indexes = db
      .prepare(
        `SELECT name, tbl_name AS tableName FROM sqlite_master WHERE type = 'index'
         AND tbl_name IN ('declarations', 'resync_declarations') AND (name = 'declarations_port' OR name GLOB 'declarations_port__r*')`,
      )
      .all() as Array<{ name: string; tableName: string }>;
    for (const { name, tableName } of indexes) {
      db.exec(`DROP INDEX "${name}"`);
      db.exec(`CREATE INDEX "${name}" ON ${tableName} (port, declared_at, status)`);
    }
  },
};
