// GET /api/v1/stream: server-sent events, one per change, from a cursor on.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TokenEntry } from '../../shared/central/wire.js';
import { changeLine, type ReadFilter } from '../log/centralLog.js';
import { drained } from './backpressure.js';
import type { ServerContext } from './context.js';
import { checkCursor, parseCursorQuery } from './query.js';

const chunkRows = 500;
const scanSpan = 100_000;

/** One connected SSE client: sends what the log gains, in order, nothing twice. */
class SseClient {
  private lastSent: number;
  private pumping = false;
  private again = false;
  private closed = false;
  private readonly unsubscribe: () => void;
  private readonly pingTimer: NodeJS.Timeout;

  constructor(
    private readonly ctx: ServerContext,
    private readonly res: ServerResponse,
    after: number,
    private readonly filter: ReadFilter,
    private readonly epoch: string,
    private readonly onClose: () => void,
  ) {
    this.lastSent = after;
    this.unsubscribe = ctx.log.subscribe({
      onAppend: () => void this.pump(),
      onReset: (newEpoch) => this.end(`event: reset\ndata: ${JSON.stringify({ epoch: newEpoch })}\n\n`),
      // Tombstones this client has not seen may be gone: let it reconnect and meet the 410 rule.
      onHorizon: (horizon) => {
        if (this.lastSent < horizon) this.end();
      },
    });
    this.pingTimer = setInterval(() => this.write(': ping\n\n'), ctx.pingIntervalMs);
    this.pingTimer.unref();
    res.on('close', () => this.end());
  }

  start(): void {
    this.write(': connected\n\n');
    void this.pump();
  }

  end(lastWords?: string): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pingTimer);
    this.unsubscribe();
    if (!this.res.destroyed && !this.res.writableEnded) this.res.end(lastWords);
    this.onClose();
  }

  private write(text: string): boolean {
    if (this.closed || this.res.destroyed) return true;
    return this.res.write(text);
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        const { log } = this.ctx;
        while (!this.closed && log.epoch() === this.epoch && this.lastSent < log.head()) {
          // Bounded steps: a sparse filter over a long log must not block the server.
          const upTo = Math.min(log.head(), this.lastSent + scanSpan);
          const rows = log.readRange(this.lastSent, upTo, chunkRows, this.filter);
          if (rows.length > 0) {
            let text = '';
            for (const row of rows) text += `id: ${row.seq}\nevent: change\ndata: ${changeLine(row)}\n\n`;
            this.lastSent = rows[rows.length - 1]!.seq;
            if (!this.write(text)) {
              await drained(this.res);
              continue;
            }
          }
          // A short read scanned everything up to `upTo`: the rest there is not for this client.
          if (rows.length < chunkRows) this.lastSent = Math.max(this.lastSent, upTo);
          await nextTurn();
        }
      } while (this.again && !this.closed);
    } finally {
      this.pumping = false;
    }
  }
}

export class StreamHub {
  private readonly clients = new Set<SseClient>();

  constructor(private readonly ctx: ServerContext) {}

  serve(token: TokenEntry, params: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
    const lastEventId = req.headers['last-event-id'];
    const q = parseCursorQuery(params, typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : null);
    checkCursor(this.ctx.log, q);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    const client = new SseClient(this.ctx, res, q.after, { scope: token.scope, kinds: q.kinds }, this.ctx.log.epoch(), () =>
      this.clients.delete(client),
    );
    this.clients.add(client);
    client.start();
  }

  get size(): number {
    return this.clients.size;
  }

  closeAll(): void {
    for (const c of [...this.clients]) c.end();
  }
}
