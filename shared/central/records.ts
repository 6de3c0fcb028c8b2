// Zod schemas of the central API's record kinds (../shared/API.md, "Record kinds").
// Objects are loose: central may send fields this client does not know yet, and the
// client keeps records exactly as received (forward compatibility). Known fields are
// checked strictly.
import { z } from 'zod';

export const isoTime = z.iso.datetime({ offset: true });
const lat = z.number().min(-90).max(90);
const lon = z.number().min(-180).max(180);
const nullableNumber = z.number().nullable();

/** `*` (national), a 2-digit directly-affiliated code, or a 4-digit subordinate code. */
export const scopeCode = z.string().regex(/^(\*|\d{2}|\d{4})$/, 'scope must be *, a 2-digit or a 4-digit customs code');

export const unitRecord = z.looseObject({
  code: z.string().regex(/^\d{2}(\d{2})?$/),
  level: z.union([z.literal(1), z.literal(2)]),
  parent: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  lat,
  lon,
});

export const portType = z.enum(['sea', 'air', 'land', 'rail']);
export const portRecord = z.looseObject({
  code: z.string().min(1),
  nameZh: z.string(),
  nameEn: z.string(),
  type: portType,
  unit: z.string(),
  lat,
  lon,
});

export const declarationStatus = z.enum(['declared', 'screening', 'inspection', 'held', 'released', 'returned']);
export const transportMode = z.enum(['sea', 'air', 'road', 'rail']);
export const declarationRecord = z.looseObject({
  id: z.string().regex(/^\d{18}$/, 'declaration id must be 18 digits'),
  direction: z.enum(['import', 'export']),
  port: z.string(),
  unit: z.string(),
  declaredAt: isoTime,
  status: declarationStatus,
  stages: z.array(z.looseObject({ stage: declarationStatus, at: isoTime })),
  tradeMode: z.string(),
  transport: transportMode,
  partnerCountry: z.string().regex(/^[A-Z]{2}$/),
  enterprise: z.looseObject({ code: z.string(), name: z.string() }),
  valueUsd: z.number().nonnegative(),
  items: z.array(
    z.looseObject({
      hs: z.string(),
      description: z.string(),
      quantity: z.number(),
      unit: z.string(),
      valueUsd: z.number(),
    }),
  ),
  riskScore: z.number().min(0).max(1),
  riskHits: z.array(z.string()),
  dangerous: z.looseObject({ unNumber: z.string(), hazardClass: z.string() }).nullable(),
  containers: z.array(z.string()),
});

export const indicatorLevel = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export const indicatorDefRecord = z.looseObject({
  id: z.string().min(1),
  theme: z.string().min(1),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  higherIsWorse: z.boolean(),
  warn: nullableNumber,
  crit: nullableNumber,
  level: z.array(indicatorLevel),
});

export const indicatorSampleRecord = z.looseObject({
  indicator: z.string().min(1),
  scope: scopeCode,
  at: isoTime,
  value: nullableNumber,
});

export const severity = z.enum(['info', 'warning', 'critical']);
export const ruleRecord = z.looseObject({
  id: z.string().min(1),
  version: z.number().int(),
  kind: z.enum(['threshold', 'overdue', 'anomaly', 'watchlist']),
  params: z.record(z.string(), z.unknown()),
  severity,
  publishedBy: z.string(),
  enabled: z.boolean(),
});

export const watchlistRecord = z.looseObject({
  id: z.string().min(1),
  entityType: z.enum(['enterprise', 'person', 'vessel', 'flight']),
  entityKey: z.string(),
  reason: z.string(),
  addedBy: z.string(),
  addedAt: isoTime,
});

export const alertState = z.enum(['open', 'acknowledged', 'resolved']);
export const alertComment = z.looseObject({ by: z.string(), at: isoTime, text: z.string() });
export const alertRecord = z.looseObject({
  id: z.string().min(1),
  rule: z.string(),
  severity,
  scope: scopeCode,
  subject: z.looseObject({ kind: z.string(), key: z.string() }),
  raisedAt: isoTime,
  message: z.looseObject({ zh: z.string(), en: z.string() }),
  state: alertState,
  ackBy: z.string().nullable(),
  ackAt: isoTime.nullable(),
  assignee: z.string().nullable(),
  comments: z.array(alertComment),
  version: z.number().int().nonnegative(),
});

/** Every record kind and its schema; the single source for validation on both sides. */
export const recordSchemas = {
  unit: unitRecord,
  port: portRecord,
  indicatorDef: indicatorDefRecord,
  indicatorSample: indicatorSampleRecord,
  rule: ruleRecord,
  watchlist: watchlistRecord,
  declaration: declarationRecord,
  alert: alertRecord,
} as const;

export type RecordKind = keyof typeof recordSchemas;
export const recordKinds = Object.keys(recordSchemas) as RecordKind[];

export type UnitRecord = z.infer<typeof unitRecord>;
export type PortRecord = z.infer<typeof portRecord>;
export type DeclarationRecord = z.infer<typeof declarationRecord>;
export type DeclarationStatus = z.infer<typeof declarationStatus>;
export type IndicatorDefRecord = z.infer<typeof indicatorDefRecord>;
export type IndicatorSampleRecord = z.infer<typeof indicatorSampleRecord>;
export type RuleRecord = z.infer<typeof ruleRecord>;
export type WatchlistRecord = z.infer<typeof watchlistRecord>;
export type AlertRecord = z.infer<typeof alertRecord>;
export type Severity = z.infer<typeof severity>;

/** The key of a record in the change log, derived from its data (API.md). */
export function recordKey(kind: RecordKind, data: Record<string, unknown>): string {
  switch (kind) {
    case 'unit':
    case 'port':
      return String(data.code);
    case 'indicatorSample':
      return `${String(data.indicator)}|${String(data.scope)}|${String(data.at)}`;
    default:
      return String(data.id);
  }
}
