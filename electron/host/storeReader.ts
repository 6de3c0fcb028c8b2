// The host's read handle on the local store, opened on first use once sync has created
// the file (a fresh install has none until the first page is applied).
import { existsSync } from 'node:fs';
import { type ReadableDB, openReadableDb } from '../store/db.js';
import { StoreVersionError } from '../store/migrations/index.js';

export interface StoreReader {
  /** The open read handle, or null while the store does not exist or is not migrated yet. */
  get(): ReadableDB | null;
  close(): void;
}

export function createStoreReader(path: string): StoreReader {
  let db: ReadableDB | null = null;
  return {
    get() {
      if (db) return db;
      if (!existsSync(path)) return null;
      try {
        db = openReadableDb(path);
      } catch (error) {
        // The sync worker migrates the file on start; until then there is nothing to read.
        if (error instanceof StoreVersionError) return null;
        throw error;
      }
      return db;
    },
    close() {
      db?.close();
      db = null;
    },
  };
}
