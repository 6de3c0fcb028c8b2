// Central benchmark (`npx tsx bench/central.bench.ts [--changes 1000000] [--runs 3]
// [--clients 100]`): changes served per second from /changes over a log of 1M changes,
// streamed page by page (the server's peak RSS shows nothing is held in memory), and
// SSE fan-out to concurrent loopback clients (delivery latency p50/p95). Medians of runs.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

interface Ready {
  url: string;
  token: string;
  head: number;
  rows: number;
  epoch: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

class Server {
  private readonly waiting: ((msg: Record<string, unknown>) => boolean)[] = [];
  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line) as Record<string, unknown>;
      const i = this.waiting.findIndex((w) => w(msg));
      if (i >= 0) this.waiting.splice(i, 1);
    });
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
  }

  static async start(db: string, changes: number): Promise<{ server: Server; ready: Ready }> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'central', 'serverChild.ts'), JSON.stringify({ db, changes })], { stdio: ['pipe', 'pipe', 'pipe'] });
    const server = new Server(child);
    const first = await Promise.race([server.next('ready'), server.next('filled')]);
    if (first.event === 'filled') {
      await new Promise((resolve) => child.once('exit', resolve));
      return Server.start(db, changes);
    }
    return { server, ready: first as unknown as Ready };
  }

  next(event: string): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      this.child.once('exit', (code) => reject(new Error(`central child exited (${code}) before ${event}`)));
      this.waiting.push((msg) => {
        if (msg.event !== event) return false;
        resolve(msg);
        return true;
      });
    });
  }

  send(cmd: Record<string, unknown>): void {
    this.child.stdin.write(`${JSON.stringify(cmd)}\n`);
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.send({ cmd: 'close' });
    await exited;
  }
}

/** GETs one page with node:http (a light client, so the figure is the server's), counting lines. */
function getPageLines(url: string, token: string): Promise<{ lines: number; bytes: number; first: string; last: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        let lines = 0;
        let bytes = 0;
        let head = Buffer.alloc(0);
        let tail = Buffer.alloc(0);
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (head.length < 300) head = Buffer.concat([head, chunk.subarray(0, 300)]);
          for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
          tail = Buffer.concat([tail, chunk]).subarray(-300);
        });
        res.on('end', () => {
          const last = tail.toString('utf8').trimEnd().split('\n').pop() ?? '';
          const first = head.toString('utf8');
          resolve({ lines, bytes, first: first.slice(0, first.indexOf('\n')), last });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Reads the whole log from 0, page after page, as a client does. */
async function readWholeLog(ready: Ready): Promise<{ changes: number; seconds: number; bytes: number }> {
  const started = performance.now();
  let after = 0;
  let horizon = 0;
  let changes = 0;
  let bytes = 0;
  for (;;) {
    const q = after === 0 ? 'after=0&limit=50000' : `after=${after}&limit=50000&epoch=${ready.epoch}&horizon=${horizon}`;
    const page = await getPageLines(`${ready.url}/api/v1/changes?${q}`, ready.token);
    horizon = (JSON.parse(page.first) as { horizon: number }).horizon;
    const trailer = JSON.parse(page.last) as { next: number; more: boolean };
    changes += page.lines - 2;
    bytes += page.bytes;
    after = trailer.next;
    if (!trailer.more) break;
  }
  return { changes, seconds: (performance.now() - started) / 1000, bytes };
}

/** Opens `clients` SSE streams at the head, then measures delivery of a burst of appends. */
async function fanOut(server: Server, ready: Ready, clients: number, total: number): Promise<{ p50: number; p95: number; deliveries: number }> {
  const head = ready.head;
  const latencies: number[] = [];
  const controllers: AbortController[] = [];
  const received = new Array<number>(clients).fill(0);
  let connected = 0;
  const done = Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const controller = new AbortController();
      controllers.push(controller);
      const res = await fetch(`${ready.url}/api/v1/stream?after=${head}&epoch=${ready.epoch}&horizon=0&kinds=alert`, { headers: { authorization: `Bearer ${ready.token}` }, signal: controller.signal });
      connected++;
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          const now = performance.timeOrigin + performance.now();
          buffer += Buffer.from(chunk).toString('utf8');
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const m = /"sentAt":([\d.]+)/.exec(block);
            if (m) {
              latencies.push(now - Number(m[1]));
              if (++received[c]! >= total) return;
            }
          }
        }
      } catch {
        // aborted
      }
    }),
  );
  while (connected < clients) await new Promise((r) => setTimeout(r, 20));
  server.send({ cmd: 'burst', every: 50, size: 10, total });
  await server.next('burstDone');
  await Promise.race([done, new Promise((r) => setTimeout(r, 30_000))]);
  for (const c of controllers) c.abort();
  const sorted = Float64Array.from(latencies).sort();
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), deliveries: latencies.length };
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { changes: { type: 'string' }, runs: { type: 'string' }, clients: { type: 'string' } }, strict: false });
  const changes = Number(values.changes ?? 1_000_000);
  const runs = Number(values.runs ?? 3);
  const clients = Number(values.clients ?? 100);
  const dir = join(import.meta.dirname, 'output', 'central');
  mkdirSync(dir, { recursive: true });
  const db = join(dir, `log-${changes}.sqlite`);

  const { server, ready } = await Server.start(db, changes);
  try {
    console.log(`log: ${ready.rows} changes (head ${ready.head}) in ${db}`);
    const rates: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await readWholeLog(ready);
      rates.push(r.changes / r.seconds);
      console.log(`  /changes run ${i + 1}: ${r.changes} changes, ${(r.bytes / 1e6).toFixed(0)} MB in ${r.seconds.toFixed(1)} s = ${Math.round(r.changes / r.seconds)} changes/s`);
    }
    server.send({ cmd: 'rss' });
    const rss = (await server.next('rss')).maxRssMb as number;
    console.log(`/changes from 0 with limit=50000: median ${Math.round(median(rates))} changes/s; server peak RSS ${rss} MB`);

    const p50s: number[] = [];
    const p95s: number[] = [];
    for (let i = 0; i < runs; i++) {
      const head = (await fetch(`${ready.url}/api/v1/health`).then((r) => r.json())) as { head: number };
      const f = await fanOut(server, { ...ready, head: head.head }, clients, 400);
      p50s.push(f.p50);
      p95s.push(f.p95);
      console.log(`  SSE run ${i + 1}: ${clients} clients, ${f.deliveries} deliveries, p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms`);
    }
    console.log(`SSE fan-out to ${clients} loopback clients (10 changes every 50 ms): median p50 ${median(p50s).toFixed(1)} ms, median p95 ${median(p95s).toFixed(1)} ms`);
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run(process.argv.slice(2));
}
