// Ticket reads for the browser and drill-downs: filters that each have an index, FTS
// search, keyset paging on (declared_at, id) newest first, one ticket with its alerts.
import type { DeclarationStatus } from '../../../shared/central/records.js';
import type { AlertView } from '../../../shared/host/methods/alerts.js';
import type { TicketFilter, TicketSummary } from '../../../shared/host/methods/tickets.js';
import type { ReadableDB } from '../db.js';
import { ftsQuery } from '../searchText.js';
import { BadCursorError, alertViews } from './alerts.js';
import { timed } from './slowQuery.js';

export interface TicketQuery extends TicketFilter {
  q?: string;
  limit: number;
  cursor?: string;
}

interface TicketRow {
  key: string;
  direction: 'import' | 'export';
  port: string;
  unit: string;
  status: DeclarationStatus;
  declared_at: number;
  updated_at: number;
  partner_country: string;
  enterprise_code: string;
  enterprise_name: string;
  value_usd: number;
  risk_score: number;
  dangerous: number;
}

function summary(row: TicketRow): TicketSummary {
  return {
    id: row.key,
    direction: row.direction,
    port: row.port,
    unit: row.unit,
    status: row.status,
    declaredAt: new Date(row.declared_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    partnerCountry: row.partner_country,
    enterprise: { code: row.enterprise_code, name: row.enterprise_name },
    valueUsd: row.value_usd,
    riskScore: row.risk_score,
    dangerous: row.dangerous === 1,
  };
}

function filterSql(filter: TicketFilter, where: string[], params: unknown[]): void {
  if (filter.port) {
    where.push('d.port = ?');
    params.push(filter.port);
  }
  if (filter.unit) {
    // A 2-digit unit covers its subordinate codes: a range keeps the unit index usable.
    if (filter.unit.length === 2) {
      where.push('d.unit >= ? AND d.unit < ?');
      params.push(filter.unit, `${filter.unit}\u{10FFFF}`);
    } else {
      where.push('d.unit = ?');
      params.push(filter.unit);
    }
  }
  if (filter.status) {
    where.push(`d.status IN (${filter.status.map(() => '?').join(', ')})`);
    params.push(...filter.status);
  }
  if (filter.partner) {
    where.push('d.partner_country = ?');
    params.push(filter.partner);
  }
  if (filter.enterprise) {
    where.push('d.enterprise_code = ?');
    params.push(filter.enterprise);
  }
  if (filter.direction) {
    where.push('d.direction = ?');
    params.push(filter.direction);
  }
  if (filter.dangerous !== undefined) where.push(filter.dangerous ? 'd.dangerous = 1' : 'd.dangerous = 0');
  if (filter.alert) {
    where.push("EXISTS (SELECT 1 FROM alerts a WHERE a.subject_kind = 'declaration' AND a.subject_key = printf('%018d', d.id))");
  }
  if (filter.from) {
    where.push('d.declared_at >= ?');
    params.push(Date.parse(filter.from));
  }
  if (filter.to) {
    where.push('d.declared_at < ?');
    params.push(Date.parse(filter.to));
  }
}

const columns = `printf('%018d', d.id) AS key, d.direction, d.port, d.unit, d.status, d.declared_at, d.updated_at,
  d.partner_country, d.enterprise_code, d.enterprise_name, d.value_usd, d.risk_score, d.dangerous`;

/**
 * Newest first by declaredAt; with search text (`q`), by ticket id descending instead:
 * a common word matches a large share of all tickets, and walking the search index in
 * rowid order stops after one page, where sorting every match by time would not.
 */
export function listTickets(db: ReadableDB, query: TicketQuery): { items: TicketSummary[]; nextCursor: string | null } {
  return timed(query.q === undefined ? 'tickets.list' : 'tickets.search', () => {
    const where: string[] = [];
    const params: unknown[] = [];
    let from = 'declarations d';
    let order = 'd.declared_at DESC, d.id DESC';
    if (query.q !== undefined) {
      const match = ftsQuery(query.q);
      if (match === null) return { items: [], nextCursor: null };
      from = 'declaration_fts f JOIN declarations d ON d.id = f.rowid';
      where.push('declaration_fts MATCH ?');
      params.push(match);
      order = 'f.rowid DESC';
    }
    filterSql(query, where, params);
    if (query.cursor) {
      const m = query.q === undefined ? /^(-?\d+):(\d{18})$/.exec(query.cursor) : /^id:(\d{18})$/.exec(query.cursor);
      if (!m) throw new BadCursorError('the ticket list cursor is not one this host made for this query');
      if (query.q === undefined) {
        where.push('(d.declared_at < ? OR (d.declared_at = ? AND d.id < ?))');
        params.push(Number(m[1]), Number(m[1]), BigInt(m[2] as string));
      } else {
        where.push('f.rowid < ?');
        params.push(BigInt(m[1] as string));
      }
    }
    let sql = `SELECT ${columns} FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
    if (query.q === undefined && query.status && query.status.length > 1) {
      // SQLite cannot merge the time-ordered index runs of several statuses: it would sort
      // every matching ticket. One ordered, limited scan per status, merged here, stops early.
      const one = where.map((w) => (w.startsWith('d.status IN') ? 'd.status = ?' : w)).join(' AND ');
      const statusAt = where.findIndex((w) => w.startsWith('d.status IN'));
      const before = params.slice(0, statusParamIndex(where, params, statusAt));
      const after = params.slice(before.length + query.status.length);
      const parts = query.status.map(() => `SELECT * FROM (SELECT ${columns}, d.id AS rid FROM ${from} WHERE ${one} ORDER BY ${order} LIMIT ?)`);
      sql = `${parts.join(' UNION ALL ')} ORDER BY declared_at DESC, rid DESC LIMIT ?`;
      const merged = query.status.flatMap((status) => [...before, status, ...after, query.limit + 1]);
      const rows = db.prepare(sql).all(...merged, query.limit + 1) as TicketRow[];
      return page(rows, query);
    }
    const rows = db.prepare(sql).all(...params, query.limit + 1) as TicketRow[];
    return page(rows, query);
  });
}

function page(rows: TicketRow[], query: TicketQuery): { items: TicketSummary[]; nextCursor: string | null } {
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const more = rows.length > query.limit && last;
  return { items: items.map(summary), nextCursor: more ? (query.q === undefined ? `${last.declared_at}:${last.key}` : `id:${last.key}`) : null };
}

/** How many parameters the where clauses before the status clause use. */
function statusParamIndex(where: string[], params: unknown[], statusAt: number): number {
  let n = 0;
  for (let i = 0; i < statusAt; i++) n += ((where[i] ?? '').match(/\?/g) ?? []).length;
  return Math.min(n, params.length);
}

export function getTicket(db: ReadableDB, id: string): { ticket: Record<string, unknown>; source: 'store'; updatedAt: string; alerts: AlertView[] } | null {
  return timed('tickets.get', () => {
    const row = db.prepare('SELECT raw, updated_at FROM declarations WHERE id = ?').get(BigInt(id)) as { raw: string; updated_at: number } | undefined;
    if (!row) return null;
    const alerts = db
      .prepare("SELECT key, raw FROM alerts WHERE subject_kind = 'declaration' AND subject_key = ? ORDER BY raised_at DESC")
      .all(id) as Array<{ key: string; raw: string }>;
    return { ticket: JSON.parse(row.raw) as Record<string, unknown>, source: 'store', updatedAt: new Date(row.updated_at).toISOString(), alerts: alertViews(db, alerts) };
  });
}

export function ticketStatusCounts(db: ReadableDB, filter: TicketFilter): { counts: Record<DeclarationStatus, number>; total: number } {
  return timed('tickets.statusCounts', () => {
    const where: string[] = [];
    const params: unknown[] = [];
    filterSql(filter, where, params);
    const rows = db
      .prepare(`SELECT d.status, count(*) AS n FROM declarations d ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY d.status`)
      .all(...params) as Array<{ status: DeclarationStatus; n: number }>;
    const counts: Record<DeclarationStatus, number> = { declared: 0, screening: 0, inspection: 0, held: 0, released: 0, returned: 0 };
    let total = 0;
    for (const row of rows) {
      counts[row.status] = row.n;
      total += row.n;
    }
    return { counts, total };
  });
}
