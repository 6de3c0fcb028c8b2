// GET /api/v1/changes: one NDJSON page streamed from the log in bounded chunks.
import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TokenEntry } from '../../shared/central/wire.js';
import { changeLine } from '../log/centralLog.js';
import { drained } from './backpressure.js';
import type { ServerContext } from './context.js';
import { HttpError } from './httpError.js';
import { checkCursor, parseCursorQuery } from './query.js';

export const defaultPageLimit = 5_000;
export const maxPageLimit = 50_000;
/** Rows read from SQLite per step, and the widest seq range one step scans. */
const chunkRows = 1_000;
const scanSpan = 100_000;
const maxQueuedBytes = 4 * 1024 * 1024;

function parseLimit(text: string | null): number {
  if (text === null || text === '') return defaultPageLimit;
  const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= maxPageLimit)) {
    throw new HttpError(400, 'bad_request', `limit must be an integer from 1 to ${maxPageLimit}, not ${JSON.stringify(text.slice(0, 40))}`);
  }
  return n;
}

export async function serveChanges(ctx: ServerContext, token: TokenEntry, params: URLSearchParams, res: ServerResponse): Promise<void> {
  const q = parseCursorQuery(params);
  const limit = parseLimit(params.get('limit'));
  const { log } = ctx;
  checkCursor(log, q);
  const epoch = log.epoch();
  const horizon = log.horizon();
  // The page ends at the head seen now; later changes belong to the next page.
  const head = log.head();
  const filter = { scope: token.scope, kinds: q.kinds };
  res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
  res.write(`${JSON.stringify({ epoch, after: q.after, horizon, head })}\n`);

  let cursor = q.after;
  let sent = 0;
  while (cursor < head && sent < limit) {
    if (res.destroyed) return;
    // A rebuild or a purge during the page could hide a change from this client: cut
    // the response, so it resumes from what it applied and meets the 410 rule.
    if (log.epoch() !== epoch || log.horizon() !== horizon) {
      res.destroy();
      return;
    }
    const upTo = Math.min(head, cursor + scanSpan);
    const want = Math.min(chunkRows, limit - sent);
    const rows = log.readRange(cursor, upTo, want, filter);
    if (rows.length > 0) {
      res.write(`${rows.map(changeLine).join('\n')}\n`);
      sent += rows.length;
      cursor = rows.length === want ? rows[rows.length - 1]!.seq : upTo;
      // Backpressure with a little slack: waiting for every drain would make the page
      // a ping-pong of small writes; a few MB queued per client is the bound.
      if (res.writableLength > maxQueuedBytes) await drained(res);
      else await nextTurn();
    } else {
      cursor = upTo;
      await nextTurn();
    }
  }
  if (res.destroyed) return;
  res.end(`${JSON.stringify({ next: cursor, more: cursor < log.head() })}\n`);
}
