// The read handle every store-backed handler needs, or a clear "not yet" for the renderer.
import { HostError } from '../../../shared/host/errors.js';
import type { ReadableDB } from '../../store/db.js';
import { BadCursorError } from '../../store/queries/alerts.js';

export function requireStore(readStore: () => ReadableDB | null): () => ReadableDB {
  return () => {
    const handle = readStore();
    if (!handle) throw new HostError('unavailable', 'The local store is not open yet: it fills in once sync has written its first data');
    return handle;
  };
}

/** A paging cursor the renderer kept from another store (after a resync) is bad input. */
export function withCursorCheck<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof BadCursorError) throw new HostError('bad-input', error.message);
    throw error;
  }
}
