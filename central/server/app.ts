// The HTTP server of the reference central: routing, authentication and error bodies.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { alertActionKind, type TokenEntry } from '../../shared/central/wire.js';
import { serveAlertAction } from './actions.js';
import { serveChanges } from './changes.js';
import type { ServerContext } from './context.js';
import { HttpError } from './httpError.js';
import { scopeCovers } from './scope.js';
import { StreamHub } from './stream.js';

function sendJson(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

function authenticate(ctx: ServerContext, req: IncomingMessage): TokenEntry {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match ? ctx.tokens.get(match[1]!) : undefined;
  if (!token) throw new HttpError(401, 'unauthorized', match ? 'unknown token' : 'send Authorization: Bearer <token>');
  if (!ctx.servesScope(token.scope)) {
    throw new HttpError(403, 'scope_not_served', `this central no longer serves scope ${token.scope} (token ${token.name})`);
  }
  return token;
}

function requireMethod(req: IncomingMessage, method: string): void {
  if (req.method !== method) throw new HttpError(405, 'method_not_allowed', `use ${method} for ${req.url ?? 'this path'}`);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'bad_request', 'the path is not valid percent-encoding');
  }
}

export interface CentralServer {
  server: Server;
  streams: StreamHub;
  /** Resolves when every request handler has returned (at most `boundMs` later). */
  settled(boundMs?: number): Promise<void>;
}

export function createCentralServer(ctx: ServerContext): CentralServer {
  const streams = new StreamHub(ctx);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://central.invalid');
    } catch {
      throw new HttpError(400, 'bad_request', 'the request target is not a valid URL');
    }
    const path = url.pathname;
    if (path === '/api/v1/health') {
      requireMethod(req, 'GET');
      const body = { status: 'ok', epoch: ctx.log.epoch(), head: ctx.log.head(), time: ctx.clock().toISOString() };
      sendJson(res, 200, JSON.stringify(body));
      return;
    }
    if (!path.startsWith('/api/v1/')) throw new HttpError(404, 'not_found', `no such endpoint: ${path.slice(0, 200)}`);
    if (path === '/api/v1/changes') {
      requireMethod(req, 'GET');
      await serveChanges(ctx, authenticate(ctx, req), url.searchParams, res);
      return;
    }
    if (path === '/api/v1/stream') {
      requireMethod(req, 'GET');
      streams.serve(authenticate(ctx, req), url.searchParams, req, res);
      return;
    }
    const declaration = /^\/api\/v1\/declarations\/([^/]+)$/.exec(path);
    if (declaration) {
      requireMethod(req, 'GET');
      const token = authenticate(ctx, req);
      const id = decodeSegment(declaration[1]!);
      if (!/^\d{18}$/.test(id)) throw new HttpError(400, 'bad_request', 'a declaration id is 18 digits');
      const row = ctx.log.latest('declaration', id);
      if (!row || row.op !== 'put' || row.data === null) throw new HttpError(404, 'not_found', `no declaration ${id}`);
      if (!scopeCovers(token.scope, row.scope)) throw new HttpError(403, 'forbidden', `declaration ${id} is outside scope ${token.scope}`);
      sendJson(res, 200, row.data);
      return;
    }
    const action = /^\/api\/v1\/alerts\/([^/]+)\/([a-z]+)$/.exec(path);
    if (action) {
      const kind = alertActionKind.safeParse(action[2]);
      if (!kind.success) throw new HttpError(404, 'not_found', `no alert action ${action[2]}; use ack, assign, comment or resolve`);
      requireMethod(req, 'POST');
      const token = authenticate(ctx, req);
      const result = await serveAlertAction(ctx, token, decodeSegment(action[1]!), kind.data, req);
      sendJson(res, result.status, result.body);
      return;
    }
    throw new HttpError(404, 'not_found', `no such endpoint: ${path.slice(0, 200)}`);
  }

  // Handlers still running: close() waits for them, so none reads a closed database.
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    req.on('error', () => res.destroy());
    res.on('error', () => undefined);
    const handled = route(req, res)
      .catch((err: unknown) => {
        if (err instanceof HttpError) {
          sendJson(res, err.status, err.body());
        } else {
          console.error('central: request failed:', err);
          sendJson(res, 500, new HttpError(500, 'internal', 'central failed to answer; see its log').body());
        }
      })
      .finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });
  const settled = async (boundMs = 2000): Promise<void> => {
    const deadline = Date.now() + boundMs;
    while (inFlight.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadline - Date.now())));
      await Promise.race([Promise.allSettled([...inFlight]), bound]);
      clearTimeout(timer);
    }
  };
  return { server, streams, settled };
}
