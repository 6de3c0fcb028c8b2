// Applies parsed changes to the store in one transaction together with the cursor that
// covers them, so a crash leaves the store at a consistent cursor (ARCHITECTURE.md,
// "Sync guarantees"). A change at or below the cursor, or at or below the seq of the
// row it targets, is ignored: duplicates are harmless.
import type Database from 'better-sqlite3';
import type { DeclarationRecord, RecordKind } from '../../shared/central/records.js';
import type { WritableDB } from '../store/db.js';
import { declarationSearchFields, searchSignature } from '../store/searchText.js';
import type { Change, Rejected } from './parseChange.js';
import { declarationColumns, keyedTables } from './recordRows.js';

/** Where changes go: the live tables, or the resync_* tables a resync fills. */
export type ApplyTarget = 'live' | 'resync';

export interface PageContext {
  epoch: string;
  horizon: number;
  head: number;
}

export interface BatchInput {
  page: PageContext;
  items: ReadonlyArray<{ change: Change } | { rejected: Rejected }>;
  /** The page trailer's `next`, when this batch ends a complete page. */
  next?: number;
}

export interface BatchResult {
  applied: number;
  ignored: number;
  quarantined: number;
  cursor: number;
  kinds: Set<RecordKind>;
  /** Central's time of the newest change in the batch (ms), if any. */
  newestAt: number | null;
}

type Stmt = Database.Statement;
const minute = 60_000;

interface StageDelta {
  bucket: number;
  port: string;
  stage: string;
  direction: string;
  n: number;
}
interface FlowDelta {
  bucket: number;
  partner: string;
  port: string;
  direction: string;
  n: number;
  value: number;
}

export class ChangeApplier {
  private readonly keyed = new Map<RecordKind, { upsert: Stmt; del: Stmt; columns: readonly string[]; row: (d: Record<string, unknown>) => Record<string, unknown> }>();
  private readonly decl: Record<'select' | 'insert' | 'update' | 'del' | 'ftsInsert' | 'ftsDelete' | 'stage' | 'flow', Stmt>;
  private readonly readCursor: Stmt;
  private readonly writeCursor: Stmt;
  private readonly quarantine: Stmt;
  private readonly quarantinedBefore: Stmt;
  private readonly stages = new Map<string, StageDelta>();
  private readonly flows = new Map<string, FlowDelta>();
  private readonly run: (input: BatchInput) => BatchResult;

  constructor(
    private readonly db: WritableDB,
    readonly target: ApplyTarget,
    private readonly now: () => number = Date.now,
  ) {
    const p = target === 'resync' ? 'resync_' : '';
    for (const [kind, spec] of Object.entries(keyedTables)) {
      const cols = ['key', 'seq', 'scope', 'updated_at', 'raw', ...spec.columns];
      const upsert = db.prepare(
        `INSERT INTO ${p}${spec.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
         ON CONFLICT(key) DO UPDATE SET ${cols.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}
         WHERE excluded.seq > seq`,
      );
      const del = db.prepare(`DELETE FROM ${p}${spec.table} WHERE key = ? AND seq < ?`);
      this.keyed.set(kind as RecordKind, { upsert, del, columns: spec.columns, row: spec.row });
    }
    const dcols = ['id', 'seq', 'scope', 'updated_at', 'raw', ...declarationColumns];
    this.decl = {
      select: db.prepare(`SELECT seq, raw, fts_sig FROM ${p}declarations WHERE id = ?`),
      insert: db.prepare(`INSERT INTO ${p}declarations (${dcols.join(', ')}) VALUES (${dcols.map(() => '?').join(', ')})`),
      update: db.prepare(`UPDATE ${p}declarations SET ${dcols.slice(1).map((c) => `${c} = ?`).join(', ')} WHERE id = ?`),
      del: db.prepare(`DELETE FROM ${p}declarations WHERE id = ?`),
      ftsInsert: db.prepare(`INSERT INTO ${p}declaration_fts (rowid, id, enterprise, items, containers) VALUES (?, ?, ?, ?, ?)`),
      ftsDelete: db.prepare(`DELETE FROM ${p}declaration_fts WHERE rowid = ?`),
      stage: db.prepare(
        `INSERT INTO ${p}declaration_stage_counts (bucket, port, stage, direction, n) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(bucket, port, stage, direction) DO UPDATE SET n = n + excluded.n`,
      ),
      flow: db.prepare(
        `INSERT INTO ${p}declaration_flow_counts (bucket, partner_country, port, direction, n, value_usd) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(bucket, partner_country, port, direction) DO UPDATE SET n = n + excluded.n, value_usd = value_usd + excluded.value_usd`,
      ),
    };
    this.readCursor = db.prepare(target === 'resync' ? 'SELECT resync_cursor AS cursor FROM sync_state' : 'SELECT cursor FROM sync_state');
    this.writeCursor = db.prepare(
      target === 'resync'
        ? `UPDATE sync_state SET resync_epoch = @epoch, resync_horizon = @horizon, resync_cursor = @cursor, head = @head,
             data_as_of = max(coalesce(data_as_of, 0), coalesce(@newestAt, 0)),
             newest_sample_at = max(coalesce(newest_sample_at, 0), coalesce(@newestSample, 0))`
        : `UPDATE sync_state SET epoch = @epoch, horizon = @horizon, cursor = @cursor, head = @head,
             data_as_of = max(coalesce(data_as_of, 0), coalesce(@newestAt, 0)),
             newest_sample_at = max(coalesce(newest_sample_at, 0), coalesce(@newestSample, 0))`,
    );
    this.quarantine = db.prepare('INSERT INTO quarantine (received_at, epoch, seq, kind, reason, raw) VALUES (?, ?, ?, ?, ?, ?)');
    this.quarantinedBefore = db.prepare('SELECT 1 FROM quarantine WHERE epoch IS ? AND seq = ?');
    this.run = db.transaction((input: BatchInput) => this.applyInTransaction(input));
  }

  apply(input: BatchInput): BatchResult {
    return this.run(input);
  }

  private applyInTransaction({ page, items, next }: BatchInput): BatchResult {
    // A previous batch that threw rolled back; its pending deltas must go with it.
    this.stages.clear();
    this.flows.clear();
    let cursor = (this.readCursor.get() as { cursor: number | null }).cursor ?? 0;
    let applied = 0;
    let ignored = 0;
    let quarantined = 0;
    let newestAt: number | null = null;
    let newestSample: number | null = null;
    const kinds = new Set<RecordKind>();
    const receivedAt = this.now();

    for (const item of items) {
      if ('rejected' in item) {
        const { rejected } = item;
        if (rejected.seq !== null && rejected.seq <= cursor) {
          ignored++;
          continue;
        }
        // A line read again after a cut connection is already in the quarantine.
        if (rejected.seq === null || !this.quarantinedBefore.get(page.epoch, rejected.seq)) {
          this.quarantine.run(receivedAt, page.epoch, rejected.seq, rejected.kind, rejected.reason, Buffer.from(rejected.raw));
          quarantined++;
        }
        // A garbled line may carry any seq: only one within central's head may move the
        // cursor, or real changes after it would be skipped as duplicates.
        if (rejected.seq !== null && rejected.seq <= page.head) cursor = rejected.seq;
        continue;
      }
      const { change } = item;
      if (change.seq <= cursor) {
        ignored++;
        continue;
      }
      cursor = change.seq;
      if (newestAt === null || change.at > newestAt) newestAt = change.at;
      const changed = change.kind === 'declaration' ? this.applyDeclaration(change) : this.applyKeyed(change);
      if (changed) {
        applied++;
        kinds.add(change.kind);
        if (change.kind === 'indicatorSample' && change.op === 'put') {
          const at = Date.parse(String(change.data.at));
          if (newestSample === null || at > newestSample) newestSample = at;
        }
      } else {
        ignored++;
      }
    }
    this.flushAggregates();
    if (next !== undefined && next > cursor) cursor = next;
    this.writeCursor.run({ epoch: page.epoch, horizon: page.horizon, cursor, head: Math.max(page.head, cursor), newestAt, newestSample });
    return { applied, ignored, quarantined, cursor, kinds, newestAt };
  }

  private applyKeyed(change: Change): boolean {
    const spec = this.keyed.get(change.kind);
    if (!spec) return false;
    if (change.op === 'del') return spec.del.run(change.key, change.seq).changes > 0;
    const row = spec.row(change.data);
    const values = [change.key, change.seq, change.scope, change.at, JSON.stringify(change.data), ...spec.columns.map((c) => row[c])];
    return spec.upsert.run(values).changes > 0;
  }

  private applyDeclaration(change: Change): boolean {
    // A del may name a key that is not a ticket id at all: nothing to delete then.
    if (!/^\d{18}$/.test(change.key)) return false;
    const id = BigInt(change.key);
    const old = this.decl.select.get(id) as { seq: number; raw: string; fts_sig: number } | undefined;
    if (old && old.seq >= change.seq) return false;
    const previous = old ? (JSON.parse(old.raw) as DeclarationRecord) : null;
    if (change.op === 'del') {
      if (!previous) return false;
      this.decl.del.run(id);
      this.decl.ftsDelete.run(id);
      this.count(previous, -1);
      return true;
    }
    const d = change.data as DeclarationRecord;
    const fields = declarationSearchFields(d);
    const sig = searchSignature(fields);
    const values = [
      change.seq,
      change.scope,
      change.at,
      JSON.stringify(change.data),
      d.direction,
      d.port,
      d.unit,
      d.status,
      Date.parse(d.declaredAt),
      d.partnerCountry,
      d.enterprise.code,
      d.enterprise.name,
      d.transport,
      d.tradeMode,
      d.valueUsd,
      d.riskScore,
      d.dangerous ? 1 : 0,
      sig,
    ];
    if (previous && old) {
      this.decl.update.run(...values, id);
      if (old.fts_sig !== sig) {
        this.decl.ftsDelete.run(id);
        this.decl.ftsInsert.run(id, fields.id, fields.enterprise, fields.items, fields.containers);
      }
      this.count(previous, -1);
    } else {
      this.decl.insert.run(id, ...values);
      this.decl.ftsInsert.run(id, fields.id, fields.enterprise, fields.items, fields.containers);
    }
    this.count(d, 1);
    return true;
  }

  /** Adds (sign 1) or removes (sign -1) a ticket's contribution to the aggregate tables. */
  private count(d: DeclarationRecord, sign: 1 | -1): void {
    for (const stage of d.stages) {
      const bucket = Math.floor(Date.parse(stage.at) / minute);
      const key = `${bucket}\u0001${d.port}\u0001${stage.stage}\u0001${d.direction}`;
      const entry = this.stages.get(key);
      if (entry) entry.n += sign;
      else this.stages.set(key, { bucket, port: d.port, stage: stage.stage, direction: d.direction, n: sign });
    }
    const bucket = Math.floor(Date.parse(d.declaredAt) / minute);
    const key = `${bucket}\u0001${d.partnerCountry}\u0001${d.port}\u0001${d.direction}`;
    const entry = this.flows.get(key);
    if (entry) {
      entry.n += sign;
      entry.value += sign * d.valueUsd;
    } else {
      this.flows.set(key, { bucket, partner: d.partnerCountry, port: d.port, direction: d.direction, n: sign, value: sign * d.valueUsd });
    }
  }

  private flushAggregates(): void {
    for (const s of this.stages.values()) if (s.n !== 0) this.decl.stage.run(s.bucket, s.port, s.stage, s.direction, s.n);
    for (const f of this.flows.values()) if (f.n !== 0 || f.value !== 0) this.decl.flow.run(f.bucket, f.partner, f.port, f.direction, f.n, f.value);
    this.stages.clear();
    this.flows.clear();
  }
}
