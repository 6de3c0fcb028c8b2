// The browser-mode wire protocol: the host API over one WebSocket. Calls carry an id;
// results and topic events come back as JSON messages.
import { z } from 'zod';

export const clientMessage = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(200),
  input: z.unknown(),
});
export type ClientMessage = z.infer<typeof clientMessage>;

export type ServerMessage =
  | { type: 'result'; id: number; result: import('../../shared/host/errors.js').HostResult }
  | { type: 'event'; topic: string; payload: unknown }
  | { type: 'error'; message: string };
