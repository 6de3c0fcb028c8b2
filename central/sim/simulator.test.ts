// The simulator: deterministic for a seed, traffic shares follow the port weights,
// records match their schemas, and the scenarios raise their alerts.
import { describe, expect, it } from 'vitest';
import { recordSchemas, type DeclarationRecord, type RecordKind } from '../../shared/central/records.js';
import { startCentral, type CentralOptions, type RunningCentral } from '../index.js';
import { containerCheck, usccCheck } from './codes.js';

const now = () => new Date('2026-11-23T04:00:00.000Z');

async function withCentral<T>(options: CentralOptions, fn: (c: RunningCentral) => Promise<T> | T): Promise<T> {
  const c = await startCentral({ speed: 0, now, ...options });
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

function dump(c: RunningCentral): string[] {
  return (c.log.db.prepare('SELECT seq, kind, key, scope, op, at, data FROM log ORDER BY seq').all() as Record<string, unknown>[]).map((r) => JSON.stringify(r));
}

describe('simulator', () => {
  it('is deterministic for a seed, whatever the step sizes', async () => {
    const a = await withCentral({ seed: 5, scale: 0.02, backfillDays: 0.1 }, (c) => {
      c.simulator!.step(3600);
      return dump(c);
    });
    const b = await withCentral({ seed: 5, scale: 0.02, backfillDays: 0.1 }, (c) => {
      for (let i = 0; i < 120; i++) c.simulator!.step(30);
      return dump(c);
    });
    const other = await withCentral({ seed: 6, scale: 0.02, backfillDays: 0.1 }, (c) => {
      c.simulator!.step(3600);
      return dump(c);
    });
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toEqual(a);
    expect(other).not.toEqual(a);
  });

  it('spreads declarations over ports in proportion to their weights', async () => {
    await withCentral({ seed: 2, scale: 0.2, backfillDays: 1 }, (c) => {
      const rows = c.log.db.prepare("SELECT json_extract(data, '$.port') AS port, count(*) AS n FROM log WHERE kind = 'declaration' GROUP BY port").all() as { port: string; n: number }[];
      const total = rows.reduce((s, r) => s + r.n, 0);
      expect(total).toBeGreaterThan(40_000);
      const byPort = new Map(rows.map((r) => [r.port, r.n / total]));
      const ports = c.simulator!.registry.ports;
      let checked = 0;
      for (const p of ports.filter((p) => p.weight >= 0.01)) {
        const share = byPort.get(p.code) ?? 0;
        expect(Math.abs(share - p.weight), `${p.code}: share ${share.toFixed(4)} vs weight ${p.weight}`).toBeLessThan(0.15 * p.weight);
        checked++;
      }
      expect(checked).toBeGreaterThan(20);
      const bySea = ports.filter((p) => p.type === 'sea').reduce((s, p) => s + (byPort.get(p.code) ?? 0), 0);
      expect(bySea).toBeGreaterThan(0.57);
      expect(bySea).toBeLessThan(0.63);
    });
  });

  it('publishes records that match their schemas, with well-formed codes', async () => {
    await withCentral({ seed: 3, scale: 0.05, backfillDays: 0.15 }, (c) => {
      c.simulator!.step(3600);
      const counts = new Map<string, number>();
      const ids = new Set<string>();
      const portTypes = new Map(c.simulator!.registry.ports.map((p) => [p.code, p.type]));
      for (const row of c.log.db.prepare("SELECT kind, key, scope, data FROM log WHERE op = 'put'").iterate() as Iterable<{ kind: RecordKind; key: string; scope: string; data: string }>) {
        const data = JSON.parse(row.data) as Record<string, unknown>;
        const parsed = recordSchemas[row.kind].safeParse(data);
        expect(parsed.success, `${row.kind} ${row.key}`).toBe(true);
        counts.set(row.kind, (counts.get(row.kind) ?? 0) + 1);
        if (row.kind !== 'declaration') continue;
        const d = data as DeclarationRecord;
        expect(row.scope).toBe(d.unit);
        expect(ids.has(d.id)).toBe(false);
        ids.add(d.id);
        expect(d.id.slice(0, 4)).toBe(d.unit);
        expect(usccCheck(d.enterprise.code.slice(0, 17))).toBe(d.enterprise.code[17]);
        expect(d.enterprise.code).toHaveLength(18);
        for (const box of d.containers) expect(containerCheck(box.slice(0, 10))).toBe(Number(box[10]));
        if (d.containers.length > 0) expect(d.transport).toBe('sea');
        const type = portTypes.get(d.port);
        if (type === 'sea' || type === 'air' || type === 'rail') expect(d.transport).toBe(type);
        expect(d.status).toBe(d.stages[d.stages.length - 1]!.stage);
        const times = d.stages.map((s) => Date.parse(s.at));
        expect([...times].sort((x, y) => x - y)).toEqual(times);
        expect(d.valueUsd).toBeCloseTo(d.items.reduce((s, i) => s + i.valueUsd, 0), 1);
      }
      for (const kind of ['unit', 'port', 'indicatorDef', 'indicatorSample', 'rule', 'watchlist', 'declaration'] as const) {
        expect(counts.get(kind) ?? 0, kind).toBeGreaterThan(0);
      }
      expect(counts.get('indicatorDef')).toBeGreaterThanOrEqual(450);
      const themes = new Set(c.simulator!.indicators.map((i) => i.def.theme));
      expect(themes.size).toBe(6);
    });
  });

  it('plays the scenarios: release climb, surge, overdue dangerous goods, watchlist hit, a published rule', async () => {
    await withCentral({ seed: 1, scale: 0.05, backfillDays: 0.5 }, (c) => {
      const head = c.log.head();
      c.simulator!.step(8 * 3600);
      const alerts = (c.log.db.prepare("SELECT data FROM log WHERE kind = 'alert' AND seq > ?").all(head) as { data: string }[]).map((r) => JSON.parse(r.data) as { rule: string; subject: { kind: string; key: string }; scope: string });
      const rules = new Set(alerts.map((a) => a.rule));
      expect(rules).toContain('thr.releaseMean.crit');
      expect(rules).toContain('anomaly.hsPartner');
      expect(rules).toContain('overdue.dg.entry');
      expect(rules).toContain('wl.enterprise');
      const published = c.log.db.prepare("SELECT data FROM log WHERE kind = 'rule' AND key LIKE 'pub.%' AND seq > ?").all(head) as { data: string }[];
      expect(published.length).toBe(1);
      expect(JSON.parse(published[0]!.data)).toMatchObject({ kind: 'threshold', publishedBy: expect.stringMatching(/^\d{2}$/) });
      const hit = alerts.find((a) => a.rule === 'wl.enterprise')!;
      const decl = JSON.parse(c.log.latest('declaration', hit.subject.key)!.data!) as DeclarationRecord;
      expect(decl.riskHits).toContain('wl.enterprise');
    });
  });
});
