// Wire messages of the central API other than the records themselves (API.md).
import { z } from 'zod';
import { isoTime, recordKinds, scopeCode } from './records.js';

/** seq values are integers below 2^53 (API.md). */
export const seq = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * One change as it appears on the wire. `kind` is checked against the known kinds
 * separately (an unknown kind is quarantined with its own reason, not a schema error),
 * and `data` against the kind's record schema.
 */
export const changeEnvelope = z.looseObject({
  seq,
  kind: z.string().min(1),
  op: z.enum(['put', 'del']),
  key: z.string().min(1),
  scope: scopeCode,
  at: isoTime,
  data: z.unknown().optional(),
});
export type ChangeEnvelope = z.infer<typeof changeEnvelope>;

export const knownKind = z.enum(recordKinds as [string, ...string[]]);

/** First line of a /changes page. */
export const pageHeader = z.looseObject({
  epoch: z.string().min(1),
  after: seq,
  horizon: seq,
  head: seq,
});
export type PageHeader = z.infer<typeof pageHeader>;

/** Last line of a complete /changes page. */
export const pageTrailer = z.looseObject({ next: seq, more: z.boolean() });
export type PageTrailer = z.infer<typeof pageTrailer>;

export const errorBody = z.looseObject({
  error: z.looseObject({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** The body of a 410: the client must resync from 0 under this epoch. */
export const goneBody = errorBody.extend({ epoch: z.string(), horizon: seq });

export const healthBody = z.looseObject({
  status: z.literal('ok'),
  epoch: z.string(),
  head: seq,
  time: isoTime,
});
export type HealthBody = z.infer<typeof healthBody>;

export const resetEvent = z.looseObject({ epoch: z.string() });

export const alertActionKind = z.enum(['ack', 'assign', 'comment', 'resolve']);
export type AlertActionKind = z.infer<typeof alertActionKind>;

/** Request bodies of the officer actions, by action. */
export const alertActionBodies = {
  ack: z.object({ by: z.string().min(1), note: z.string().max(4000).optional().default('') }),
  assign: z.object({ by: z.string().min(1), assignee: z.string().min(1) }),
  comment: z.object({ by: z.string().min(1), text: z.string().min(1).max(4000) }),
  resolve: z.object({ by: z.string().min(1), note: z.string().max(4000).optional().default('') }),
} as const;

export const tokenRole = z.enum(['wall', 'officer', 'admin']);
export type TokenRole = z.infer<typeof tokenRole>;
export const tokenEntry = z.object({
  token: z.string().min(16, 'tokens must be at least 16 characters'),
  role: tokenRole,
  scope: scopeCode,
  name: z.string().min(1),
});
export type TokenEntry = z.infer<typeof tokenEntry>;
export const tokensFile = z.array(tokenEntry);
