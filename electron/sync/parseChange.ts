// One line of /changes (or one SSE data field) → a change this client can apply, or the
// reason it cannot. Never throws: a bad line is quarantined and sync goes on (API.md).
import { z } from 'zod';
import { type RecordKind, recordKey, recordSchemas } from '../../shared/central/records.js';
import { changeEnvelope } from '../../shared/central/wire.js';

export interface PutChange {
  op: 'put';
  seq: number;
  kind: RecordKind;
  key: string;
  scope: string;
  at: number;
  data: Record<string, unknown>;
}
export interface DelChange {
  op: 'del';
  seq: number;
  kind: RecordKind;
  key: string;
  scope: string;
  at: number;
}
export type Change = PutChange | DelChange;

export interface Rejected {
  reason: string;
  seq: number | null;
  kind: string | null;
  raw: Uint8Array;
  /** The parsed JSON, when the line was JSON at all (a page trailer arrives this way). */
  parsed?: unknown;
}

export type ParseResult = { ok: true; change: Change } | { ok: false; rejected: Rejected };

const utf8 = new TextDecoder('utf-8', { fatal: true });
// A JSON escape of a UTF-16 surrogate; only then can a parsed string hold a lone one.
const surrogateEscape = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return loneSurrogate.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (loneSurrogate.test(k) || hasLoneSurrogate(v)) return true;
  }
  return false;
}

function reject(raw: Uint8Array, reason: string, parsed?: unknown): ParseResult {
  const obj = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  const seq = typeof obj.seq === 'number' && Number.isSafeInteger(obj.seq) ? obj.seq : null;
  const kind = typeof obj.kind === 'string' ? obj.kind.slice(0, 64) : null;
  return { ok: false, rejected: { reason, seq, kind, raw, parsed } };
}

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Parses bytes of one line; `text` may be passed when the caller already decoded it. */
export function parseChange(raw: Uint8Array, text?: string): ParseResult {
  let line: string;
  try {
    line = text ?? utf8.decode(raw);
  } catch {
    return reject(raw, 'not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return reject(raw, `invalid JSON: ${(error as Error).message.slice(0, 120)}`);
  }
  if (surrogateEscape.test(line) && hasLoneSurrogate(parsed)) return reject(raw, 'lone surrogate in a string', parsed);
  const envelope = changeEnvelope.safeParse(parsed);
  if (!envelope.success) return reject(raw, `bad change envelope: ${issues(envelope.error)}`, parsed);
  const { seq, kind, op, key, scope, at } = envelope.data;
  if (!Object.hasOwn(recordSchemas, kind)) return reject(raw, `unknown kind ${JSON.stringify(kind)}`, parsed);
  const recordKind = kind as RecordKind;
  const atMs = Date.parse(at);
  if (op === 'del') return { ok: true, change: { op, seq, kind: recordKind, key, scope, at: atMs } };
  if (envelope.data.data === undefined) return reject(raw, 'put without data', parsed);
  const data = recordSchemas[recordKind].safeParse(envelope.data.data);
  if (!data.success) return reject(raw, `${kind} breaks its schema: ${issues(data.error)}`, parsed);
  // Keep the record as received (unknown fields included), not zod's output.
  const record = envelope.data.data as Record<string, unknown>;
  const derived = recordKey(recordKind, record);
  if (derived !== key) return reject(raw, `key ${JSON.stringify(key)} does not match the record's key ${JSON.stringify(derived)}`, parsed);
  return { ok: true, change: { op, seq, kind: recordKind, key, scope, at: atMs, data: record } };
}
