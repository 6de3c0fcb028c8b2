// Host → renderer events. Payloads are validated against the topic's schema before they
// leave the host, so a transport never carries something the renderer cannot parse.
import { type HostTopicName, type TopicPayload, hostTopics } from '../../shared/host/api.js';

export type TopicListener = (topic: HostTopicName, payload: unknown) => void;

export class TopicHub {
  private readonly listeners = new Set<TopicListener>();
  private readonly last = new Map<HostTopicName, unknown>();

  publish<T extends HostTopicName>(topic: T, payload: TopicPayload<T>): void {
    const checked = hostTopics[topic].parse(payload);
    this.last.set(topic, checked);
    for (const listener of this.listeners) listener(topic, checked);
  }

  /** Adds a listener; it first receives the latest payload of every topic (late joiners catch up). */
  listen(listener: TopicListener): () => void {
    this.listeners.add(listener);
    for (const [topic, payload] of this.last) listener(topic, payload);
    return () => this.listeners.delete(listener);
  }
}
