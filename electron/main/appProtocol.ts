// Serves the renderer and resources from portwall://app/ instead of file://, so the CSP's
// 'self' means exactly this app, workers load, and nothing outside the bundle is readable.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, normalize, resolve, sep } from 'node:path';
import { contentSecurityPolicy } from '../security/csp.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
  '.map': 'application/json',
};

export function createAppProtocolHandler(rendererDir: string, resourcesDir: string): (request: Request) => Response {
  return (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('not found', { status: 404 });
    const pathname = decodeURIComponent(url.pathname);
    const [root, relative] = pathname.startsWith('/resources/') ? [resourcesDir, pathname.slice(11)] : [rendererDir, pathname === '/' ? 'index.html' : pathname.slice(1)];
    const base = resolve(root);
    const file = resolve(base, normalize(relative));
    if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) return new Response('not found', { status: 404 });
    return new Response(readFileSync(file), {
      headers: {
        'Content-Type': types[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}
