// Overdue detention: a stage of a (dangerous-goods) declaration's dwell at the port
// lasting longer than its limit.
import type { DeclarationRecord, RuleRecord } from '../central/records.js';
import { alertId, type AlertDraft } from './alertDraft.js';
import type { DwellStage, OverdueParams } from './params.js';

const hour = 3_600_000;

/** Dwell times a simulator or a real central adds to `dangerous` (loose fields). */
interface Dwell {
  arrivedAt?: string;
  removedAt?: string | null;
}

function stageAt(decl: DeclarationRecord, ...stages: string[]): string | null {
  return decl.stages.find((s) => stages.includes(s.stage))?.at ?? null;
}

/** Start and (null while running) end of a dwell stage, or null when it has not begun. */
export function dwellSpan(decl: DeclarationRecord, stage: DwellStage): { start: string; end: string | null } | null {
  const dwell = ((decl.dangerous as { dwell?: Dwell } | null)?.dwell ?? {}) as Dwell;
  const cleared = stageAt(decl, 'released', 'returned');
  switch (stage) {
    case 'entry': {
      // From arrival at the port until customs clears (or returns) the goods.
      const start = dwell.arrivedAt ?? decl.declaredAt;
      return { start, end: cleared };
    }
    case 'inspection': {
      const i = decl.stages.findIndex((s) => s.stage === 'inspection');
      if (i < 0) return null;
      return { start: decl.stages[i]!.at, end: decl.stages[i + 1]?.at ?? null };
    }
    case 'removal': {
      // From release until the goods leave the port area.
      const released = stageAt(decl, 'released');
      if (!released) return null;
      return { start: released, end: dwell.removedAt ?? null };
    }
  }
}

/** The alert for an overdue stage; `now` is central's clock (or the client's view of it). */
export function evaluateOverdue(rule: RuleRecord, params: OverdueParams, decl: DeclarationRecord, now: string): AlertDraft | null {
  if (!rule.enabled || (params.dangerousOnly && !decl.dangerous)) return null;
  const span = dwellSpan(decl, params.stage);
  if (!span) return null;
  const start = Date.parse(span.start);
  const end = Date.parse(span.end ?? now);
  const limit = params.limitHours * hour;
  if (end - start <= limit) return null;
  const subject = { kind: 'declaration', key: decl.id };
  const hours = Math.round((end - start) / hour);
  const dg = decl.dangerous ? ` UN${decl.dangerous.unNumber}` : '';
  const stageZh = { entry: '通关', inspection: '查验', removal: '提离' }[params.stage];
  return {
    id: alertId(rule.id, subject, params.stage),
    rule: rule.id,
    severity: rule.severity,
    scope: decl.unit,
    subject,
    // The moment the limit passed: the same on central and on a client.
    raisedAt: new Date(start + limit).toISOString(),
    message: {
      zh: `危险货物${dg} 报关单 ${decl.id} 在 ${decl.port} ${stageZh}环节滞留 ${hours} 小时，超过 ${params.limitHours} 小时时限`,
      en: `Dangerous goods${dg} on declaration ${decl.id} at ${decl.port}: ${params.stage} stage has lasted ${hours} h, over the ${params.limitHours} h limit`,
    },
  };
}
