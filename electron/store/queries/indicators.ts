// Indicator tiles: the newest sample of each indicator for a scope, and one series.
import type { IndicatorValue } from '../../../shared/host/methods/indicators.js';
import type { ReadableDB } from '../db.js';
import { timed } from './slowQuery.js';

interface LatestRow {
  key: string;
  theme: string;
  name_zh: string;
  name_en: string;
  unit: string;
  higher_is_worse: number;
  warn: number | null;
  crit: number | null;
  value: number | null;
  at: number | null;
}

function level(row: LatestRow): IndicatorValue['level'] {
  if (row.value === null) return null;
  const worse = (limit: number | null) => limit !== null && (row.higher_is_worse ? row.value! >= limit : row.value! <= limit);
  if (worse(row.crit)) return 'crit';
  if (worse(row.warn)) return 'warn';
  return 'ok';
}

export function latestIndicators(db: ReadableDB, scope: string, theme?: string): IndicatorValue[] {
  return timed('indicators.latest', () => {
    const rows = db
      .prepare(
        `SELECT d.key, d.theme, d.name_zh, d.name_en, d.unit, d.higher_is_worse, d.warn, d.crit, s.value, s.at
         FROM indicator_defs d
         LEFT JOIN indicator_samples s ON s.key = (
           SELECT key FROM indicator_samples WHERE indicator = d.key AND sample_scope = ? ORDER BY at DESC LIMIT 1)
         ${theme ? 'WHERE d.theme = ?' : ''}
         ORDER BY d.theme, d.key`,
      )
      .all(...(theme ? [scope, theme] : [scope])) as LatestRow[];
    return rows.map((row) => ({
      id: row.key,
      theme: row.theme,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      unit: row.unit,
      higherIsWorse: row.higher_is_worse === 1,
      warn: row.warn,
      crit: row.crit,
      value: row.value,
      at: row.at === null ? null : new Date(row.at).toISOString(),
      level: level(row),
    }));
  });
}

export function indicatorSeries(db: ReadableDB, indicator: string, scope: string, from?: string, to?: string): Array<{ at: string; value: number | null }> {
  return timed('indicators.series', () => {
    const rows = db
      .prepare('SELECT at, value FROM indicator_samples WHERE indicator = ? AND sample_scope = ? AND at >= ? AND at < ? ORDER BY at')
      .all(indicator, scope, from ? Date.parse(from) : 0, to ? Date.parse(to) : Number.MAX_SAFE_INTEGER) as Array<{ at: number; value: number | null }>;
    return rows.map((r) => ({ at: new Date(r.at).toISOString(), value: r.value }));
  });
}
