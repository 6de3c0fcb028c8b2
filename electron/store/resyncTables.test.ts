import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWritableDb } from './db.js';
import { dropStaleTableStep, staleTables } from './resyncTables.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storeWithStaleTables() {
  const dir = mkdtempSync(join(tmpdir(), 'pw-stale-'));
  dirs.push(dir);
  const db = openWritableDb(join(dir, 'store.sqlite'));
  db.exec(`
    CREATE TABLE stale_k1_declarations (id INTEGER PRIMARY KEY, port TEXT, at INTEGER);
    CREATE INDEX stale_decl_port ON stale_k1_declarations (port, at);
    CREATE TABLE stale_k1_samples (indicator TEXT, scope TEXT, v REAL, PRIMARY KEY (indicator, scope)) WITHOUT ROWID;
    CREATE VIRTUAL TABLE stale_k1_fts USING fts5(id, content = '', contentless_delete = 1);
  `);
  const decl = db.prepare('INSERT INTO stale_k1_declarations (port, at) VALUES (?, ?)');
  const sample = db.prepare('INSERT INTO stale_k1_samples VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 5000; i++) decl.run(`P${i % 7}`, i);
    for (let i = 0; i < 3000; i++) sample.run(`ind${i % 100}`, `s${Math.floor(i / 100)}`, i);
    db.prepare('INSERT INTO stale_k1_fts (rowid, id) VALUES (1, ?)').run('ticket');
  })();
  return db;
}

describe('dropStaleTableStep', () => {
  it('drops a stale table in short steps: its indexes, then slices of rows, then the empty table', () => {
    const db = storeWithStaleTables();
    expect(staleTables(db).sort()).toEqual(['stale_k1_declarations', 'stale_k1_fts', 'stale_k1_samples']);
    const steps: Record<string, number> = {};
    for (let guard = 0; staleTables(db).length > 0 && guard < 100; guard++) {
      const table = staleTables(db)[0]!;
      steps[table] = (steps[table] ?? 0) + 1;
      const rowsBefore = table.endsWith('fts') ? 0 : (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      const done = dropStaleTableStep(db, table, 1000);
      if (!done && !table.endsWith('fts')) {
        const rowsAfter = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        // Never more than one slice of rows per step.
        expect(rowsBefore - rowsAfter).toBeLessThanOrEqual(1000);
      }
    }
    expect(staleTables(db)).toEqual([]);
    // One index drop, five slices, one final step that finds it empty and drops it.
    expect(steps.stale_k1_declarations).toBe(7);
    // A WITHOUT ROWID table goes by primary key: three slices and the drop.
    expect(steps.stale_k1_samples).toBe(4);
    expect(steps.stale_k1_fts).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name GLOB 'stale_*'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('reports a table that is already gone as done', () => {
    const db = storeWithStaleTables();
    expect(dropStaleTableStep(db, 'stale_never_there')).toBe(true);
    db.close();
  });
});
