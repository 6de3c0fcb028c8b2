// The typed columns of each record table (store/migrations/0001-initial.ts), derived
// from a record that already passed its zod schema.
import type {
  AlertRecord,
  IndicatorDefRecord,
  IndicatorSampleRecord,
  PortRecord,
  RecordKind,
  RuleRecord,
  UnitRecord,
  WatchlistRecord,
} from '../../shared/central/records.js';

type Row = Record<string, string | number | null>;

const ms = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));
const bool = (b: boolean): number => (b ? 1 : 0);

interface KeyedTable {
  table: string;
  columns: readonly string[];
  row: (data: Record<string, unknown>) => Row;
}

/** Every kind but declarations: rows keyed by the change key. */
export const keyedTables: Record<Exclude<RecordKind, 'declaration'>, KeyedTable> = {
  unit: {
    table: 'units',
    columns: ['level', 'parent', 'name_zh', 'name_en', 'lat', 'lon'],
    row: (d) => {
      const r = d as UnitRecord;
      return { level: r.level, parent: r.parent, name_zh: r.nameZh, name_en: r.nameEn, lat: r.lat, lon: r.lon };
    },
  },
  port: {
    table: 'ports',
    columns: ['name_zh', 'name_en', 'type', 'unit', 'lat', 'lon'],
    row: (d) => {
      const r = d as PortRecord;
      return { name_zh: r.nameZh, name_en: r.nameEn, type: r.type, unit: r.unit, lat: r.lat, lon: r.lon };
    },
  },
  indicatorDef: {
    table: 'indicator_defs',
    columns: ['theme', 'name_zh', 'name_en', 'unit', 'higher_is_worse', 'warn', 'crit'],
    row: (d) => {
      const r = d as IndicatorDefRecord;
      return { theme: r.theme, name_zh: r.nameZh, name_en: r.nameEn, unit: r.unit, higher_is_worse: bool(r.higherIsWorse), warn: r.warn, crit: r.crit };
    },
  },
  indicatorSample: {
    table: 'indicator_samples',
    columns: ['indicator', 'sample_scope', 'at', 'value'],
    row: (d) => {
      const r = d as IndicatorSampleRecord;
      return { indicator: r.indicator, sample_scope: r.scope, at: ms(r.at), value: r.value };
    },
  },
  rule: {
    table: 'rules',
    columns: ['version', 'kind', 'severity', 'published_by', 'enabled'],
    row: (d) => {
      const r = d as RuleRecord;
      return { version: r.version, kind: r.kind, severity: r.severity, published_by: r.publishedBy, enabled: bool(r.enabled) };
    },
  },
  watchlist: {
    table: 'watchlist',
    columns: ['entity_type', 'entity_key', 'reason', 'added_by', 'added_at'],
    row: (d) => {
      const r = d as WatchlistRecord;
      return { entity_type: r.entityType, entity_key: r.entityKey, reason: r.reason, added_by: r.addedBy, added_at: ms(r.addedAt) };
    },
  },
  alert: {
    table: 'alerts',
    columns: ['rule', 'severity', 'alert_scope', 'subject_kind', 'subject_key', 'raised_at', 'state', 'ack_by', 'ack_at', 'assignee', 'version'],
    row: (d) => {
      const r = d as AlertRecord;
      return {
        rule: r.rule,
        severity: r.severity,
        alert_scope: r.scope,
        subject_kind: r.subject.kind,
        subject_key: r.subject.key,
        raised_at: ms(r.raisedAt),
        state: r.state,
        ack_by: r.ackBy,
        ack_at: ms(r.ackAt),
        assignee: r.assignee,
        version: r.version,
      };
    },
  },
};

/** Table name of each kind, for export and counts. */
export const kindTables: Record<RecordKind, string> = {
  ...Object.fromEntries(Object.entries(keyedTables).map(([kind, t]) => [kind, t.table])),
  declaration: 'declarations',
} as Record<RecordKind, string>;

export const declarationColumns = [
  'direction',
  'port',
  'unit',
  'status',
  'declared_at',
  'partner_country',
  'enterprise_code',
  'enterprise_name',
  'transport',
  'trade_mode',
  'value_usd',
  'risk_score',
  'dangerous',
  'fts_sig',
] as const;
