import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';
import { readLines } from './lines.js';
import { readSse } from './sse.js';

async function* chunks(...parts: string[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.from(part);
}
async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('readLines', () => {
  it('splits across chunk boundaries, strips CR, keeps a final unterminated line', async () => {
    const lines = await collect(readLines(chunks('{"a":', '1}\r\n{"b"', ':2}\n\n', '{"c":3}')));
    expect(lines.map((l) => l.toString())).toEqual(['{"a":1}', '{"b":2}', '', '{"c":3}']);
  });

  it('keeps multi-byte characters split between chunks intact', async () => {
    const bytes = Buffer.from('海关\n');
    const lines = await collect(readLines((async function* () {
      yield bytes.subarray(0, 4);
      yield bytes.subarray(4);
    })()));
    expect(lines.map((l) => l.toString('utf8'))).toEqual(['海关']);
  });
});

describe('readSse', () => {
  it('parses id, event and multi-line data, and skips comments', async () => {
    const events = await collect(readSse(readLines(chunks(': ping\n\n', 'id: 7\nevent: change\ndata: {"seq":7}\n\n', 'event: reset\ndata: {"epoch":\ndata: "e2"}\n\n'))));
    expect(events.map((e) => [e.id, e.event, e.data.toString()])).toEqual([
      ['7', 'change', '{"seq":7}'],
      ['7', 'reset', '{"epoch":\n"e2"}'],
    ]);
  });
});

describe('Backoff', () => {
  it('grows exponentially with jitter up to the cap, and resets', () => {
    const b = new Backoff(100, 1000, () => 1);
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([100, 200, 400, 800, 1000]);
    b.reset();
    expect(new Backoff(100, 1000, () => 0).next()).toBe(50);
    expect(b.next()).toBe(100);
  });
});
