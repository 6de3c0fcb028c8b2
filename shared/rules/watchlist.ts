// Watchlist rules: a declaration by (or for) a listed entity.
import type { DeclarationRecord, RuleRecord, WatchlistRecord } from '../central/records.js';
import { alertId, beijingDay, type AlertDraft } from './alertDraft.js';
import type { WatchlistParams } from './params.js';

/** The key a declaration shows for an entity type, if it has one. */
function entityKeyOf(decl: DeclarationRecord, entityType: WatchlistParams['entityType']): string | null {
  if (entityType === 'enterprise') return decl.enterprise.code;
  const conveyance = (decl as { conveyance?: { kind?: string; id?: string } }).conveyance;
  return conveyance?.kind === entityType && typeof conveyance.id === 'string' ? conveyance.id : null;
}

/** `entries`: watchlist records by `${entityType}:${entityKey}`. */
export function watchlistKey(entityType: string, entityKey: string): string {
  return `${entityType}:${entityKey}`;
}

export function evaluateWatchlist(
  rule: RuleRecord,
  params: WatchlistParams,
  decl: DeclarationRecord,
  entries: ReadonlyMap<string, WatchlistRecord>,
): AlertDraft | null {
  if (!rule.enabled) return null;
  const key = entityKeyOf(decl, params.entityType);
  const entry = key === null ? undefined : entries.get(watchlistKey(params.entityType, key));
  if (!entry) return null;
  // A listed company or person: every declaration matters. A listed vessel or flight
  // carries hundreds of declarations: one alert per conveyance and day.
  const perDeclaration = params.entityType === 'enterprise' || params.entityType === 'person';
  const subject = perDeclaration ? { kind: 'declaration', key: decl.id } : { kind: params.entityType, key: key! };
  return {
    id: alertId(rule.id, subject, perDeclaration ? entry.id : beijingDay(decl.declaredAt)),
    rule: rule.id,
    severity: rule.severity,
    scope: decl.unit,
    subject,
    raisedAt: decl.declaredAt,
    message: {
      zh: `高风险名单命中：${perDeclaration ? decl.enterprise.name : params.entityType} ${key} 出现在 ${decl.port} 报关单 ${decl.id}。列入原因：${entry.reason}`,
      en: `Watchlist hit: ${perDeclaration ? decl.enterprise.name : params.entityType} ${key} on declaration ${decl.id} at ${decl.port}. Listed for: ${entry.reason}`,
    },
  };
}
