// Errors that cross the host boundary. The renderer decides what to show by `code`,
// never by parsing messages.
import { z } from 'zod';

export const hostErrorCode = z.enum([
  'unknown-method', // the renderer asked for a method the host does not have
  'bad-input', // arguments failed the method's schema
  'not-found',
  'forbidden', // outside the center's scope or role
  'conflict', // someone else acted first (409 from central)
  'unavailable', // the store or central cannot serve this right now
  'internal', // a bug: logged on the host with its stack
]);
export type HostErrorCode = z.infer<typeof hostErrorCode>;

export const hostErrorBody = z.object({
  code: hostErrorCode,
  message: z.string(),
  /** Where the input was wrong, for bad-input. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type HostErrorBody = z.infer<typeof hostErrorBody>;

export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
    readonly issues?: HostErrorBody['issues'],
  ) {
    super(message);
    this.name = 'HostError';
  }

  toBody(): HostErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

/** What every call returns over a transport: errors travel as data, not as rejections. */
export type HostResult = { ok: true; value: unknown } | { ok: false; error: HostErrorBody };
export const hostResult = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: hostErrorBody }),
]);
