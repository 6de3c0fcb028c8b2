import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openReadableDb, openWritableDb } from '../db.js';
import { StoreVersionError, latestVersion, migrations } from './index.js';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pw-mig-'));
  dirs.push(dir);
  return join(dir, 'store.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('are numbered 1, 2, 3, ... without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('upgrade a database made by migration 1 to the latest, keeping its rows', () => {
    const path = tempDb();
    const v1 = openWritableDb(path, { migrateTo: 1 });
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.prepare(`INSERT INTO rules (key, seq, scope, updated_at, raw, version, kind, severity, published_by, enabled)
      VALUES ('r1', 7, '*', 0, '{"id":"r1"}', 1, 'threshold', 'info', '53', 1)`).run();
    v1.close();

    const latest = openWritableDb(path);
    expect(latest.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(latest.prepare('SELECT seq FROM rules WHERE key = ?').get('r1')).toEqual({ seq: 7 });
    expect(latest.prepare("SELECT count(*) AS n FROM outbox").get()).toEqual({ n: 0 });
    expect(latest.pragma('auto_vacuum', { simple: true })).toBe(2);
    latest.close();
  });

  it("rebuild the port index with the status (5), also under a resync's renamed name", () => {
    const path = tempDb();
    const v4 = openWritableDb(path, { migrateTo: 4 });
    v4.exec('DROP INDEX declarations_port; CREATE INDEX declarations_port__rabc ON declarations (port, declared_at)');
    v4.close();
    const db = openWritableDb(path);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT status, count(*) FROM declarations WHERE port = 'CNYGS' AND declared_at >= 0 GROUP BY status")
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX declarations_port__rabc/);
    db.close();
  });

  it('refuse a database from a newer Portwall', () => {
    const path = tempDb();
    const db = openWritableDb(path);
    db.pragma(`user_version = ${latestVersion + 1}`);
    db.close();
    expect(() => openWritableDb(path)).toThrow(StoreVersionError);
  });

  it('open read-only handles that cannot write', () => {
    const path = tempDb();
    openWritableDb(path).close();
    const reader = openReadableDb(path);
    expect(() => reader.prepare("DELETE FROM rules").run()).toThrow(/readonly/);
    reader.close();
  });
});
