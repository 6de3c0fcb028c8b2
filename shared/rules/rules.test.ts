// Rule evaluation: the same inputs give the same alert (id included) on any side.
import { describe, expect, it } from 'vitest';
import type { DeclarationRecord, RuleRecord, WatchlistRecord } from '../central/records.js';
import { alertRecord } from '../central/records.js';
import { alertId, beijingDay, hourWindow, newAlert } from './alertDraft.js';
import { evaluateAnomaly } from './anomaly.js';
import { dwellSpan, evaluateOverdue } from './overdue.js';
import { anomalyParams, overdueParams, thresholdParams, watchlistParams } from './params.js';
import { evaluateThreshold } from './threshold.js';
import { evaluateWatchlist, watchlistKey } from './watchlist.js';

const rule = (id: string, kind: RuleRecord['kind'], params: Record<string, unknown>): RuleRecord => ({ id, version: 1, kind, params, severity: 'warning', publishedBy: '*', enabled: true });

const decl = (over: Partial<DeclarationRecord> = {}): DeclarationRecord => ({
  id: '539120261123000417',
  direction: 'import',
  port: 'CNYTN',
  unit: '5391',
  declaredAt: '2026-11-20T00:00:00.000Z',
  status: 'inspection',
  stages: [
    { stage: 'declared', at: '2026-11-20T00:00:00.000Z' },
    { stage: 'screening', at: '2026-11-20T00:02:00.000Z' },
    { stage: 'inspection', at: '2026-11-20T01:00:00.000Z' },
  ],
  tradeMode: '0110',
  transport: 'sea',
  partnerCountry: 'VN',
  enterprise: { code: '914403001234567890', name: '深圳市华信电子科技有限公司' },
  valueUsd: 1000,
  items: [],
  riskScore: 0.2,
  riskHits: [],
  dangerous: { unNumber: '1203', hazardClass: '3', dwell: { arrivedAt: '2026-11-19T00:00:00.000Z', removedAt: null } },
  containers: [],
  ...over,
});

describe('windows and ids', () => {
  it('uses the Beijing day and the UTC hour', () => {
    expect(beijingDay('2026-11-23T15:59:59.000Z')).toBe('20261123');
    expect(beijingDay('2026-11-23T16:00:00.000Z')).toBe('20261124');
    expect(hourWindow('2026-11-23T04:30:00.000Z')).toBe('2026112304');
    expect(alertId('r', { kind: 'declaration', key: '1' }, 'w')).toBe('r~declaration~1~w');
  });
});

describe('threshold', () => {
  const r = rule('thr', 'threshold', { indicator: 'tl.x', op: 'gt', value: 240, levels: [1, 2] });
  const p = thresholdParams.parse(r.params);
  const sample = { indicator: 'tl.x', scope: '5391', level: 2 as const, at: '2026-11-23T04:00:00.000Z', value: 250 };
  it('raises one alert per rule, subject and Beijing day', () => {
    const a = evaluateThreshold(r, p, sample, { zh: '平均通关时间', en: 'Mean clearance time' })!;
    expect(a.id).toBe('thr~indicator~tl.x@5391~20261123');
    expect(a.scope).toBe('5391');
    expect(alertRecord.safeParse(newAlert(a)).success).toBe(true);
    const later = evaluateThreshold(r, p, { ...sample, at: '2026-11-23T09:00:00.000Z', value: 300 }, { zh: '', en: '' })!;
    expect(later.id).toBe(a.id);
  });
  it('ignores other levels, nulls, values on the right side and disabled rules', () => {
    expect(evaluateThreshold(r, p, { ...sample, level: 0 }, { zh: '', en: '' })).toBeNull();
    expect(evaluateThreshold(r, p, { ...sample, value: null }, { zh: '', en: '' })).toBeNull();
    expect(evaluateThreshold(r, p, { ...sample, value: 240 }, { zh: '', en: '' })).toBeNull();
    expect(evaluateThreshold({ ...r, enabled: false }, p, sample, { zh: '', en: '' })).toBeNull();
  });
});

describe('overdue', () => {
  const entry = rule('od.entry', 'overdue', { stage: 'entry', limitHours: 72, dangerousOnly: true });
  const inspection = rule('od.insp', 'overdue', { stage: 'inspection', limitHours: 48, dangerousOnly: true });
  it('measures the running stage against the clock and dates the alert when the limit passed', () => {
    const d = decl();
    expect(dwellSpan(d, 'inspection')).toEqual({ start: '2026-11-20T01:00:00.000Z', end: null });
    expect(evaluateOverdue(inspection, overdueParams.parse(inspection.params), d, '2026-11-22T00:00:00.000Z')).toBeNull();
    const a = evaluateOverdue(inspection, overdueParams.parse(inspection.params), d, '2026-11-22T02:00:00.000Z')!;
    expect(a.raisedAt).toBe('2026-11-22T01:00:00.000Z');
    expect(a.id).toBe('od.insp~declaration~539120261123000417~inspection');
    const e = evaluateOverdue(entry, overdueParams.parse(entry.params), d, '2026-11-22T02:00:00.000Z')!;
    expect(e.raisedAt).toBe('2026-11-22T00:00:00.000Z');
  });
  it('skips goods that are not dangerous when the rule says so', () => {
    expect(evaluateOverdue(entry, overdueParams.parse(entry.params), decl({ dangerous: null }), '2026-12-01T00:00:00.000Z')).toBeNull();
  });
});

describe('anomaly', () => {
  const r = rule('an', 'anomaly', { series: 'hsPartnerHourly', factor: 4, minValue: 25 });
  const p = anomalyParams.parse(r.params);
  const point = { series: 'hsPartnerHourly', subject: { kind: 'flow', key: 'HS85-VN' }, label: { zh: 'x', en: 'x' }, scope: '*', window: '2026112304', at: '2026-11-23T05:00:00.000Z', value: 45, baseline: 6 };
  it('raises when the value is both large and a multiple of its baseline', () => {
    expect(evaluateAnomaly(r, p, point)?.id).toBe('an~flow~HS85-VN~2026112304');
    expect(evaluateAnomaly(r, p, { ...point, baseline: 12 })).toBeNull();
    expect(evaluateAnomaly(r, p, { ...point, value: 20, baseline: 0 })).toBeNull();
    expect(evaluateAnomaly(r, p, { ...point, series: 'other' })).toBeNull();
  });
});

describe('watchlist', () => {
  const listed: WatchlistRecord = { id: 'wl-1', entityType: 'enterprise', entityKey: '914403001234567890', reason: 'test', addedBy: '53', addedAt: '2026-11-01T00:00:00.000Z' };
  const vessel: WatchlistRecord = { id: 'wl-2', entityType: 'vessel', entityKey: 'IMO9123456', reason: 'test', addedBy: '*', addedAt: '2026-11-01T00:00:00.000Z' };
  const entries = new Map([listed, vessel].map((w) => [watchlistKey(w.entityType, w.entityKey), w]));
  it('hits a listed enterprise once per declaration, a listed vessel once per day', () => {
    const ent = rule('wl.e', 'watchlist', { entityType: 'enterprise' });
    expect(evaluateWatchlist(ent, watchlistParams.parse(ent.params), decl(), entries)?.id).toBe('wl.e~declaration~539120261123000417~wl-1');
    const ves = rule('wl.v', 'watchlist', { entityType: 'vessel' });
    const onVessel = { ...decl(), conveyance: { kind: 'vessel', id: 'IMO9123456', name: 'X' } };
    expect(evaluateWatchlist(ves, watchlistParams.parse(ves.params), onVessel, entries)?.id).toBe('wl.v~vessel~IMO9123456~20261120');
    expect(evaluateWatchlist(ves, watchlistParams.parse(ves.params), decl(), entries)).toBeNull();
    expect(evaluateWatchlist(ent, watchlistParams.parse(ent.params), decl({ enterprise: { code: 'x', name: 'y' } }), entries)).toBeNull();
  });
});
