// Opening the local store. Two handle types: the writable one exists only in the sync
// worker (and the CLI's sync command); everything else gets a read-only handle, opened
// read-only by SQLite too. A function that writes takes a WritableDB, so calling it
// from a read path does not type-check.
import Database from 'better-sqlite3';
import { StoreVersionError, latestVersion, runMigrations, schemaVersion } from './migrations/index.js';

declare const readableBrand: unique symbol;
declare const writableBrand: unique symbol;
export type ReadableDB = Database.Database & { readonly [readableBrand]: true };
export type WritableDB = ReadableDB & { readonly [writableBrand]: true };

export class StoreOpenError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}

export interface OpenWritableOptions {
  /** Stop at this schema version (tests of upgrades). */
  migrateTo?: number;
}

export function openWritableDb(path: string, options: OpenWritableOptions = {}): WritableDB {
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw new StoreOpenError(`Cannot open the local store ${path}: ${(error as Error).message}`, { cause: error });
  }
  const fresh = schemaVersion(db) === 0 && db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number };
  // The file is bounded by incremental vacuum after pruning; auto_vacuum can only be
  // chosen before the first table exists.
  if (fresh && fresh.n === 0) db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // The writer touches pages all over the indexes in every batch: a 256 MB cache and a
  // ~40 MB WAL between checkpoints made catch-up of a 6-hour national backlog 2.5x faster.
  db.pragma('cache_size = -262144');
  db.pragma('wal_autocheckpoint = 10000');
  const writable = db as WritableDB;
  runMigrations(writable, options.migrateTo);
  return writable;
}

export function openReadableDb(path: string): ReadableDB {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new StoreOpenError(`Cannot open the local store ${path} for reading: ${(error as Error).message}`, { cause: error });
  }
  db.pragma('busy_timeout = 5000');
  const version = schemaVersion(db);
  if (version < latestVersion) {
    db.close();
    throw new StoreVersionError(`The local store ${path} has schema version ${version}; start sync once to upgrade it to ${latestVersion}.`);
  }
  return db as ReadableDB;
}
