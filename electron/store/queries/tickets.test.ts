import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BatchInput, ChangeApplier } from '../../sync/applyBatch.js';
import { parseChange } from '../../sync/parseChange.js';
import { changeLine, sampleAlert, sampleDeclaration } from '../../sync/testing/sampleRecords.js';
import { type WritableDB, openWritableDb } from '../db.js';
import { listAlerts } from './alerts.js';
import { indicatorSeries, latestIndicators } from './indicators.js';
import { getTicket, listTickets, ticketStatusCounts } from './tickets.js';

let db: WritableDB;
function apply(lines: string[]): void {
  const items: BatchInput['items'] = lines.map((line) => {
    const r = parseChange(Buffer.from(line));
    if (!r.ok) throw new Error(r.rejected.reason);
    return { change: r.change };
  });
  new ChangeApplier(db, 'live').apply({ page: { epoch: 'e', horizon: 0, head: 0 }, items });
}

beforeEach(() => {
  db = openWritableDb(':memory:');
  const tickets = Array.from({ length: 30 }, (_, i) =>
    sampleDeclaration(i, { status: i % 5 === 0 ? 'held' : 'declared', dangerous: i === 7 ? { unNumber: 'UN1203', hazardClass: '3' } : null }),
  );
  let seq = 0;
  apply([
    ...tickets.map((t) => changeLine('declaration', t.id, t, ++seq)),
    changeLine('alert', 'A1', sampleAlert('A1', { subject: { kind: 'declaration', key: tickets[3]!.id } }), ++seq),
    changeLine('indicatorDef', 'I1', { id: 'I1', theme: 'timeliness', nameZh: '通关时间', nameEn: 'Clearance time', unit: 'h', higherIsWorse: true, warn: 10, crit: 20, level: [0] }, ++seq),
    ...[5, 12, 25].map((value, k) => {
      const at = `2026-11-23T0${k}:00:00.000Z`;
      return changeLine('indicatorSample', `I1|53|${at}`, { indicator: 'I1', scope: '53', at, value }, ++seq);
    }),
  ]);
});
afterEach(() => db.close());

describe('ticket queries', () => {
  it('pages newest first with a keyset cursor, without gaps or repeats', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = listTickets(db, { limit: 7, cursor });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(seen[0]).toBe(sampleDeclaration(29).id);
  });

  it('pages several statuses (merged per-status scans) in the same order as one scan', () => {
    const all = listTickets(db, { limit: 100 }).items.map((t) => t.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = listTickets(db, { unit: '5316', status: ['held', 'declared'], limit: 4, cursor });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('filters by port, unit, status, partner, direction, danger, alert and time', () => {
    const ids = (q: Parameters<typeof listTickets>[1]) => listTickets(db, q).items.map((t) => t.id);
    expect(ids({ port: 'CNYTN', limit: 100 })).toHaveLength(10);
    expect(ids({ unit: '53', limit: 100 })).toHaveLength(30);
    expect(ids({ unit: '54', limit: 100 })).toHaveLength(0);
    expect(ids({ status: ['held'], limit: 100 })).toHaveLength(6);
    expect(ids({ partner: 'US', direction: 'import', limit: 100 })).toHaveLength(15);
    expect(ids({ dangerous: true, limit: 100 })).toEqual([sampleDeclaration(7).id]);
    expect(ids({ alert: true, limit: 100 })).toEqual([sampleDeclaration(3).id]);
    expect(ids({ from: sampleDeclaration(25).declaredAt, limit: 100 })).toHaveLength(5);
    expect(ids({ q: 'MSCU0000012', limit: 100 })).toEqual([sampleDeclaration(12).id]);
  });

  it('returns one ticket with its alerts, and counts by status', () => {
    const ticket = getTicket(db, sampleDeclaration(3).id);
    expect(ticket?.ticket).toEqual(sampleDeclaration(3, { status: 'declared', dangerous: null }));
    expect(ticket?.alerts.map((a) => a.alert.id)).toEqual(['A1']);
    expect(getTicket(db, '999999999999999999')).toBeNull();
    expect(ticketStatusCounts(db, {})).toMatchObject({ total: 30, counts: { held: 6, declared: 24 } });
  });

  it('lists alerts and indicators', () => {
    expect(listAlerts(db, { state: ['open'], limit: 10 }).items.map((a) => [a.alert.id, a.pending])).toEqual([['A1', false]]);
    expect(latestIndicators(db, '53')).toEqual([expect.objectContaining({ id: 'I1', value: 25, level: 'crit', at: '2026-11-23T02:00:00.000Z' })]);
    expect(indicatorSeries(db, 'I1', '53').map((p) => p.value)).toEqual([5, 12, 25]);
  });
});
