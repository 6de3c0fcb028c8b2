// The rules central evaluates (one of each kind at least) and the seed watchlist.
import type { RuleRecord, WatchlistRecord } from '../../shared/central/records.js';
import type { Parties } from './parties.js';
import type { Registry } from './registry.js';

function rule(id: string, kind: RuleRecord['kind'], severity: RuleRecord['severity'], params: Record<string, unknown>, extra: Record<string, unknown> = {}): RuleRecord {
  return { id, version: 1, kind, params, severity, publishedBy: '*', enabled: true, ...extra };
}

export function baseRules(): RuleRecord[] {
  return [
    rule('thr.releaseMean.crit', 'threshold', 'critical', { indicator: 'tl.releaseMean.all.all.h', op: 'gt', value: 300, levels: [1, 2] }, { nameZh: '平均通关时间超过5小时', nameEn: 'Mean clearance time over 5 h' }),
    rule('thr.releaseMean.warn', 'threshold', 'warning', { indicator: 'tl.releaseMean.all.all.h', op: 'gt', value: 180, levels: [0, 1] }, { nameZh: '平均通关时间超过3小时', nameEn: 'Mean clearance time over 3 h' }),
    rule('thr.inspRate', 'threshold', 'warning', { indicator: 'rk.inspRate.all.all.h', op: 'gt', value: 20, levels: [0, 1] }, { nameZh: '查验率超过20%', nameEn: 'Inspection rate over 20%' }),
    rule('thr.surge.s16', 'threshold', 'warning', { indicator: 'an.surge.s16', op: 'gt', value: 3, levels: [0, 1] }, { nameZh: '机电产品申报激增', nameEn: 'Surge of machinery and electrical declarations' }),
    rule('thr.feverRate', 'threshold', 'warning', { indicator: 'hq.feverRate.h', op: 'gt', value: 15, levels: [0] }, { nameZh: '旅客发热检出率偏高', nameEn: 'High fever detection among travellers' }),
    rule('thr.dgOverdue', 'threshold', 'warning', { indicator: 'dg.overdueNow', op: 'gt', value: 2, levels: [1] }, { nameZh: '多票危险货物超期滞留', nameEn: 'Several dangerous goods overdue' }),
    rule('overdue.dg.entry', 'overdue', 'critical', { stage: 'entry', limitHours: 72, dangerousOnly: true }, { nameZh: '危险货物通关超期', nameEn: 'Dangerous goods entry overdue' }),
    rule('overdue.dg.inspection', 'overdue', 'warning', { stage: 'inspection', limitHours: 48, dangerousOnly: true }, { nameZh: '危险货物查验超期', nameEn: 'Dangerous goods inspection overdue' }),
    rule('overdue.dg.removal', 'overdue', 'warning', { stage: 'removal', limitHours: 48, dangerousOnly: true }, { nameZh: '危险货物放行后未及时提离', nameEn: 'Dangerous goods not removed after release' }),
    rule('anomaly.hsPartner', 'anomaly', 'warning', { series: 'hsPartnerHourly', factor: 4, minValue: 25 }, { nameZh: '商品与贸易国别申报异常激增', nameEn: 'Surge of one HS chapter from one partner' }),
    rule('wl.enterprise', 'watchlist', 'critical', { entityType: 'enterprise' }, { nameZh: '高风险企业申报', nameEn: 'Watchlisted enterprise declares' }),
    rule('wl.vessel', 'watchlist', 'warning', { entityType: 'vessel' }, { nameZh: '高风险船舶载货申报', nameEn: 'Cargo on a watchlisted vessel' }),
    rule('wl.flight', 'watchlist', 'warning', { entityType: 'flight' }, { nameZh: '高风险航班载货申报', nameEn: 'Cargo on a watchlisted flight' }),
  ];
}

const enterpriseReasons = ['多次申报不实 / repeated misdeclaration', '涉嫌低报价格 / suspected undervaluation', '涉嫌侵犯知识产权 / suspected IP infringement', '涉嫌走私 / suspected smuggling', '原产地证书存疑 / doubtful certificates of origin'];

/** Seed watchlist: tail-end enterprises (they declare now and then), some vessels, flights and persons. */
export function seedWatchlist(reg: Registry, parties: Parties, addedAt: string): WatchlistRecord[] {
  const out: WatchlistRecord[] = [];
  const units = [...reg.units].sort((a, b) => a.code.localeCompare(b.code));
  for (let i = 0; i < 8; i++) {
    const unit = units[(i * 7) % units.length]!;
    const list = parties.enterprises.get(unit.code)!;
    const e = list[Math.floor(list.length * (0.6 + 0.05 * (i % 5)))]!;
    out.push({ id: `wl-ent-${e.code}`, entityType: 'enterprise', entityKey: e.code, reason: enterpriseReasons[i % enterpriseReasons.length]!, addedBy: unit.code, addedAt, name: e.name });
  }
  for (let i = 0; i < 6; i++) {
    const v = parties.vessels[i * 37]!;
    out.push({ id: `wl-vsl-${v.id}`, entityType: 'vessel', entityKey: v.id, reason: '船舶曾涉走私 / vessel linked to smuggling', addedBy: '*', addedAt, name: v.name });
  }
  for (let i = 0; i < 3; i++) {
    const f = parties.flights[i * 53]!;
    out.push({ id: `wl-flt-${f.id}`, entityType: 'flight', entityKey: f.id, reason: '航班曾查获违禁品 / contraband found before', addedBy: '*', addedAt, name: f.name });
  }
  for (let i = 0; i < 4; i++) {
    const passport = `E${String(31_000_000 + i * 7_919_113).slice(0, 8)}`;
    out.push({ id: `wl-psn-${passport}`, entityType: 'person', entityKey: passport, reason: '布控人员 / person of interest', addedBy: '*', addedAt });
  }
  return out;
}
