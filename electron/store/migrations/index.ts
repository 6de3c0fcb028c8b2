// The ordered list of schema migrations and the runner. `PRAGMA user_version` holds the
// version applied last; each step runs in its own transaction with the version bump.
import type { WritableDB } from '../db.js';
import { migration0001 } from './0001-initial.js';
import { migration0002 } from './0002-outbox.js';
import { migration0003 } from './0003-declarations-seq.js';
import { migration0004 } from './0004-quarantine-seq.js';
import { migration0005 } from './0005-port-status-index.js';
import type { Migration } from './types.js';

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005];
export const latestVersion = migrations.at(-1)?.version ?? 0;

export class StoreVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreVersionError';
  }
}

export function schemaVersion(db: { pragma: WritableDB['pragma'] }): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Applies every migration above the database's version, up to `upTo` (default: all). */
export function runMigrations(db: WritableDB, upTo = latestVersion): number {
  const current = schemaVersion(db);
  if (current > latestVersion) {
    throw new StoreVersionError(
      `The local store has schema version ${current}, newer than this Portwall (${latestVersion}). Use a newer Portwall or a fresh --db file.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > upTo) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
