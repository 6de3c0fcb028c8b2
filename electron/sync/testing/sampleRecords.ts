// Small valid records for unit tests of the apply path (fault tests use the real central).
import type { AlertRecord, DeclarationRecord } from '../../../shared/central/records.js';
import { newAlert } from '../../../shared/rules/alertDraft.js';

export function sampleDeclaration(n: number, overrides: Partial<DeclarationRecord> = {}): DeclarationRecord {
  const declaredAt = new Date(Date.UTC(2026, 10, 23, 2, 0, 0) + n * 60_000).toISOString();
  return {
    id: `5316202611230${String(n).padStart(5, '0')}`,
    direction: n % 2 === 0 ? 'import' : 'export',
    port: n % 3 === 0 ? 'CNYTN' : 'CNSZX-APT',
    unit: '5316',
    declaredAt,
    status: 'declared',
    stages: [{ stage: 'declared', at: declaredAt }],
    tradeMode: '0110',
    transport: 'sea',
    partnerCountry: n % 2 === 0 ? 'US' : 'DE',
    enterprise: { code: `91440300MA5F${String(n).padStart(6, '0')}`, name: '深圳华强电子有限公司' },
    valueUsd: 1000 + n,
    items: [{ hs: '847130', description: '笔记本电脑 laptop', quantity: 10, unit: 'pcs', valueUsd: 1000 + n }],
    riskScore: 0.1,
    riskHits: [],
    dangerous: null,
    containers: [`MSCU${String(n).padStart(7, '0')}`],
    ...overrides,
  };
}

export function sampleAlert(id: string, overrides: Partial<AlertRecord> = {}): AlertRecord {
  const alert = newAlert({
    id,
    rule: 'R-overdue-1',
    severity: 'warning',
    scope: '5316',
    subject: { kind: 'declaration', key: '531620261123000001' },
    raisedAt: '2026-11-23T02:10:00.000Z',
    message: { zh: '超期', en: 'Overdue' },
  });
  return { ...alert, ...overrides };
}

let seqCounter = 0;
/** One change line as central sends it. */
export function changeLine(kind: string, key: string, data: unknown, seq = ++seqCounter, op: 'put' | 'del' = 'put'): string {
  const base = { seq, kind, op, key, scope: '5316', at: new Date(Date.UTC(2026, 10, 23, 3) + seq * 1000).toISOString() };
  return JSON.stringify(op === 'put' ? { ...base, data } : base);
}
