// Splits a byte stream into lines without holding more than one line plus one chunk.
// A line cut off by a dropped connection is not yielded: the stream's error is thrown.

export async function* readLines(source: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<Buffer> {
  let rest: Buffer | null = null;
  for await (const chunk of source) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (rest) {
      buf = Buffer.concat([rest, buf]);
      rest = null;
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl < 0) break;
      const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
      yield buf.subarray(start, end);
      start = nl + 1;
    }
    if (start < buf.length) rest = Buffer.from(buf.subarray(start));
  }
  if (rest && rest.length > 0) yield rest;
}
