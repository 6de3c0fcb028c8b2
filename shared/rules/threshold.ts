// Threshold rules: an indicator sample above (or below) a fixed value.
import type { RuleRecord } from '../central/records.js';
import { alertId, beijingDay, type AlertDraft } from './alertDraft.js';
import type { ThresholdParams } from './params.js';

export interface SamplePoint {
  indicator: string;
  scope: string;
  /** 0 national, 1 directly-affiliated, 2 subordinate. */
  level: 0 | 1 | 2;
  at: string;
  value: number | null;
}

export function thresholdBreached(params: ThresholdParams, sample: SamplePoint): boolean {
  if (sample.value === null || sample.indicator !== params.indicator || !params.levels.includes(sample.level)) return false;
  return params.op === 'gt' ? sample.value > params.value : sample.value < params.value;
}

/**
 * The alert a breaching sample raises: one per rule, indicator and scope per Beijing
 * day, so a breach that lasts hours is one alert, not one per sample.
 */
export function evaluateThreshold(
  rule: RuleRecord,
  params: ThresholdParams,
  sample: SamplePoint,
  indicatorName: { zh: string; en: string },
): AlertDraft | null {
  if (!rule.enabled || !thresholdBreached(params, sample)) return null;
  const subject = { kind: 'indicator', key: `${sample.indicator}@${sample.scope}` };
  const where = sample.scope === '*' ? { zh: '全国', en: 'national' } : { zh: `关区 ${sample.scope}`, en: `customs ${sample.scope}` };
  const value = Math.round((sample.value ?? 0) * 100) / 100;
  const cmp = params.op === 'gt' ? { zh: '高于', en: 'above' } : { zh: '低于', en: 'below' };
  return {
    id: alertId(rule.id, subject, beijingDay(sample.at)),
    rule: rule.id,
    severity: rule.severity,
    scope: sample.scope,
    subject,
    raisedAt: sample.at,
    message: {
      zh: `${indicatorName.zh}（${where.zh}）为 ${value}，${cmp.zh}阈值 ${params.value}`,
      en: `${indicatorName.en} (${where.en}) is ${value}, ${cmp.en} the threshold ${params.value}`,
    },
  };
}
