// Retention: tickets older than a window (default 30 days) and indicator samples older
// than 8 days, both measured on central's clock (the newest `at` seen), pruned a few
// hundred rows per transaction so the writer is never held long. Freed pages go back
// to the OS through incremental vacuum (the store uses auto_vacuum=INCREMENTAL).
import type { WritableDB } from './db.js';

export const day = 86_400_000;

export interface RetentionOptions {
  ticketDays?: number;
  sampleDays?: number;
  batch?: number;
}

export interface PruneStep {
  tickets: number;
  samples: number;
  buckets: number;
  /** More rows are due: call again (after yielding to other work). */
  more: boolean;
}

export function pruneStep(db: WritableDB, { ticketDays = 30, sampleDays = 8, batch = 500 }: RetentionOptions = {}): PruneStep {
  const clock = db.prepare('SELECT data_as_of, newest_sample_at FROM sync_state WHERE id = 1').get() as {
    data_as_of: number | null;
    newest_sample_at: number | null;
  };
  return db.transaction((): PruneStep => {
    let tickets = 0;
    let samples = 0;
    let buckets = 0;
    if (clock.data_as_of) {
      const cutoff = clock.data_as_of - ticketDays * day;
      const ids = db.prepare('SELECT id FROM declarations WHERE declared_at < ? ORDER BY declared_at LIMIT ?').pluck().safeIntegers().all(cutoff, batch) as bigint[];
      const del = db.prepare('DELETE FROM declarations WHERE id = ?');
      const ftsDel = db.prepare('DELETE FROM declaration_fts WHERE rowid = ?');
      for (const id of ids) {
        del.run(id);
        ftsDel.run(id);
      }
      tickets = ids.length;
      const bucket = Math.floor(cutoff / 60_000);
      // The aggregates are keyed by minute first: drop at most ten minutes per step.
      for (const table of ['declaration_stage_counts', 'declaration_flow_counts']) {
        buckets += db.prepare(`DELETE FROM ${table} WHERE bucket < min(?, (SELECT min(bucket) FROM ${table}) + 10)`).run(bucket).changes;
      }
    }
    if (clock.newest_sample_at) {
      const cutoff = clock.newest_sample_at - sampleDays * day;
      samples = db.prepare('DELETE FROM indicator_samples WHERE key IN (SELECT key FROM indicator_samples WHERE at < ? LIMIT ?)').run(cutoff, batch).changes;
    }
    return { tickets, samples, buckets, more: tickets === batch || samples === batch || buckets > 0 };
  })();
}

/** Returns up to `pages` free pages to the file system; a no-op when none are free. */
export function vacuumStep(db: WritableDB, pages = 512): number {
  const free = Number(db.pragma('freelist_count', { simple: true }));
  if (free > 0) db.pragma(`incremental_vacuum(${pages})`);
  return free;
}
