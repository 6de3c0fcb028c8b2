// Small HTTP helpers for central's tests and benchmarks: NDJSON pages and SSE events
// read the way a client reads them.

export interface Page {
  status: number;
  header: Record<string, unknown> | null;
  changes: { seq: number; kind: string; key: string; scope: string; op: string; at: string; data?: unknown }[];
  trailer: { next: number; more: boolean } | null;
  body: unknown;
}

/** GET a /changes page and split it into header, changes and trailer (null when cut). */
export async function getPage(url: string, token: string | null): Promise<Page> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  if (res.status !== 200) return { status: res.status, header: null, changes: [], trailer: null, body: JSON.parse(text) };
  const lines = text.split('\n');
  const complete = text.endsWith('\n');
  const parsed = lines.filter((l, i) => l !== '' && (complete || i < lines.length - 1)).map((l) => JSON.parse(l) as Record<string, unknown>);
  const header = parsed.shift() ?? null;
  const last = parsed[parsed.length - 1];
  const trailer = last && 'next' in last && !('seq' in last) ? (parsed.pop() as { next: number; more: boolean }) : null;
  return { status: res.status, header, changes: parsed as Page['changes'], trailer, body: null };
}

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

/** A connected SSE reader: events and comments as they arrive. */
export class SseReader {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  ended = false;
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];

  static async open(url: string, token: string, headers: Record<string, string> = {}): Promise<SseReader> {
    const reader = new SseReader();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers }, signal: reader.controller.signal });
    reader.status = res.status;
    if (res.status !== 200 || !res.body) {
      reader.ended = true;
      reader.body = await res.text();
      return reader;
    }
    void reader.consume(res.body);
    return reader;
  }

  body = '';

  private async consume(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event: SseEvent = { id: null, event: 'message', data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
            else {
              const i = line.indexOf(':');
              const field = i < 0 ? line : line.slice(0, i);
              const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
              isEvent = true;
              if (field === 'id') event.id = value;
              else if (field === 'event') event.event = value;
              else if (field === 'data') event.data += event.data ? `\n${value}` : value;
            }
          }
          if (isEvent) this.events.push(event);
          this.wake();
        }
      }
    } catch {
      // Aborted by close(): nothing more to read.
    }
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves once `predicate` holds (checked on every event, comment and end). */
  async until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`SSE condition not met within ${timeoutMs} ms (${this.events.length} events, ended=${this.ended})`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  close(): void {
    this.controller.abort();
  }
}
