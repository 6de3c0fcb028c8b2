// Host methods of the duty desk's alert queue. An alert is shown as central last sent it
// with the officer's own actions still in the outbox applied on top ("pending"); an action
// central refused with 409 stays visible as superseded, with the officer's text.
import { z } from 'zod';
import { alertRecord, alertState, isoTime, scopeCode, severity } from '../../central/records.js';
import { alertActionKind } from '../../central/wire.js';
import { defineMethods } from './define.js';

export const outboxState = z.enum(['pending', 'applied', 'superseded', 'rejected']);

export const outboxView = z.object({
  idempotencyKey: z.string(),
  alertId: z.string(),
  action: alertActionKind,
  /** What the officer sent: {by, note} | {by, assignee} | {by, text}. */
  body: z.record(z.string(), z.unknown()),
  createdAt: isoTime,
  state: outboxState,
  lastError: z.string().nullable(),
  settledAt: isoTime.nullable(),
  /** Central's alert when it settled the action (who acted first, after a 409). */
  result: z.record(z.string(), z.unknown()).nullable(),
});
export type OutboxView = z.infer<typeof outboxView>;

export const alertView = z.object({
  /** Central's copy with the pending actions applied. */
  alert: alertRecord,
  /** True while one of the officer's actions on it waits in the outbox. */
  pending: z.boolean(),
  /** The officer's actions on this alert that are pending, superseded or rejected. */
  actions: z.array(outboxView),
});
export type AlertView = z.infer<typeof alertView>;

export const alertAction = z
  .object({
    alertId: z.string().min(1),
    kind: alertActionKind,
    by: z.string().min(1),
    note: z.string().max(4000).optional(),
    assignee: z.string().min(1).optional(),
    text: z.string().min(1).max(4000).optional(),
    /** Made by the renderer when the officer acted, so a retried call is one action. */
    idempotencyKey: z.uuid().optional(),
  })
  .strict();

export const alertsMethods = defineMethods({
  'alerts.list': {
    input: z
      .object({
        state: z.array(alertState).min(1).optional(),
        severity: z.array(severity).min(1).optional(),
        /** This scope and everything under it. */
        scope: scopeCode.optional(),
        /** Only alerts with an action waiting in the outbox. */
        pending: z.boolean().optional(),
        subject: z.object({ kind: z.string(), key: z.string() }).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        cursor: z.string().max(200).optional(),
      })
      .strict(),
    output: z.object({ items: z.array(alertView), nextCursor: z.string().nullable() }),
  },
  'alerts.act': { input: alertAction, output: outboxView },
});
