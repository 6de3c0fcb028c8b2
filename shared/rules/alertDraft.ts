// What an evaluated rule produces, and how it becomes an `alert` record.
import type { AlertRecord, RuleRecord } from '../central/records.js';

export type AlertSubject = {
  kind: string;
  key: string;
};

export interface AlertDraft {
  id: string;
  rule: string;
  severity: RuleRecord['severity'];
  scope: string;
  subject: AlertSubject;
  raisedAt: string;
  message: { zh: string; en: string };
}

/**
 * Deterministic alert id (ARCHITECTURE.md): the same rule, subject and window give the
 * same id on central and on a client evaluating provisionally. Characters that need
 * escaping in a URL path are avoided by construction; callers still encode it.
 */
export function alertId(ruleId: string, subject: AlertSubject, window: string): string {
  return `${ruleId}~${subject.kind}~${subject.key}~${window}`;
}

/** The Beijing calendar day (UTC+8) of an instant, `YYYYMMDD`: customs work by local day. */
export function beijingDay(at: string | number | Date): string {
  const t = new Date(at).getTime();
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** The UTC hour of an instant, `YYYYMMDDHH`. */
export function hourWindow(at: string | number | Date): string {
  return new Date(at)
    .toISOString().slice(0, 13).replaceAll('-', '').replace('T', '');
}

export function newAlert(draft: AlertDraft): AlertRecord {
  return {
    ...draft,
    state: 'open',
    ackBy: null,
    ackAt: null,
    assignee: null,
    comments: [],
    version: 1,
  };
}
