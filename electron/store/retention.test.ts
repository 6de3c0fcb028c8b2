import { afterEach, beforeEach, expect, it } from 'vitest';
import { ChangeApplier } from '../sync/applyBatch.js';
import { parseChange } from '../sync/parseChange.js';
import { changeLine, sampleDeclaration } from '../sync/testing/sampleRecords.js';
import { type WritableDB, openWritableDb } from './db.js';
import { day, pruneStep } from './retention.js';

let db: WritableDB;
beforeEach(() => {
  db = openWritableDb(':memory:');
});
afterEach(() => db.close());

it('prunes tickets past the window and samples past 8 days on central clock, in small batches', () => {
  const newest = Date.UTC(2026, 10, 23);
  const lines: string[] = [];
  let seq = 0;
  for (let i = 0; i < 12; i++) {
    const declaredAt = new Date(newest - (i < 5 ? 40 : 1) * day - i * 60_000).toISOString();
    const d = sampleDeclaration(i, { declaredAt, stages: [{ stage: 'declared', at: declaredAt }] });
    lines.push(changeLine('declaration', d.id, d, ++seq));
  }
  for (const age of [1, 10, 11]) {
    const at = new Date(newest - age * day).toISOString();
    lines.push(changeLine('indicatorSample', `I1|53|${at}`, { indicator: 'I1', scope: '53', at, value: age }, ++seq));
  }
  const items = lines.map((l) => {
    const r = parseChange(Buffer.from(l));
    if (!r.ok) throw new Error(r.rejected.reason);
    return { change: r.change };
  });
  new ChangeApplier(db, 'live').apply({ page: { epoch: 'e', horizon: 0, head: seq }, items });
  db.prepare('UPDATE sync_state SET data_as_of = ?').run(newest);

  const first = pruneStep(db, { batch: 3 });
  expect(first).toMatchObject({ tickets: 3, samples: 2, more: true });
  while (pruneStep(db, { batch: 3 }).more);
  expect(db.prepare('SELECT count(*) AS n FROM declarations').get()).toEqual({ n: 7 });
  expect(db.prepare("SELECT count(*) AS n FROM declaration_fts WHERE declaration_fts MATCH 'MSCU0000001'").get()).toEqual({ n: 0 });
  expect(db.prepare('SELECT value FROM indicator_samples').all()).toEqual([{ value: 1 }]);
  expect(db.prepare('SELECT min(bucket) * 60000 >= ? AS ok FROM declaration_flow_counts').get(newest - 30 * day)).toEqual({ ok: 1 });
});
