import type { WritableDB } from '../db.js';

/** One numbered schema step. Applied once, in order, inside a transaction. */
export interface Migration {
  version: number;
  name: string;
  up: (db: WritableDB) => void;
}
