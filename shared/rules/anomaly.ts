// Anomaly rules: a value far above its own baseline (a surge).
import type { RuleRecord } from '../central/records.js';
import { alertId, type AlertDraft, type AlertSubject } from './alertDraft.js';
import type { AnomalyParams } from './params.js';

export interface SeriesPoint {
  series: string;
  subject: AlertSubject;
  /** Human label of the subject, e.g. "HS 85 from VN". */
  label: { zh: string; en: string };
  scope: string;
  /** Window identifier (e.g. the hour) and its end. */
  window: string;
  at: string;
  value: number;
  baseline: number;
}

export function evaluateAnomaly(rule: RuleRecord, params: AnomalyParams, point: SeriesPoint): AlertDraft | null {
  if (!rule.enabled || point.series !== params.series) return null;
  // A baseline below one would turn any single event into a surge.
  const baseline = Math.max(point.baseline, 1);
  if (point.value < params.minValue || point.value < params.factor * baseline) return null;
  const ratio = Math.round((point.value / baseline) * 10) / 10;
  return {
    id: alertId(rule.id, point.subject, point.window),
    rule: rule.id,
    severity: rule.severity,
    scope: point.scope,
    subject: point.subject,
    raisedAt: point.at,
    message: {
      zh: `${point.label.zh} 异常激增：${point.value}，为基线 ${Math.round(baseline * 10) / 10} 的 ${ratio} 倍`,
      en: `${point.label.en} surged to ${point.value}, ${ratio}× its baseline of ${Math.round(baseline * 10) / 10}`,
    },
  };
}
