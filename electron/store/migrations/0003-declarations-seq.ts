// Migration 3: declarations by the seq of the change that wrote them. The map asks for
// "declarations written after seq N" every couple of seconds (particles for new tickets
// and stage changes); without this index that is a scan of every ticket.
import type { Migration } from './types.js';

export const migration0003: Migration = {
  version: 3,
  name: 'declarations-seq',
  up: (db) => {
    db.exec('CREATE INDEX declarations_seq ON declarations (seq)');
  },
};
