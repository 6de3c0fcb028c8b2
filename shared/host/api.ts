// The host API: every method the renderer may call and every topic the host pushes.
// Electron serves this table over IPC, browser mode over a WebSocket; adding a method
// means adding it here and a handler on the host, nothing else.
import { z } from 'zod';
import { recordKinds } from '../central/records.js';
import { alertsMethods } from './methods/alerts.js';
import { appMethods } from './methods/app.js';
import { indicatorsMethods } from './methods/indicators.js';
import { mapMethods } from './methods/map.js';
import { syncMethods, syncStatus } from './methods/sync.js';
import { ticketsMethods } from './methods/tickets.js';

export const hostMethods = {
  ...appMethods,
  ...syncMethods,
  ...mapMethods,
  ...ticketsMethods,
  ...alertsMethods,
  ...indicatorsMethods,
};

export type HostMethodName = keyof typeof hostMethods;
export type MethodInput<M extends HostMethodName> = z.input<(typeof hostMethods)[M]['input']>;
export type ParsedInput<M extends HostMethodName> = z.output<(typeof hostMethods)[M]['input']>;
export type MethodOutput<M extends HostMethodName> = z.output<(typeof hostMethods)[M]['output']>;

/** The host's implementation of the table: one function per method, input already validated. */
export type HostHandlers = {
  [M in HostMethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export const dataChanged = z.object({
  /** The record kinds that changed since the last notification. */
  kinds: z.array(z.enum(recordKinds as [string, ...string[]])),
});

/** Topics the host pushes; high-rate ones are coalesced to a few per second by the host. */
export const hostTopics = {
  'sync.status': syncStatus,
  'data.changed': dataChanged,
};
export type HostTopicName = keyof typeof hostTopics;
export type TopicPayload<T extends HostTopicName> = z.output<(typeof hostTopics)[T]>;

export function isHostMethodName(name: unknown): name is HostMethodName {
  return typeof name === 'string' && Object.hasOwn(hostMethods, name);
}

export function isHostTopicName(name: unknown): name is HostTopicName {
  return typeof name === 'string' && Object.hasOwn(hostTopics, name);
}

/**
 * What the preload (Electron) or the WebSocket client (browser mode) puts at
 * `window.portwall`. Untyped at this boundary on purpose: both ends validate.
 */
export interface PortwallBridge {
  call(method: string, input: unknown): Promise<import('./errors.js').HostResult>;
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
}
