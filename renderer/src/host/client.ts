// The renderer's only door to the host. It does not know whether window.portwall came
// from Electron's preload or from the browser-mode WebSocket.
import type { HostMethodName, HostTopicName, MethodInput, MethodOutput, PortwallBridge, TopicPayload } from '../../../shared/host/api.js';
import { hostTopics } from '../../../shared/host/api.js';
import type { HostErrorBody } from '../../../shared/host/errors.js';

export class HostCallError extends Error {
  readonly code: HostErrorBody['code'];
  readonly issues: HostErrorBody['issues'];

  constructor(body: HostErrorBody) {
    super(body.message);
    this.name = 'HostCallError';
    this.code = body.code;
    this.issues = body.issues;
  }
}

export interface HostClient {
  call<M extends HostMethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe<T extends HostTopicName>(topic: T, listener: (payload: TopicPayload<T>) => void): () => void;
}

export function createHostClient(bridge: PortwallBridge): HostClient {
  return {
    async call(method, input) {
      const result = await bridge.call(method, input);
      if (!result.ok) throw new HostCallError(result.error);
      return result.value as MethodOutput<typeof method>;
    },
    subscribe(topic, listener) {
      return bridge.subscribe(topic, (payload) => {
        const parsed = hostTopics[topic].safeParse(payload);
        if (parsed.success) listener(parsed.data as TopicPayload<typeof topic>);
        else console.warn(`host sent a malformed ${topic} event`, parsed.error.issues);
      });
    },
  };
}
