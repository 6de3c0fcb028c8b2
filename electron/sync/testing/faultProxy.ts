// A loopback HTTP proxy between the engine and the real central, for fault tests: it can
// drop the connection every N changes, deliver every change twice, inject raw lines into
// /changes pages, or refuse connections as if central were down. It never invents
// changes of its own: what it forwards comes from central.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readLines } from '../lines.js';

export interface Faults {
  /** Destroy the connection after this many forwarded changes (per response). */
  cutEvery?: number;
  /** Forward every change (NDJSON line or SSE event) twice. */
  duplicate?: boolean;
  /** Raw lines written after the header of each /changes page while `injectPages` > 0. */
  inject?: string[];
  injectPages?: number;
  /** Refuse every connection (central unreachable). */
  down?: boolean;
  /** Let central act on this many POSTs whose path ends with `path`, then lose the answer. */
  loseAnswers?: { path: string; count: number };
}

export interface FaultProxy {
  url: string;
  faults: Faults;
  stats: { responses: number; cuts: number; injected: number; lostAnswers: number };
  /** Central goes away (open connections are dropped) or comes back. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, initial: Faults = {}): Promise<FaultProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const proxy: FaultProxy = {
    url: '',
    faults: { ...initial },
    stats: { responses: 0, cuts: 0, injected: 0, lostAnswers: 0 },
    setDown(down) {
      proxy.faults.down = down;
      if (down) for (const s of sockets) s.destroy();
    },
    close: async () => {},
  };

  const server = http.createServer((req, res) => {
    const up = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
      (upRes) => void forward(req, res, upRes),
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
    res.on('close', () => up.destroy());
  });
  server.on('connection', (socket) => {
    if (proxy.faults.down) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function write(res: http.ServerResponse, text: string | Buffer): Promise<void> {
    if (!res.write(text)) await new Promise((resolve) => res.once('drain', resolve));
  }

  async function forward(req: http.IncomingMessage, res: http.ServerResponse, upRes: http.IncomingMessage): Promise<void> {
    proxy.stats.responses++;
    const lose = proxy.faults.loseAnswers;
    if (req.method === 'POST' && lose && lose.count > 0 && (req.url ?? '').split('?')[0]?.endsWith(lose.path)) {
      lose.count--;
      proxy.stats.lostAnswers++;
      upRes.resume();
      res.socket?.destroy();
      return;
    }
    const headers = { ...upRes.headers };
    delete headers['content-length'];
    res.writeHead(upRes.statusCode ?? 502, headers);
    const path = (req.url ?? '').split('?')[0] ?? '';
    const isChanges = path.endsWith('/changes') && upRes.statusCode === 200;
    const isStream = path.endsWith('/stream') && upRes.statusCode === 200;
    if (!isChanges && !isStream) {
      upRes.pipe(res);
      return;
    }
    const f = proxy.faults;
    let forwarded = 0;
    let first = true;
    let event: Buffer[] = [];
    const cut = () => {
      proxy.stats.cuts++;
      upRes.destroy();
      res.socket?.destroy();
    };
    try {
      for await (const line of readLines(upRes)) {
        if (res.destroyed) break;
        if (isChanges) {
          const isChange = !first && line.includes('"seq"');
          await write(res, Buffer.concat([line, Buffer.from('\n')]));
          if (first && f.inject && (f.injectPages ?? 0) > 0) {
            f.injectPages = (f.injectPages ?? 0) - 1;
            for (const extra of f.inject) await write(res, `${extra}\n`);
            proxy.stats.injected += f.inject.length;
          }
          first = false;
          if (!isChange) continue;
          if (f.duplicate) await write(res, Buffer.concat([line, Buffer.from('\n')]));
        } else {
          event.push(line);
          if (line.length > 0) continue;
          const block = Buffer.concat(event.map((l) => Buffer.concat([l, Buffer.from('\n')])));
          event = [];
          await write(res, block);
          if (!block.includes('event: change')) continue;
          if (f.duplicate) await write(res, block);
        }
        forwarded++;
        if (f.cutEvery && forwarded >= f.cutEvery) {
          cut();
          return;
        }
      }
      res.end();
    } catch {
      res.destroy();
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
