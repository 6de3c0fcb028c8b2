// Transport-agnostic serving of the host API table: validates every argument, never
// throws, and turns any failure into a HostResult the renderer can show.
import { z } from 'zod';
import { type HostHandlers, type HostMethodName, hostMethods, isHostMethodName } from './api.js';
import { HostError, type HostResult } from './errors.js';

export interface DispatchLogger {
  error(message: string, details?: unknown): void;
}

export type Dispatch = (method: unknown, input: unknown) => Promise<HostResult>;

export function createDispatch(handlers: HostHandlers, log: DispatchLogger): Dispatch {
  return async (method, input) => {
    if (!isHostMethodName(method)) {
      return fail(new HostError('unknown-method', `No host method named ${JSON.stringify(String(method)).slice(0, 80)}`));
    }
    const spec = hostMethods[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail(
        new HostError(
          'bad-input',
          `Invalid arguments for ${method}: ${z.prettifyError(parsed.error)}`,
          parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        ),
      );
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof HostError) return fail(error);
      log.error(`host method ${method as HostMethodName} failed`, error);
      return fail(new HostError('internal', `${method} failed on the host; see the host log`));
    }
  };
}

function fail(error: HostError): HostResult {
  return { ok: false, error: error.toBody() };
}
