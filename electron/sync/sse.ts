// Server-sent events over lines (text/event-stream). Only what /stream uses: id, event,
// data (joined with newlines), comments ignored. `data` stays bytes so a bad change
// reaches the quarantine exactly as received.
export interface SseEvent {
  id: string | null;
  event: string;
  data: Buffer;
}

const colon = 0x3a;
const space = 0x20;

export async function* readSse(lines: AsyncIterable<Buffer>): AsyncGenerator<SseEvent> {
  let id: string | null = null;
  let event = 'message';
  let data: Buffer[] = [];
  for await (const line of lines) {
    if (line.length === 0) {
      if (data.length > 0) yield { id, event, data: data.length === 1 ? (data[0] as Buffer) : Buffer.concat(data.flatMap((d, i) => (i === 0 ? [d] : [Buffer.from('\n'), d]))) };
      event = 'message';
      data = [];
      continue;
    }
    if (line[0] === colon) continue;
    const at = line.indexOf(colon);
    const field = (at < 0 ? line : line.subarray(0, at)).toString('utf8');
    let value = at < 0 ? Buffer.alloc(0) : line.subarray(at + 1);
    if (value[0] === space) value = value.subarray(1);
    if (field === 'data') data.push(Buffer.from(value));
    else if (field === 'event') event = value.toString('utf8');
    else if (field === 'id') id = value.toString('utf8');
  }
}
