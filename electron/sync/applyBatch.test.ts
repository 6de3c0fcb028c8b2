import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type WritableDB, openWritableDb } from '../store/db.js';
import { ftsQuery } from '../store/searchText.js';
import { type BatchInput, ChangeApplier } from './applyBatch.js';
import { parseChange } from './parseChange.js';
import { changeLine, sampleAlert, sampleDeclaration } from './testing/sampleRecords.js';

const page = { epoch: 'e1', horizon: 0, head: 1000 };
function items(...lines: string[]): BatchInput['items'] {
  return lines.map((line) => {
    const r = parseChange(Buffer.from(line));
    return r.ok ? { change: r.change } : { rejected: r.rejected };
  });
}

let db: WritableDB;
let applier: ChangeApplier;
beforeEach(() => {
  db = openWritableDb(':memory:');
  applier = new ChangeApplier(db, 'live');
});
afterEach(() => db.close());

function stageCountsFromRows() {
  return db
    .prepare(
      `SELECT (CAST(strftime('%s', s.value ->> 'at') AS INTEGER) / 60) AS bucket, d.port, s.value ->> 'stage' AS stage, d.direction, count(*) AS n
       FROM declarations d, json_each(d.raw, '$.stages') s GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .all();
}

describe('ChangeApplier', () => {
  it('applies puts with the cursor in the same transaction and ignores duplicates', () => {
    const d1 = sampleDeclaration(1);
    const lines = [changeLine('declaration', d1.id, d1, 1), changeLine('alert', 'A1', sampleAlert('A1'), 2)];
    expect(applier.apply({ page, items: items(...lines) })).toMatchObject({ applied: 2, cursor: 2 });
    expect(applier.apply({ page, items: items(...lines) })).toMatchObject({ applied: 0, ignored: 2, cursor: 2 });
    expect(db.prepare('SELECT epoch, cursor, head FROM sync_state').get()).toEqual({ epoch: 'e1', cursor: 2, head: 1000 });
    expect(db.prepare("SELECT printf('%018d', id) AS key, port, declared_at FROM declarations").get()).toEqual({
      key: d1.id,
      port: d1.port,
      declared_at: Date.parse(d1.declaredAt),
    });
  });

  it('moves the cursor to a trailer next beyond the last change', () => {
    expect(applier.apply({ page, items: [], next: 40 }).cursor).toBe(40);
  });

  it('keeps a record from being overwritten by an older change', () => {
    applier.apply({ page, items: items(changeLine('alert', 'A1', sampleAlert('A1', { version: 3 }), 5)) });
    // A lower seq after a restart that rewound the cursor: the record's own seq decides.
    db.prepare('UPDATE sync_state SET cursor = 0').run();
    applier.apply({ page, items: items(changeLine('alert', 'A1', sampleAlert('A1', { version: 2 }), 4)) });
    expect(db.prepare('SELECT version, seq FROM alerts').get()).toEqual({ version: 3, seq: 5 });
  });

  it('deletes, and keeps the aggregates equal to a recount of the rows', () => {
    const d1 = sampleDeclaration(1);
    const d2 = sampleDeclaration(2);
    const later = new Date(Date.parse(d1.declaredAt) + 300_000).toISOString();
    const d1b = { ...d1, status: 'screening' as const, stages: [...d1.stages, { stage: 'screening' as const, at: later }] };
    applier.apply({ page, items: items(changeLine('declaration', d1.id, d1, 1), changeLine('declaration', d2.id, d2, 2)) });
    applier.apply({ page, items: items(changeLine('declaration', d1.id, d1b, 3), changeLine('declaration', d2.id, undefined, 4, 'del')) });
    expect(db.prepare('SELECT count(*) AS n FROM declarations').get()).toEqual({ n: 1 });
    const stored = db.prepare('SELECT bucket, port, stage, direction, n FROM declaration_stage_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4').all();
    expect(stored).toEqual(stageCountsFromRows());
    expect(db.prepare('SELECT sum(n) AS n, sum(value_usd) AS v FROM declaration_flow_counts').get()).toEqual({ n: 1, v: d1.valueUsd });
  });

  it('quarantines bad lines with their reason, counts them and goes on', () => {
    const d1 = sampleDeclaration(1);
    const result = applier.apply({
      page,
      items: items('{"seq":1,', changeLine('nope', 'x', {}, 2), changeLine('declaration', d1.id, d1, 3)),
    });
    expect(result).toMatchObject({ applied: 1, quarantined: 2, cursor: 3 });
    expect(db.prepare('SELECT seq, kind, reason FROM quarantine ORDER BY id').all()).toEqual([
      { seq: null, kind: null, reason: expect.stringMatching(/invalid JSON/) },
      { seq: 2, kind: 'nope', reason: 'unknown kind "nope"' },
    ]);
  });

  it('never lets a garbled seq beyond central head move the cursor, and quarantines a re-read line once', () => {
    const d1 = sampleDeclaration(1);
    const garbled = changeLine('vessel', 'V9', {}, 999_999);
    const first = applier.apply({ page: { ...page, head: 10 }, items: items(garbled, changeLine('nope', 'x', {}, 5)) });
    expect(first).toMatchObject({ quarantined: 2, cursor: 5 });
    db.prepare('UPDATE sync_state SET cursor = 4').run();
    const again = applier.apply({ page: { ...page, head: 10 }, items: items(changeLine('nope', 'x', {}, 5), changeLine('declaration', d1.id, d1, 6)) });
    expect(again).toMatchObject({ quarantined: 0, applied: 1, cursor: 6 });
    expect(db.prepare('SELECT count(*) AS n FROM quarantine').get()).toEqual({ n: 2 });
  });

  it('indexes tickets for search: Han substrings, HS prefixes, containers', () => {
    const d1 = sampleDeclaration(7);
    applier.apply({ page, items: items(changeLine('declaration', d1.id, d1, 1)) });
    const search = (text: string) => db.prepare("SELECT printf('%018d', rowid) AS id FROM declaration_fts WHERE declaration_fts MATCH ?").all(ftsQuery(text));
    expect(search('华强')).toEqual([{ id: d1.id }]);
    expect(search('8471')).toEqual([{ id: d1.id }]);
    expect(search('MSCU0000007')).toEqual([{ id: d1.id }]);
    expect(search('强华')).toEqual([]);
  });
});
