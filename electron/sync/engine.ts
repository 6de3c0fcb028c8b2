// The sync engine: catch up with /changes, follow /stream, resync on a new epoch or a
// 410, quarantine what cannot be used, send the outbox, prune by age. It is the only
// writer of the store. The app runs it in a worker thread (sync/worker.ts), the CLI in
// its own process: the same code either way.
import type http from 'node:http';
import { type RecordKind, declarationRecord } from '../../shared/central/records.js';
import { type PageHeader, type PageTrailer, pageHeader, pageTrailer } from '../../shared/central/wire.js';
import type { SyncState, SyncStatus } from '../../shared/host/methods/sync.js';
import type { WritableDB } from '../store/db.js';
import type { OutboxEntry } from '../store/outbox.js';
import { createResyncTables, dropStaleTableStep, staleTables, swapInResyncTables } from '../store/resyncTables.js';
import { pruneStep, vacuumStep } from '../store/retention.js';
import { countOutboxPending, countQuarantined, readSyncState, writeSyncState } from '../store/syncState.js';
import { type BatchInput, ChangeApplier, type PageContext } from './applyBatch.js';
import { Backoff } from './backoff.js';
import {
  CentralAuthError,
  CentralClient,
  CentralError,
  CentralGoneError,
  CentralProtocolError,
  CentralUnavailableError,
  CentralUrlError,
} from './centralClient.js';
import { readLines } from './lines.js';
import { type OfficerAction, enqueueOfficerAction, sendNextAction } from './outboxSender.js';
import { type ParseResult, parseChange } from './parseChange.js';
import { readSse } from './sse.js';

export class SyncTimeoutError extends Error {
  override name = 'SyncTimeoutError';
}

export interface EngineLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface EngineOptions {
  db: WritableDB;
  centralUrl: string;
  token: string;
  /**
   * The scope this center is configured for. A store filled for another scope (a wall
   * re-purposed from national to one district) is resynced: central's log for the new
   * token would never delete the other scope's records.
   */
  scope?: string;
  /** Stop once caught up with central's head (CLI `--once`). */
  once?: boolean;
  /** Give up (run() rejects) when central stays unreachable this long; also fail at once on 401/403. */
  timeoutMs?: number;
  pageLimit?: number;
  batchSize?: number;
  /** A live stream silent this long (no change, no ping) is reconnected. */
  idleMs?: number;
  retention?: { ticketDays?: number; sampleDays?: number };
  backoff?: Backoff;
  onStatus?: (status: SyncStatus) => void;
  onDataChanged?: (kinds: RecordKind[]) => void;
  log?: EngineLog;
  now?: () => number;
}

/** Thrown by the page reader when a response ends before its trailer. */
class CutOffError extends CentralUnavailableError {
  override name = 'CutOffError';
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export class SyncEngine {
  private readonly db: WritableDB;
  private readonly client: CentralClient;
  private readonly backoff: Backoff;
  private readonly abort = new AbortController();
  private readonly now: () => number;
  private live: ChangeApplier;
  private resync: ChangeApplier | null = null;
  private state: SyncState = 'connecting';
  private lastError: string | null = null;
  private offlineSince: number | null = null;
  private lastContactAt: number | null = null;
  private quarantined = 0;
  private outboxPending = 0;
  private readonly rate: Array<{ at: number; n: number }> = [];
  private stopped = false;
  private sending = false;
  private wake: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private droppingStale: Promise<void> | null = null;
  private staleAgain = false;

  constructor(private readonly options: EngineOptions) {
    this.db = options.db;
    this.now = options.now ?? Date.now;
    this.client = new CentralClient(options.centralUrl, options.token);
    this.backoff = options.backoff ?? new Backoff();
    this.dropStaleTablesGradually();
    this.live = new ChangeApplier(this.db, 'live', this.now);
    const st = readSyncState(this.db);
    if (st.resync_cursor !== null) {
      // A resync was under way when the process stopped: its tables are still there.
      try {
        this.resync = new ChangeApplier(this.db, 'resync', this.now);
      } catch {
        this.beginResync('resuming an interrupted resync');
      }
    }
    const scope = options.scope;
    if (scope !== undefined && st.token_scope !== null && st.token_scope !== scope) {
      this.beginResync(`the local store was filled for scope ${st.token_scope}, this center is configured for ${scope}: resyncing`);
    }
    if (scope !== undefined) writeSyncState(this.db, { token_scope: scope });
    this.quarantined = countQuarantined(this.db);
    this.outboxPending = countOutboxPending(this.db);
    writeSyncState(this.db, { central_url: this.client.base.origin + this.client.base.pathname.replace(/\/$/, ''), last_error: null });
  }

  /** Runs until stop(), or until caught up with `once`. Rejects on a fatal error. */
  run(): Promise<void> {
    this.running ??= this.loop().finally(() => {
      this.client.close();
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    this.wake?.();
    await this.running?.catch(() => undefined);
    await this.droppingStale;
    this.setState('stopped');
  }

  status(): SyncStatus {
    const st = readSyncState(this.db);
    const now = this.now();
    while (this.rate.length > 0 && (this.rate[0]?.at ?? 0) < now - 5_000) this.rate.shift();
    const recent = this.rate.reduce((sum, r) => sum + r.n, 0);
    const caughtUp = st.head !== null && st.cursor >= st.head;
    return {
      state: this.state,
      centralUrl: st.central_url,
      epoch: st.epoch,
      cursor: st.epoch === null ? null : st.cursor,
      head: st.head,
      dataAsOf: iso(st.data_as_of),
      lagSeconds: st.data_as_of === null ? null : caughtUp && this.state === 'live' ? 0 : Math.max(0, (now - st.data_as_of) / 1000),
      changesPerSecond: Math.round(recent / 5),
      quarantined: this.quarantined,
      outboxPending: this.outboxPending,
      lastError: this.lastError,
      offlineSince: iso(this.offlineSince),
      lastContactAt: iso(this.lastContactAt),
    };
  }

  /** Records an officer action (pending at once) and wakes the sender. */
  act(action: OfficerAction): OutboxEntry {
    const entry = enqueueOfficerAction(this.db, action, this.now());
    this.outboxPending = countOutboxPending(this.db);
    this.emitStatus();
    this.options.onDataChanged?.(['alert']);
    void this.flushOutbox();
    return entry;
  }

  /**
   * One ticket straight from central (API.md GET /declarations/{id}), for tickets older
   * than the local retention window. Null when central does not know it.
   */
  async fetchDeclaration(id: string): Promise<Record<string, unknown> | null> {
    const { status, body } = await this.client.json(`/api/v1/declarations/${encodeURIComponent(id)}`, { signal: this.abort.signal });
    if (status === 404) return null;
    if (status === 403) throw new CentralAuthError(`ticket ${id} is outside this center's scope (403)`, status);
    if (status !== 200) throw new CentralUnavailableError(`central answered ${status} for ticket ${id}`, status);
    const parsed = declarationRecord.safeParse(body);
    if (!parsed.success) throw new CentralProtocolError(`central's copy of ticket ${id} breaks the declaration schema`);
    return body as Record<string, unknown>;
  }

  // ---- main loop ---------------------------------------------------------------------

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let progressed = false;
      try {
        progressed = await this.catchUp();
        this.backoff.reset();
        await this.flushOutbox();
        if (this.options.once) break;
        await this.prune();
        await this.follow();
      } catch (error) {
        if (this.stopped) break;
        if (error instanceof CentralGoneError) {
          this.options.log?.warn(error.message);
          this.beginResync(error.message);
          continue;
        }
        if (error instanceof CentralUrlError) throw error;
        if (error instanceof CentralAuthError) {
          this.lastError = error.message;
          if (this.options.timeoutMs !== undefined) throw error;
        }
        const message = error instanceof Error ? error.message : String(error);
        this.lastError = message;
        if (!(error instanceof CentralError) && !(error instanceof Error && error.name === 'AbortError')) {
          // Not a network condition: a bug or a store failure. Keep retrying, but say so.
          this.options.log?.warn(`sync failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
        }
        if (progressed || error instanceof CutOffError) this.backoff.reset();
        if (!(error instanceof CutOffError) && !(error instanceof StreamEndedError)) this.markOffline();
        writeSyncState(this.db, { last_error: this.lastError });
        if (this.options.timeoutMs !== undefined && this.offlineSince !== null && this.now() - this.offlineSince >= this.options.timeoutMs) {
          throw new SyncTimeoutError(`central at ${this.client.base.origin} still unreachable after ${Math.round(this.options.timeoutMs / 1000)} s: ${message}`);
        }
        this.emitStatus();
        await this.pause(this.backoff.next());
      }
    }
  }

  private async pause(ms: number): Promise<void> {
    if (this.stopped) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = null;
  }

  // ---- catch-up ----------------------------------------------------------------------

  /** Reads pages until central says there is no more. Returns whether anything was read. */
  private async catchUp(): Promise<boolean> {
    let progressed = false;
    for (;;) {
      const target = this.resync ? 'resync' : 'live';
      const st = readSyncState(this.db);
      const cursor = (target === 'resync' ? st.resync_cursor : st.cursor) ?? 0;
      const epoch = target === 'resync' ? st.resync_epoch : st.epoch;
      const horizon = target === 'resync' ? st.resync_horizon : st.horizon;
      const query = new URLSearchParams({ after: String(cursor), limit: String(this.options.pageLimit ?? 50_000) });
      if (cursor > 0 && epoch !== null) {
        query.set('epoch', epoch);
        query.set('horizon', String(horizon ?? 0));
      }
      if (this.state !== 'resyncing' || target !== 'resync') this.setState(target === 'resync' ? 'resyncing' : 'catching-up');
      const res = await this.client.stream(`/api/v1/changes?${query}`, { signal: this.abort.signal, headers: { accept: 'application/x-ndjson' } });
      this.markContact();
      const applier = this.resync ?? this.live;
      const trailer = await this.readPage(res, applier, cursor, epoch);
      progressed = true;
      if (trailer.more) continue;
      if (this.resync) this.finishResync();
      return progressed;
    }
  }

  private async readPage(res: http.IncomingMessage, applier: ChangeApplier, cursor: number, epoch: string | null): Promise<PageTrailer> {
    let header: PageHeader | null = null;
    let trailer: PageTrailer | null = null;
    let items: BatchInput['items'][number][] = [];
    const batchSize = this.options.batchSize ?? 20_000;
    const flush = (next?: number) => {
      if (!header || (items.length === 0 && next === undefined)) return;
      this.applyBatch(applier, { page: header, items, next });
      items = [];
    };
    try {
      for await (const line of readLines(res)) {
        if (line.length === 0 || trailer) continue;
        if (!header) {
          header = this.parseHeader(line, cursor, epoch);
          continue;
        }
        const result = parseChange(line);
        if (!result.ok) {
          const maybeTrailer = result.rejected.parsed as Record<string, unknown> | undefined;
          if (maybeTrailer && !('seq' in maybeTrailer)) {
            const parsed = pageTrailer.safeParse(maybeTrailer);
            if (parsed.success) {
              trailer = parsed.data;
              continue;
            }
          }
        }
        items.push(toItem(result));
        if (items.length >= batchSize) {
          flush();
          // Let the status timer and the outbox run between batches.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    } catch (error) {
      flush();
      if (this.stopped) throw error;
      throw new CutOffError(`the /changes response was cut off (${error instanceof Error ? error.message : String(error)}); resuming from the last applied change`);
    }
    if (!header) throw new CutOffError('the /changes response ended before its header');
    if (!trailer) {
      flush();
      throw new CutOffError('the /changes response ended before its last line; resuming from the last applied change');
    }
    flush(trailer.next);
    return trailer;
  }

  private parseHeader(line: Buffer, cursor: number, epoch: string | null): PageHeader {
    let json: unknown;
    try {
      json = JSON.parse(line.toString('utf8'));
    } catch {
      throw new CentralProtocolError('the first line of a /changes page is not JSON');
    }
    const header = pageHeader.safeParse(json);
    if (!header.success) throw new CentralProtocolError('the first line of a /changes page is not a page header');
    if (cursor > 0 && epoch !== null && header.data.epoch !== epoch) {
      throw new CentralGoneError(`central's log epoch changed from ${epoch} to ${header.data.epoch}; resyncing`, header.data.epoch, header.data.horizon, null);
    }
    return header.data;
  }

  private applyBatch(applier: ChangeApplier, input: BatchInput): void {
    const result = applier.apply(input);
    this.quarantined += result.quarantined;
    if (result.quarantined > 0) this.options.log?.warn(`quarantined ${result.quarantined} change(s) that this client cannot use`);
    if (result.applied > 0) {
      this.rate.push({ at: this.now(), n: result.applied });
      if (applier.target === 'live') this.notifyKinds(result.kinds);
    }
    this.emitStatus();
  }

  // ---- live stream -------------------------------------------------------------------

  private async follow(): Promise<void> {
    const st = readSyncState(this.db);
    const query = new URLSearchParams({ after: String(st.cursor) });
    if (st.epoch !== null) {
      query.set('epoch', st.epoch);
      query.set('horizon', String(st.horizon ?? 0));
    }
    const res = await this.client.stream(`/api/v1/stream?${query}`, {
      signal: this.abort.signal,
      headers: { accept: 'text/event-stream', 'last-event-id': String(st.cursor) },
    });
    this.markContact();
    this.setState('live');
    const page: PageContext = { epoch: st.epoch ?? '', horizon: st.horizon ?? 0, head: st.head ?? 0 };
    const idleMs = this.options.idleMs ?? 45_000;
    let idle = setTimeout(onIdle, idleMs);
    function onIdle() {
      res.destroy(new CentralUnavailableError(`central's live stream was silent for ${idleMs / 1000} s`));
    }
    const touched = (async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        clearTimeout(idle);
        idle = setTimeout(onIdle, idleMs);
        yield chunk;
      }
    })(res);
    let queue: BatchInput['items'][number][] = [];
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      if (queue.length === 0) return;
      const items = queue;
      queue = [];
      for (const item of items) if ('change' in item && item.change.seq > page.head) page.head = item.change.seq;
      this.applyBatch(this.live, { page, items });
      this.lastContactAt = this.now();
    };
    const maintenance = setInterval(() => void this.prune(), 60_000);
    const outbox = setInterval(() => void this.flushOutbox(), 5_000);
    try {
      for await (const event of readSse(readLines(touched))) {
        this.lastContactAt = this.now();
        if (event.event === 'reset') {
          flush();
          throw new CentralGoneError(`central's log epoch changed (${event.data.toString('utf8').slice(0, 200)}); resyncing`, null, null, null);
        }
        if (event.event !== 'change') continue;
        queue.push(toItem(parseChange(event.data)));
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      }
      flush();
    } catch (error) {
      flush();
      if (error instanceof CentralError || this.stopped) throw error;
      throw new CentralUnavailableError(`central's live stream broke off (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      clearTimeout(idle);
      clearInterval(maintenance);
      clearInterval(outbox);
    }
    throw new StreamEndedError('central closed the live stream; reconnecting');
  }

  // ---- resync ------------------------------------------------------------------------

  private beginResync(reason: string): void {
    createResyncTables(this.db);
    writeSyncState(this.db, { resync_cursor: 0, resync_epoch: null, resync_horizon: null, last_error: reason });
    this.resync = new ChangeApplier(this.db, 'resync', this.now);
    this.lastError = reason;
    this.setState('resyncing');
  }

  private finishResync(): void {
    this.db.transaction(() => {
      swapInResyncTables(this.db);
      this.db.exec(`UPDATE sync_state SET epoch = resync_epoch, horizon = resync_horizon, cursor = resync_cursor,
        resync_epoch = NULL, resync_horizon = NULL, resync_cursor = NULL WHERE id = 1`);
    })();
    this.resync = null;
    this.live = new ChangeApplier(this.db, 'live', this.now);
    this.dropStaleTablesGradually();
    this.quarantined = countQuarantined(this.db);
    this.lastError = null;
    this.notifyKinds(new Set(['unit', 'port', 'indicatorDef', 'indicatorSample', 'rule', 'watchlist', 'declaration', 'alert']));
    this.options.log?.info('resync complete: the fresh tables are live');
  }

  /**
   * Drops the tables a resync swapped out, one short step at a time with sync's own work
   * in between (one DROP of 2M tickets held the writer for 33 s). Readers never see them.
   */
  private dropStaleTablesGradually(): void {
    if (this.droppingStale) {
      this.staleAgain = true;
      return;
    }
    const dropping = this.dropStaleTables();
    this.droppingStale = dropping;
    // Attached after the assignment: a run with nothing to drop settles at once.
    void dropping.finally(() => {
      this.droppingStale = null;
      if (this.staleAgain && !this.stopped) {
        this.staleAgain = false;
        this.dropStaleTablesGradually();
      }
    });
  }

  private async dropStaleTables(): Promise<void> {
    try {
      for (;;) {
        if (this.stopped) return;
        const table = staleTables(this.db)[0];
        if (table === undefined) break;
        dropStaleTableStep(this.db, table);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      vacuumStep(this.db, 4096);
    } catch (error) {
      this.options.log?.warn(`could not drop the tables a resync left: ${(error as Error).message}`);
    }
  }

  // ---- outbox, retention, status -----------------------------------------------------

  private async flushOutbox(): Promise<void> {
    if (this.sending || this.stopped) return;
    this.sending = true;
    try {
      for (;;) {
        const outcome = await sendNextAction(this.db, this.client, this.abort.signal, this.now);
        if (outcome !== 'sent') break;
        this.outboxPending = countOutboxPending(this.db);
        this.notifyKinds(new Set(['alert']));
        this.emitStatus();
      }
    } finally {
      // A send aborted by stop() finishes after the store was closed.
      if (this.db.open) this.outboxPending = countOutboxPending(this.db);
      this.sending = false;
    }
  }

  private pruning = false;
  private async prune(): Promise<void> {
    if (this.pruning) return;
    this.pruning = true;
    try {
      let removed = false;
      for (;;) {
        const step = pruneStep(this.db, this.options.retention);
        if (step.tickets > 0 || step.samples > 0) removed = true;
        if (!step.more || this.stopped) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (removed) {
        vacuumStep(this.db);
        this.notifyKinds(new Set(['declaration', 'indicatorSample']));
      }
    } finally {
      this.pruning = false;
    }
  }

  private markContact(): void {
    this.lastContactAt = this.now();
    if (this.offlineSince !== null) {
      this.offlineSince = null;
      this.lastError = null;
      writeSyncState(this.db, { offline_since: null, last_error: null });
    }
    writeSyncState(this.db, { last_contact_at: this.lastContactAt });
    void this.flushOutbox();
  }

  private markOffline(): void {
    if (this.offlineSince === null) {
      this.offlineSince = this.now();
      writeSyncState(this.db, { offline_since: this.offlineSince });
    }
    this.setState('offline');
  }

  private setState(state: SyncState): void {
    if (this.state === state) return;
    this.state = state;
    try {
      writeSyncState(this.db, { state });
    } catch {
      // The store may already be closed while stopping; the in-memory state is enough then.
    }
    this.emitStatus();
  }

  private emitStatus(): void {
    if (this.options.onStatus && this.db.open) this.options.onStatus(this.status());
  }

  private notifyKinds(kinds: Set<RecordKind>): void {
    if (kinds.size > 0) this.options.onDataChanged?.([...kinds]);
  }
}

/** The live stream ended without an error: reconnect soon, not "offline". */
class StreamEndedError extends CentralUnavailableError {
  override name = 'StreamEndedError';
}

function toItem(result: ParseResult): BatchInput['items'][number] {
  return result.ok ? { change: result.change } : { rejected: result.rejected };
}
