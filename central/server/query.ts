// Parsing of cursor query parameters and API.md's 410 rule, shared by /changes and /stream.
import { HttpError } from './httpError.js';
import type { CentralLog } from '../log/centralLog.js';

export interface CursorQuery {
  after: number;
  epoch: string | null;
  horizon: number | null;
  kinds: string[] | null;
}

const seqPattern = /^\d{1,16}$/;
const kindPattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export function parseSeq(name: string, value: string): number {
  const n = seqPattern.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) {
    throw new HttpError(400, 'bad_request', `${name} must be a non-negative integer below 2^53, not ${JSON.stringify(value.slice(0, 40))}`);
  }
  return n;
}

/** `after`, `epoch`, `horizon`, `kinds`; `lastEventId` (SSE) wins over `after`. */
export function parseCursorQuery(params: URLSearchParams, lastEventId?: string | null): CursorQuery {
  const afterText = lastEventId ?? params.get('after');
  const after = afterText === null || afterText === '' ? 0 : parseSeq(lastEventId != null ? 'Last-Event-ID' : 'after', afterText);
  const horizonText = params.get('horizon');
  const horizon = horizonText === null || horizonText === '' ? null : parseSeq('horizon', horizonText);
  const epoch = params.get('epoch') || null;
  const kindsText = params.get('kinds');
  let kinds: string[] | null = null;
  if (kindsText !== null) {
    kinds = [...new Set(kindsText.split(',').map((k) => k.trim()).filter(Boolean))];
    const bad = kinds.find((k) => !kindPattern.test(k));
    if (kinds.length === 0 || kinds.length > 32 || bad !== undefined) {
      throw new HttpError(400, 'bad_request', `kinds must be a comma-separated list of record kinds${bad ? `; ${JSON.stringify(bad.slice(0, 40))} is not one` : ''}`);
    }
  }
  return { after, epoch, horizon, kinds };
}

/**
 * API.md: 410 when `after != 0` and the epoch is missing or differs, or when
 * `after < horizon` and the client's horizon differs from it (or is missing).
 */
export function checkCursor(log: CentralLog, q: CursorQuery): void {
  if (q.after === 0) return;
  const epoch = log.epoch();
  const horizon = log.horizon();
  const gone = (message: string) => new HttpError(410, 'resync_required', message, { epoch, horizon });
  if (q.epoch !== epoch) {
    throw gone(q.epoch === null ? 'a cursor needs the epoch it was read under; resync from 0' : `the log was rebuilt (epoch ${epoch}); resync from 0`);
  }
  if (q.after < horizon && q.horizon !== horizon) {
    throw gone(`tombstones up to seq ${horizon} were purged since this cursor was read; resync from 0`);
  }
}
