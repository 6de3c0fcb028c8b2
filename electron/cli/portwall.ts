// `portwall`: the headless command line (issue 5). sync fills a store from central with
// the same engine the app runs; export and status read a store. One-line errors, non-zero
// exits: 2 for usage, 1 for everything else.
import { once } from 'node:events';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { recordKinds, scopeCode } from '../../shared/central/records.js';
import { openReadableDb, openWritableDb } from '../store/db.js';
import { exportRecords, isRecordKind } from '../store/queries/exportRecords.js';
import { storeStatus } from '../store/queries/storeStatus.js';
import { parseCentralUrl } from '../sync/centralClient.js';
import { SyncEngine } from '../sync/engine.js';
import { resolveToken } from './tokenFile.js';

class UsageError extends Error {
  override name = 'UsageError';
}

const usage = `usage:
  portwall sync --central URL (--token-file FILE | env PORTWALL_TOKEN) --db FILE [--once] [--timeout SECONDS] [--scope CODE]
  portwall export --db FILE --kind ${recordKinds.join('|')}
  portwall status --db FILE [--json]`;

function args(argv: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

async function sync(argv: string[]): Promise<number> {
  const values = args(argv, {
    central: { type: 'string' },
    'token-file': { type: 'string' },
    db: { type: 'string' },
    once: { type: 'boolean' },
    timeout: { type: 'string' },
    scope: { type: 'string' },
  });
  const central = required(values, 'central');
  const dbPath = required(values, 'db');
  const timeout = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError('--timeout must be a positive number of seconds');
  parseCentralUrl(central);
  const scope = values.scope as string | undefined;
  if (scope !== undefined && !scopeCode.safeParse(scope).success) throw new UsageError('--scope must be *, a 2-digit or a 4-digit customs code');
  const token = resolveToken(values['token-file'] as string | undefined);
  const db = openWritableDb(dbPath);
  const engine = new SyncEngine({
    db,
    centralUrl: central,
    // Pre-seeding a wall's store: with the wall's scope, the wall will not resync it.
    scope,
    token,
    once: values.once === true,
    timeoutMs: timeout * 1000,
    log: { info: (m) => process.stderr.write(`portwall: ${m}\n`), warn: (m) => process.stderr.write(`portwall: ${m}\n`) },
  });
  const stop = () => void engine.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  try {
    await engine.run();
    await engine.stop();
    return 0;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    db.close();
  }
}

async function exportKind(argv: string[]): Promise<number> {
  const values = args(argv, { db: { type: 'string' }, kind: { type: 'string' } });
  const kind = required(values, 'kind');
  if (!isRecordKind(kind)) throw new UsageError(`unknown --kind ${JSON.stringify(kind)}; one of ${recordKinds.join(', ')}`);
  const db = openReadableDb(required(values, 'db'));
  try {
    let chunk = '';
    for (const { key, raw } of exportRecords(db, kind)) {
      chunk += `{"key":${JSON.stringify(key)},"data":${raw}}\n`;
      if (chunk.length > 64 * 1024) {
        if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
        chunk = '';
      }
    }
    if (chunk && !process.stdout.write(chunk)) await once(process.stdout, 'drain');
  } finally {
    db.close();
  }
  return 0;
}

function status(argv: string[]): number {
  const values = args(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  const db = openReadableDb(required(values, 'db'));
  try {
    const s = storeStatus(db);
    if (values.json) {
      const { epoch, horizon, cursor, head, state, counts, quarantined, outboxPending, lastError } = s;
      process.stdout.write(`${JSON.stringify({ epoch, horizon, cursor, head, state, counts, quarantined, outboxPending, lastError })}\n`);
    } else {
      const lines = [
        `state        ${s.state}${s.resyncing ? ' (resync under way)' : ''}`,
        `central      ${s.centralUrl ?? '-'}`,
        `epoch        ${s.epoch ?? '-'}   horizon ${s.horizon ?? '-'}`,
        `cursor       ${s.cursor}   head ${s.head ?? '-'}`,
        `data as of   ${s.dataAsOf ?? '-'}`,
        `quarantined  ${s.quarantined}   outbox pending ${s.outboxPending}`,
        `last error   ${s.lastError ?? '-'}`,
        ...Object.entries(s.counts).map(([kind, n]) => `${kind.padEnd(16)} ${n}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  } finally {
    db.close();
  }
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'sync':
        return await sync(rest);
      case 'export':
        return await exportKind(rest);
      case 'status':
        return status(rest);
      default:
        throw new UsageError(command ? `unknown command ${JSON.stringify(command)}` : 'no command');
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`portwall: ${message.split('\n')[0]}\n`);
    if (error instanceof UsageError) {
      process.stderr.write(`${usage}\n`);
      return 2;
    }
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`portwall: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
