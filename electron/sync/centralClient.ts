// HTTP to central (API.md): bearer token, JSON error bodies turned into error classes
// the engine and the CLI decide on. The token is sent, never logged or put in messages.
import http from 'node:http';
import https from 'node:https';
import { errorBody, goneBody } from '../../shared/central/wire.js';

export class CentralError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CentralError';
  }
}
/** Central cannot be reached, or answered with a server error: retry with backoff. */
export class CentralUnavailableError extends CentralError {
  override name = 'CentralUnavailableError';
}
/** 401 or 403: retrying with the same token will not help. */
export class CentralAuthError extends CentralError {
  override name = 'CentralAuthError';
}
/** 410 or a changed epoch: the client must resync from 0. */
export class CentralGoneError extends CentralError {
  override name = 'CentralGoneError';
  constructor(
    message: string,
    readonly epoch: string | null,
    readonly horizon: number | null,
    status: number | null = 410,
  ) {
    super(message, status);
  }
}
/** Central answered something outside the contract (bad header, 4xx the client caused). */
export class CentralProtocolError extends CentralError {
  override name = 'CentralProtocolError';
}
/** The configured URL is not an http(s) URL. */
export class CentralUrlError extends CentralError {
  override name = 'CentralUrlError';
}

export function parseCentralUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CentralUrlError(`The central URL ${JSON.stringify(url)} is not a URL (expected e.g. http://host:8080)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CentralUrlError(`The central URL must start with http:// or https://, not ${parsed.protocol}`);
  }
  return parsed;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Fail when no response headers arrive within this many ms. */
  timeoutMs?: number;
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

const maxErrorBody = 256 * 1024;

export class CentralClient {
  readonly base: URL;
  private readonly agent: http.Agent;

  constructor(
    baseUrl: string,
    private readonly token: string,
  ) {
    this.base = parseCentralUrl(baseUrl);
    this.agent = this.base.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  }

  close(): void {
    this.agent.destroy();
  }

  /** Opens a streamed GET; resolves with the response once its status is 200. */
  async stream(pathAndQuery: string, options: RequestOptions = {}): Promise<http.IncomingMessage> {
    const res = await this.request(pathAndQuery, options);
    if (res.statusCode === 200) return res;
    const body = await readBody(res).catch(() => '');
    throw classify(res.statusCode ?? 0, body, pathAndQuery);
  }

  /** A request whose answer is a JSON body of any status (officer actions). */
  async json(pathAndQuery: string, options: RequestOptions = {}): Promise<JsonResponse> {
    const res = await this.request(pathAndQuery, options);
    const text = await readBody(res);
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: res.statusCode ?? 0, body };
  }

  private request(pathAndQuery: string, { method = 'GET', headers = {}, body, signal, timeoutMs = 15_000 }: RequestOptions): Promise<http.IncomingMessage> {
    const url = new URL(pathAndQuery, this.base);
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(url, {
        method,
        agent: this.agent,
        signal,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
          ...headers,
        },
      });
      const timer = setTimeout(() => req.destroy(new CentralUnavailableError(`central did not answer ${url.pathname} within ${timeoutMs} ms`)), timeoutMs);
      req.on('response', (res) => {
        clearTimeout(timer);
        resolve(res);
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        if (error instanceof CentralError) reject(error);
        else if ((error as Error).name === 'AbortError') reject(error);
        else reject(new CentralUnavailableError(`central at ${this.base.origin} unreachable: ${describeNetworkError(error)}`, null, { cause: error }));
      });
      req.end(body);
    });
  }
}

function describeNetworkError(error: Error & { code?: string }): string {
  return error.code ? `${error.code} ${error.message}`.slice(0, 200) : error.message.slice(0, 200);
}

async function readBody(res: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > maxErrorBody) {
      res.destroy();
      break;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function classify(status: number, text: string, what: string): CentralError {
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = errorBody.safeParse(json);
  const detail = parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : text.slice(0, 200) || `HTTP ${status}`;
  const path = what.split('?')[0];
  if (status === 410) {
    const gone = goneBody.safeParse(json);
    return new CentralGoneError(`central says the cursor expired (${detail}); resyncing`, gone.success ? gone.data.epoch : null, gone.success ? gone.data.horizon : null);
  }
  if (status === 401) return new CentralAuthError(`central rejected the token (401 ${detail}); check the token file or PORTWALL_TOKEN`, status);
  if (status === 403) return new CentralAuthError(`central refused this token's scope (403 ${detail})`, status);
  if (status >= 500 || status === 429 || status === 408) return new CentralUnavailableError(`central answered ${status} on ${path} (${detail})`, status);
  return new CentralProtocolError(`central answered ${status} on ${path} (${detail})`, status);
}
