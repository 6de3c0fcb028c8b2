// Migration 4: quarantine rows by seq. A line read again after a cut connection is
// looked up before it is quarantined a second time.
import type { Migration } from './types.js';

export const migration0004: Migration = {
  version: 4,
  name: 'quarantine-seq',
  up: (db) => {
    db.exec('CREATE INDEX quarantine_seq ON quarantine (seq)');
  },
};
