// Central's totally ordered change log (API.md, "The change log"), durable in SQLite.
// Nothing here holds the log in memory: pages are read in bounded chunks by seq range.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { scopeCode } from '../../shared/central/records.js';
import { schemaSql } from './schema.js';

export type ChangeOp = 'put' | 'del';

/** One stored change; `data` is the raw JSON text of a put. */
export interface LogRow {
  seq: number;
  kind: string;
  key: string;
  scope: string;
  op: ChangeOp;
  at: string;
  data: string | null;
}

export interface AppendInput {
  kind: string;
  key: string;
  scope: string;
  at: string;
  op: ChangeOp;
  /** The record of a put (serialised here); ignored for a del. */
  data?: unknown;
  /** The record of a put already serialised (wins over `data`). */
  json?: string;
}

/** Which rows a reader may see: a token's scope and an optional kinds filter. */
export interface ReadFilter {
  scope: string;
  kinds?: readonly string[] | null;
}

export interface LogListener {
  /** New changes were committed; `head` is the newest seq. */
  onAppend?(head: number): void;
  /** The log was rebuilt under a new epoch. */
  onReset?(epoch: string): void;
  /** Tombstones were purged and the horizon moved. */
  onHorizon?(horizon: number): void;
}

export class LogInputError extends Error {
  override name = 'LogInputError';
}

const isoTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function newEpochId(): string {
  return `${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
}

/** The JSON line of one change as sent on /changes and in SSE `data:` fields. */
export function changeLine(row: LogRow): string {
  const head = `{"seq":${row.seq},"kind":${JSON.stringify(row.kind)},"op":"${row.op}","key":${JSON.stringify(row.key)},"scope":${JSON.stringify(row.scope)},"at":${JSON.stringify(row.at)}`;
  return row.op === 'put' && row.data !== null ? `${head},"data":${row.data}}` : `${head}}`;
}

export interface CentralLogOptions {
  /** Drop the stored log and start a new epoch (`--reset-epoch`). */
  resetEpoch?: boolean;
}

export class CentralLog {
  readonly db: Database.Database;
  private headSeq: number;
  private epochId: string;
  private horizonSeq: number;
  private compactedThrough: number;
  private samplesPrunedThrough: number;
  private readonly listeners = new Set<LogListener>();
  private notifyScheduled = false;
  private batchDepth = 0;
  private readonly readStatements = new Map<string, Database.Statement>();

  private readonly insertStmt: Database.Statement;
  private readonly latestStmt: Database.Statement;
  private readonly metaSet: Database.Statement;

  constructor(path = ':memory:', options: CentralLogOptions = {}) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(schemaSql);
    this.insertStmt = this.db.prepare('INSERT INTO log (seq, kind, key, scope, op, at, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.latestStmt = this.db.prepare('SELECT * FROM log WHERE kind = ? AND key = ? ORDER BY seq DESC LIMIT 1');
    this.metaSet = this.db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v');
    const meta = new Map(
      (this.db.prepare('SELECT k, v FROM meta').all() as { k: string; v: string }[]).map((r) => [r.k, r.v]),
    );
    const maxSeq = (this.db.prepare('SELECT max(seq) AS m FROM log').get() as { m: number | null }).m ?? 0;
    // seqs are never reused, even when purges removed the newest rows.
    this.headSeq = Math.max(maxSeq, Number(meta.get('head') ?? 0));
    this.epochId = meta.get('epoch') ?? newEpochId();
    this.horizonSeq = Number(meta.get('horizon') ?? 0);
    this.compactedThrough = Number(meta.get('compactedThrough') ?? 0);
    this.samplesPrunedThrough = Number(meta.get('samplesPrunedThrough') ?? 0);
    if (!meta.has('epoch')) this.saveMeta();
    if (options.resetEpoch) this.resetEpoch();
  }

  epoch(): string {
    return this.epochId;
  }

  head(): number {
    return this.headSeq;
  }

  horizon(): number {
    return this.horizonSeq;
  }

  /** Number of stored rows (diagnostics and figures). */
  countRows(kind?: string): number {
    const row = kind
      ? this.db.prepare('SELECT count(*) AS n FROM log WHERE kind = ?').get(kind)
      : this.db.prepare('SELECT count(*) AS n FROM log').get();
    return (row as { n: number }).n;
  }

  subscribe(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends changes in one transaction; returns the seq of the last one. */
  append(changes: readonly AppendInput[]): number {
    if (changes.length === 0) return this.headSeq;
    this.batch(() => {
      for (const row of changes.map((c) => this.toRow(c))) {
        this.insertStmt.run(row.seq, row.kind, row.key, row.scope, row.op, row.at, row.data);
      }
    });
    return this.headSeq;
  }

  put(kind: string, data: Record<string, unknown>, meta: { key: string; scope: string; at: string }): number {
    return this.append([{ kind, op: 'put', data, ...meta }]);
  }

  del(kind: string, key: string, meta: { scope: string; at: string }): number {
    return this.append([{ kind, key, op: 'del', ...meta }]);
  }

  /**
   * Runs `fn` in one transaction (nested calls join it); listeners hear of the new
   * changes once it commits.
   */
  batch<T>(fn: () => T): T {
    const headBefore = this.headSeq;
    this.batchDepth++;
    try {
      return this.db.transaction(fn)();
    } catch (err) {
      this.headSeq = headBefore;
      throw err;
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0 && this.headSeq !== headBefore) this.scheduleNotify();
    }
  }

  /** The newest change of one record (put or del), if any. */
  latest(kind: string, key: string): LogRow | undefined {
    return this.latestStmt.get(kind, key) as LogRow | undefined;
  }

  /**
   * Rows with `after < seq <= upTo` visible through `filter`, ascending, at most `limit`.
   * Callers page through long ranges in bounded chunks.
   */
  readRange(after: number, upTo: number, limit: number, filter: ReadFilter): LogRow[] {
    const kinds = filter.kinds ?? [];
    const scopeKind = filter.scope === '*' ? 'all' : filter.scope.length === 2 ? 'unit' : 'exact';
    const cacheKey = `${scopeKind}:${kinds.length}`;
    let stmt = this.readStatements.get(cacheKey);
    if (!stmt) {
      const clauses = ['seq > @after', 'seq <= @upTo'];
      if (scopeKind === 'unit') clauses.push("(scope = '*' OR substr(scope, 1, 2) = @scope)");
      if (scopeKind === 'exact') clauses.push("(scope = '*' OR scope = @scope)");
      if (kinds.length > 0) clauses.push(`kind IN (${kinds.map((_, i) => `@k${i}`).join(', ')})`);
      stmt = this.db.prepare(`SELECT * FROM log WHERE ${clauses.join(' AND ')} ORDER BY seq LIMIT @limit`);
      this.readStatements.set(cacheKey, stmt);
    }
    const params: Record<string, unknown> = { after, upTo, limit };
    if (scopeKind !== 'all') params.scope = filter.scope;
    kinds.forEach((k, i) => (params[`k${i}`] = k));
    return stmt.all(params) as LogRow[];
  }

  /**
   * Drops every put superseded by a newer change of the same (kind, key). Incremental:
   * only records changed since the last compaction can have superseded anything.
   */
  compact(): number {
    const upTo = this.headSeq;
    const stmt = this.db.prepare(
      `DELETE FROM log WHERE seq IN (
         SELECT o.seq FROM log n JOIN log o ON o.kind = n.kind AND o.key = n.key AND o.seq < n.seq
         WHERE n.seq > ? AND n.seq <= ? AND o.op = 'put')`,
    );
    let removed = 0;
    const span = 50_000;
    for (let from = this.compactedThrough; from < upTo; from += span) {
      const to = Math.min(upTo, from + span);
      this.db.transaction(() => {
        removed += stmt.run(from, to).changes;
        this.compactedThrough = to;
        this.metaSet.run('compactedThrough', String(to));
      })();
    }
    return removed;
  }

  /**
   * Purges tombstones (all with `seq < beforeSeq`, or all older than `olderThan`) and
   * moves the horizon to the highest purged seq. Returns the number purged.
   */
  purgeTombstones(criterion: { beforeSeq: number } | { olderThan: Date }): number {
    const rows =
      'beforeSeq' in criterion
        ? (this.db.prepare("SELECT seq FROM log WHERE op = 'del' AND seq < ?").all(criterion.beforeSeq) as { seq: number }[])
        : (this.db
            .prepare("SELECT seq FROM log WHERE op = 'del' AND at < ?")
            .all(criterion.olderThan.toISOString()) as { seq: number }[]);
    if (rows.length === 0) return 0;
    const maxSeq = Math.max(...rows.map((r) => r.seq));
    const remove = this.db.prepare('DELETE FROM log WHERE seq = ?');
    this.db.transaction(() => {
      for (const r of rows) remove.run(r.seq);
      this.horizonSeq = Math.max(this.horizonSeq, maxSeq);
      this.saveMeta();
    })();
    for (const l of this.listeners) l.onHorizon?.(this.horizonSeq);
    return rows.length;
  }

  /**
   * Drops indicator samples whose `at` is before `olderThan`, without tombstones
   * (API.md). Walks forward from where the last prune stopped; rows are appended in
   * time order, so the walk stops at the first row that is new enough.
   */
  pruneSamples(olderThan: Date): number {
    const cutoff = olderThan.toISOString();
    const scan = this.db.prepare('SELECT seq, at FROM log WHERE seq > ? ORDER BY seq LIMIT 20000');
    const remove = this.db.prepare(
      "DELETE FROM log WHERE seq > ? AND seq <= ? AND kind = 'indicatorSample' AND at < ?",
    );
    let removed = 0;
    for (;;) {
      const chunk = scan.all(this.samplesPrunedThrough) as { seq: number; at: string }[];
      if (chunk.length === 0) break;
      const firstNew = chunk.findIndex((r) => r.at >= cutoff);
      const last = firstNew === -1 ? chunk[chunk.length - 1] : chunk[firstNew - 1];
      if (!last) break;
      const from = this.samplesPrunedThrough;
      this.db.transaction(() => {
        removed += remove.run(from, last.seq, cutoff).changes;
        this.samplesPrunedThrough = last.seq;
        this.saveMeta();
      })();
      if (firstNew !== -1) break;
    }
    return removed;
  }

  /** Rebuilds the log under a new epoch: every change is dropped, seqs keep growing. */
  resetEpoch(): string {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM log; DELETE FROM idempotency;');
      this.epochId = newEpochId();
      this.horizonSeq = 0;
      this.compactedThrough = this.headSeq;
      this.samplesPrunedThrough = this.headSeq;
      this.saveMeta();
    })();
    for (const l of this.listeners) l.onReset?.(this.epochId);
    return this.epochId;
  }

  close(): void {
    if (!this.db.open) return;
    this.saveMeta();
    this.db.close();
  }

  private saveMeta(): void {
    this.metaSet.run('epoch', this.epochId);
    this.metaSet.run('horizon', String(this.horizonSeq));
    this.metaSet.run('head', String(this.headSeq));
    this.metaSet.run('compactedThrough', String(this.compactedThrough));
    this.metaSet.run('samplesPrunedThrough', String(this.samplesPrunedThrough));
  }

  private toRow(c: AppendInput): LogRow {
    if (!c.kind || typeof c.kind !== 'string') throw new LogInputError('a change needs a kind');
    if (!c.key || typeof c.key !== 'string') throw new LogInputError(`a ${c.kind} change needs a key`);
    if (!scopeCode.safeParse(c.scope).success) throw new LogInputError(`scope ${JSON.stringify(c.scope)} is not *, a 2- or 4-digit code`);
    if (!isoTimePattern.test(c.at)) throw new LogInputError(`at ${JSON.stringify(c.at)} is not an ISO-8601 time`);
    if (c.op !== 'put' && c.op !== 'del') throw new LogInputError(`op must be put or del, not ${JSON.stringify(c.op)}`);
    let data: string | null = null;
    if (c.op === 'put' && typeof c.json === 'string') {
      data = c.json;
    } else if (c.op === 'put') {
      if (c.data === null || typeof c.data !== 'object') throw new LogInputError(`a put of ${c.kind} ${c.key} needs an object`);
      data = JSON.stringify(c.data);
    }
    this.headSeq += 1;
    return { seq: this.headSeq, kind: c.kind, key: c.key, scope: c.scope, op: c.op, at: c.at, data };
  }

  private scheduleNotify(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    setImmediate(() => {
      this.notifyScheduled = false;
      for (const l of this.listeners) l.onAppend?.(this.headSeq);
    });
  }
}
