// Sync benchmark (issue 5). Prints, in one run:
// - initial sync of 1M declarations from the reference central (own process) over
//   loopback through the sync worker: changes/s, peak RSS, main-thread event-loop delay
//   p99 while it runs, and read latency on the main thread meanwhile;
// - a raw better-sqlite3 bulk insert of the same records into the same schema, and the ratio;
// - catch-up of a 6-hour national backlog at scale 1;
// - live latency from central append to the row visible locally, p50/p95;
// - drill-down query latency p50/p95 at 2M local tickets (10M with --10m), with DB size.
// Flags: --declarations N (default 1,000,000), --10m (also a 10M store: 30 days of
// national traffic, ~1 h to fill), --drilldown-only (queries on the stores a previous
// run left in bench/output/sync; with --10m it fills the 10M store if absent).
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openReadableDb, openWritableDb } from '../electron/store/db.js';
import { setSlowQueryLog } from '../electron/store/queries/slowQuery.js';
import { getTicket, listTickets, ticketStatusCounts } from '../electron/store/queries/tickets.js';
import { type SyncHandle, startSyncWorker } from '../electron/sync/index.js';
import { generateDeclarations } from './sync/declarations.js';
import { type CentralProcess, startCentralProcess } from './sync/centralProcess.js';
import { rawInsert } from './sync/rawInsert.js';

const token = 'bench-wall-national-000001';
const scriptDir = join(import.meta.dirname, '..', 'electron', 'sync');
const out = join(import.meta.dirname, 'output', 'sync');
const now = () => performance.timeOrigin + performance.now();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function fresh(name: string): string {
  const path = join(out, name);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  return path;
}

function fileSize(path: string): number {
  return ['', '-wal'].reduce((sum, s) => sum + (existsSync(path + s) ? statSync(path + s).size : 0), 0);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function syncUntil(dbPath: string, url: string, head: number, onStart?: (h: SyncHandle) => void): Promise<{ seconds: number; handle: SyncHandle }> {
  const start = now();
  const handle = startSyncWorker({ dbPath, centralUrl: url, token, scriptDir });
  onStart?.(handle);
  await new Promise<void>((resolve, reject) => {
    const off = handle.onStatus((s) => {
      if (s.cursor !== null && s.cursor >= head) {
        off();
        resolve();
      } else if (s.state === 'stopped') reject(new Error(`sync stopped: ${s.lastError}`));
    });
  });
  return { seconds: (now() - start) / 1000, handle };
}

async function initialSync(count: number): Promise<{ seconds: number }> {
  const central = await startCentralProcess({ db: fresh('central-initial.sqlite'), scale: 0, declarations: count });
  console.log(`central ready: ${fmt(central.head)} changes in its log (${fmt(count)} declarations + reference records)`);
  const dbPath = fresh('client-initial.sqlite');
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let peakRss = 0;
  const readLatencies: number[] = [];
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 100);
  // The host keeps answering the renderer while sync writes: a ticket list every 250 ms.
  let reader: ReturnType<typeof openReadableDb> | null = null;
  const reads = setInterval(() => {
    try {
      reader ??= openReadableDb(dbPath);
      const t = now();
      listTickets(reader, { port: 'CNYGS', limit: 100 });
      readLatencies.push(now() - t);
    } catch {
      // The worker has not created or migrated the file yet.
    }
  }, 250);
  loop.enable();
  const { seconds, handle } = await syncUntil(dbPath, central.url, central.head);
  loop.disable();
  clearInterval(sampler);
  clearInterval(reads);
  (reader as ReturnType<typeof openReadableDb> | null)?.close();
  await handle.stop();
  await central.close();
  console.log(`initial sync of ${fmt(central.head)} changes: ${seconds.toFixed(1)} s = ${fmt(central.head / seconds)} changes/s; peak RSS (host + worker) ${mb(peakRss)}; DB ${mb(fileSize(dbPath))}`);
  console.log(
    `main-thread event-loop delay during it: p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms (aim p99 < 20 ms)`,
  );
  console.log(`main-thread ticket list while syncing: ${readLatencies.length} reads, p95 ${percentile(readLatencies, 95).toFixed(1)} ms`);
  return { seconds };
}

function rawBaseline(count: number, syncSeconds: number): string {
  const dbPath = fresh('client-raw.sqlite');
  const db = openWritableDb(dbPath);
  const start = now();
  rawInsert(db, generateDeclarations(count));
  const seconds = (now() - start) / 1000;
  db.close();
  console.log(`raw better-sqlite3 insert of the same ${fmt(count)} declarations: ${seconds.toFixed(1)} s = ${fmt(count / seconds)} rows/s`);
  console.log(`sync / raw time ratio: ${(syncSeconds / seconds).toFixed(2)}x (aim <= 2x)`);
  return dbPath;
}

/** The 10M store: 30 days of national traffic in one fresh store, kept for --drilldown-only. */
function tenMillionStore(reuse: boolean): string {
  return reuse ? join(out, 'client-10m.sqlite') : fresh('client-10m.sqlite');
}

function drillDown(dbPath: string, total: number): void {
  const db = openWritableDb(dbPath);
  const have = (db.prepare('SELECT count(*) AS n FROM declarations').get() as { n: number }).n;
  if (have > total) console.log(`(the store holds ${fmt(have)} tickets, more than the ${fmt(total)} asked for)`);
  const label = fmt(Math.max(have, total));
  if (have < total) {
    const start = now();
    // An empty store gets 30 days; a filled one older days than those it has, so ids
    // (unit + day + number) never collide.
    const end = Date.UTC(2026, 10, 23) - 30 * 86_400_000 * Math.ceil(have / 1_000_000);
    const days = have === 0 ? 30 : 30 * Math.ceil((total - have) / 1_000_000);
    rawInsert(db, generateDeclarations(total - have, { seed: 2 + have, end, days }), have + 1);
    console.log(`filled to ${fmt(total)} tickets in ${((now() - start) / 1000).toFixed(1)} s`);
  }
  db.exec('ANALYZE');
  db.close();
  const reader = openReadableDb(dbPath);
  const ports = (reader.prepare('SELECT DISTINCT port FROM declarations LIMIT 200').all() as Array<{ port: string }>).map((r) => r.port);
  const enterprises = (reader.prepare('SELECT enterprise_code FROM declarations ORDER BY random() LIMIT 200').all() as Array<{ enterprise_code: string }>).map((r) => r.enterprise_code);
  const ids = (reader.prepare("SELECT printf('%018d', id) AS id FROM declarations ORDER BY random() LIMIT 200").all() as Array<{ id: string }>).map((r) => r.id);
  const newest = (reader.prepare('SELECT max(declared_at) AS t FROM declarations').get() as { t: number }).t;
  const dayAgo = new Date(newest - 86_400_000).toISOString();
  const pick = <T>(list: T[], i: number) => list[i % list.length] as T;
  const queries: Record<string, (i: number) => unknown> = {
    'port, newest 100': (i) => listTickets(reader, { port: pick(ports, i), limit: 100 }),
    'port, last 24 h': (i) => listTickets(reader, { port: pick(ports, i), from: dayAgo, limit: 100 }),
    'unit 53 held/inspection': () => listTickets(reader, { unit: '53', status: ['held', 'inspection'], limit: 100 }),
    'partner + direction': (i) => listTickets(reader, { partner: pick(['US', 'JP', 'DE', 'VN', 'KR'], i), direction: 'import', limit: 100 }),
    'enterprise': (i) => listTickets(reader, { enterprise: pick(enterprises, i), limit: 100 }),
    'dangerous, last 24 h': () => listTickets(reader, { dangerous: true, from: dayAgo, limit: 100 }),
    'search 华强': () => listTickets(reader, { q: '华强', limit: 100 }),
    // HS headings are 4 digits (chapter + heading): what an officer types.
    'search HS heading': (i) => listTickets(reader, { q: String(1000 + ((i * 37) % 8999)), limit: 100 }),
    'one ticket': (i) => getTicket(reader, pick(ids, i)),
    'status counts, port 24 h': (i) => ticketStatusCounts(reader, { port: pick(ports, i), from: dayAgo }),
  };
  const all: number[] = [];
  const rows: string[] = [];
  for (const [name, query] of Object.entries(queries)) {
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = now();
      query(i);
      times.push(now() - t);
    }
    all.push(...times.slice(10));
    rows.push(`  ${name.padEnd(26)} p50 ${percentile(times.slice(10), 50).toFixed(2).padStart(7)} ms  p95 ${percentile(times.slice(10), 95).toFixed(2).padStart(7)} ms`);
  }
  reader.close();
  console.log(`drill-down queries at ${label} local tickets (DB ${mb(fileSize(dbPath))}, after ANALYZE; first 10 runs of each discarded):`);
  console.log(rows.join('\n'));
  console.log(`  all drill-downs: p95 ${percentile(all, 95).toFixed(2)} ms`);
}

async function backlogAndLive(): Promise<void> {
  const central: CentralProcess = await startCentralProcess({ db: fresh('central-national.sqlite'), scale: 1 });
  const dbPath = fresh('client-national.sqlite');
  const first = await syncUntil(dbPath, central.url, central.head);
  await first.handle.stop();
  const step = await central.ask<{ head: number; ms: number }>({ cmd: 'step', seconds: 6 * 3600 });
  const backlog = step.head - central.head;
  console.log(`central generated a 6-hour national backlog at scale 1: ${fmt(backlog)} changes in ${(step.ms / 1000).toFixed(1)} s`);
  const catchUp = await syncUntil(dbPath, central.url, step.head);
  console.log(`catch-up of that backlog: ${catchUp.seconds.toFixed(1)} s = ${fmt(backlog / catchUp.seconds)} changes/s (worker start included)`);

  // Live: central appends one declaration every 20 ms; the host polls its read handle.
  const reader = openReadableDb(dbPath);
  const cursorAt = reader.prepare('SELECT cursor FROM sync_state');
  const seen: Array<{ cursor: number; at: number }> = [];
  let polling = true;
  const poll = async () => {
    while (polling) {
      const cursor = (cursorAt.get() as { cursor: number }).cursor;
      if (seen.length === 0 || cursor !== seen.at(-1)!.cursor) seen.push({ cursor, at: now() });
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };
  const poller = poll();
  const { appended } = await central.ask<{ appended: Array<{ seq: number; at: number }> }>({ cmd: 'live', n: 300, intervalMs: 20 });
  await new Promise((resolve) => setTimeout(resolve, 500));
  polling = false;
  await poller;
  reader.close();
  const latencies = appended.map(({ seq, at }) => (seen.find((s) => s.cursor >= seq)?.at ?? NaN) - at).filter((l) => Number.isFinite(l));
  console.log(
    `live latency central append -> local row visible (${latencies.length}/${appended.length} changes, 1 ms polling): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`,
  );
  await catchUp.handle.stop();
  await central.close();
}

export async function run(argv: string[] = []): Promise<void> {
  mkdirSync(out, { recursive: true });
  // Every query is timed here anyway; count the slow-query log lines instead of printing them.
  let slow = 0;
  setSlowQueryLog(() => slow++);
  process.on('exit', () => console.log(`slow-query log lines (> 50 ms) during the benchmark: ${slow}`));
  const count = Number(flag(argv, '--declarations') ?? 1_000_000);
  if (argv.includes('--drilldown-only')) {
    // Re-measure queries on the store the last full run left behind.
    const rawDb = join(out, 'client-raw.sqlite');
    drillDown(rawDb, 2 * count);
    if (argv.includes('--10m')) drillDown(tenMillionStore(true), 10 * count);
    return;
  }
  const { seconds } = await initialSync(count);
  const rawDb = rawBaseline(count, seconds);
  drillDown(rawDb, 2 * count);
  if (argv.includes('--10m')) drillDown(tenMillionStore(false), 10 * count);
  await backlogAndLive();
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
