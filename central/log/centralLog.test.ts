// The log's own guarantees: seqs never reused, compaction, retention, bad input.
import { describe, expect, it } from 'vitest';
import { CentralLog, LogInputError } from './centralLog.js';

const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`;

describe('CentralLog', () => {
  it('never reuses a seq, even when the newest rows were purged', () => {
    const log = new CentralLog();
    log.put('watchlist', { id: 'w' }, { key: 'w', scope: '*', at: at(1) });
    log.del('watchlist', 'w', { scope: '*', at: at(1) });
    const head = log.head();
    log.purgeTombstones({ beforeSeq: head + 1 });
    log.compact();
    expect(log.put('watchlist', { id: 'v' }, { key: 'v', scope: '*', at: at(2) })).toBe(head + 1);
    log.close();
  });

  it('prunes indicator samples older than the retention, without tombstones, and nothing else', () => {
    const log = new CentralLog();
    for (let d = 1; d <= 10; d++) {
      log.append([
        { kind: 'indicatorSample', op: 'put', key: `i|*|${at(d)}`, scope: '*', at: at(d), data: { value: d } },
        { kind: 'declaration', op: 'put', key: `d${d}`, scope: '53', at: at(d), data: { d } },
      ]);
    }
    expect(log.pruneSamples(new Date(at(4)))).toBe(3);
    expect(log.countRows('indicatorSample')).toBe(7);
    expect(log.countRows('declaration')).toBe(10);
    expect(log.countRows()).toBe(17);
    expect(log.horizon()).toBe(0);
    expect(log.pruneSamples(new Date(at(4)))).toBe(0);
    expect(log.pruneSamples(new Date(at(6)))).toBe(2);
    log.close();
  });

  it('refuses malformed changes and keeps the log as it was', () => {
    const log = new CentralLog();
    log.put('unit', { code: '53' }, { key: '53', scope: '*', at: at(1) });
    const head = log.head();
    const bad = [
      { kind: '', op: 'put' as const, key: 'k', scope: '*', at: at(1), data: {} },
      { kind: 'unit', op: 'put' as const, key: 'k', scope: 'Shenzhen', at: at(1), data: {} },
      { kind: 'unit', op: 'put' as const, key: 'k', scope: '*', at: 'yesterday', data: {} },
      { kind: 'unit', op: 'put' as const, key: 'k', scope: '*', at: at(1), data: null },
    ];
    for (const change of bad) {
      expect(() => log.append([{ kind: 'unit', op: 'put', key: 'ok', scope: '*', at: at(1), data: {} }, change])).toThrow(LogInputError);
    }
    expect(log.head()).toBe(head);
    expect(log.countRows()).toBe(1);
    log.close();
  });
});
