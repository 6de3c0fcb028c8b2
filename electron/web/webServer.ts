// Browser mode: serves the built renderer and the host API over a WebSocket, so the very
// same renderer runs in any Chromium (end-to-end tests, wall controllers that only have a
// browser). Bound to loopback by default; listening elsewhere requires an access token.
import { timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { contentSecurityPolicy } from '../security/csp.js';
import type { HostRuntime } from '../host/hostRuntime.js';
import type { Logger } from '../host/log.js';
import { type ServerMessage, clientMessage } from './protocol.js';

export interface WebServerOptions {
  runtime: HostRuntime;
  /** Built renderer (dist/renderer). */
  rendererDir: string;
  /** Folder served under /resources/ (fonts, map data). */
  resourcesDir: string;
  host: string;
  port: number;
  /** Required from clients when set; mandatory for non-loopback addresses. */
  accessToken: string | null;
  log: Logger;
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
  '.ico': 'image/x-icon',
};

/** Bigger messages are refused: no host call needs more than this. */
const maxMessageBytes = 256 * 1024;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  if (!isLoopback(options.host) && !options.accessToken) {
    throw new Error(`Listening on ${options.host} exposes the wall to the network: give an access token (--access-token-file).`);
  }
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${options.rendererDir}/index.html missing): run npm run build.`);
  }

  const server = createServer((request, response) => serveFile(request, response, options));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  let bound = '';

  server.on('upgrade', (request, socket, head) => {
    const refusal = refuseUpgrade(request, bound, options.accessToken);
    if (refusal) {
      options.log.warn(`refused a WebSocket from ${request.socket.remoteAddress}: ${refusal}`);
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n\r\n${refusal}\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, options));
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolvePromise());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  bound = `${hostForUrl}:${address.port}`;
  const url = `http://${bound}/`;

  return {
    url,
    close: () => closeAll(server, sockets),
  };
}

function refuseUpgrade(request: IncomingMessage, bound: string, accessToken: string | null): string | null {
  const url = new URL(request.url ?? '/', 'http://placeholder');
  if (url.pathname !== '/host') return 'unknown WebSocket path';
  // A web page elsewhere in the same browser must not drive the host (and DNS rebinding
  // must not reach it): only pages this server served may connect.
  const origin = request.headers.origin;
  const host = request.headers.host;
  if (!origin || !host || new URL(origin).host !== host) return 'cross-origin WebSocket refused';
  if (isLoopback(bound.split(':')[0] ?? '') && !/^(127\.[\d.]+|localhost|\[::1\]):\d+$/.test(host)) return 'unexpected Host header';
  if (accessToken) {
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(accessToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'missing or wrong access token';
  }
  return null;
}

function serveSocket(ws: WebSocket, options: WebServerOptions) {
  const send = (message: ServerMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };
  const stopListening = options.runtime.topics.listen((topic, payload) => send({ type: 'event', topic, payload }));
  ws.on('close', stopListening);
  ws.on('error', (error) => options.log.warn('WebSocket error', error.message));
  ws.on('message', async (data, isBinary) => {
    if (isBinary) return send({ type: 'error', message: 'binary messages are not part of the protocol' });
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return send({ type: 'error', message: 'message is not JSON' });
    }
    const message = clientMessage.safeParse(parsed);
    if (!message.success) return send({ type: 'error', message: 'message is not a host call ({type:"call", id, method, input})' });
    const result = await options.runtime.dispatch(message.data.method, message.data.input);
    send({ type: 'result', id: message.data.id, result });
  });
}

function serveFile(request: IncomingMessage, response: ServerResponse, options: WebServerOptions) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = decodeSafely(new URL(request.url ?? '/', 'http://placeholder').pathname);
  const [root, relative] = pathname?.startsWith('/resources/')
    ? [options.resourcesDir, pathname.slice('/resources/'.length)]
    : [options.rendererDir, pathname === '/' ? 'index.html' : (pathname ?? '').slice(1)];
  const file = pathname === null ? null : insideRoot(root, relative);
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': mimeTypes[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': extname(file) === '.html' ? 'no-cache' : 'max-age=3600',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}

function decodeSafely(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/** Resolves a request path inside root, or null when it would escape it. */
function insideRoot(root: string, relative: string): string | null {
  const base = resolve(root);
  const file = resolve(base, normalize(relative));
  return file === base || file.startsWith(base + sep) ? file : null;
}

async function closeAll(server: Server, sockets: WebSocketServer) {
  for (const client of sockets.clients) client.terminate();
  await new Promise<void>((resolvePromise) => sockets.close(() => resolvePromise()));
  server.closeAllConnections();
  await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
}
