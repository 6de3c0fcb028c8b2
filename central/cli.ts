// Command line of the reference central:
//   npm run central -- --port 7070 --db central.sqlite --seed 1 --speed 60 \
//     --backfill-days 7 --scale 1 --profile national --tokens tokens.json [--reset-epoch] [--ready-json]
// With --ready-json, stdout carries exactly one line once listening:
//   {"event":"ready","url":"http://127.0.0.1:PORT","tokensFile":"..."}
// and everything else goes to stderr (the app's host reads that line).
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TokenEntry } from '../shared/central/wire.js';
import { startCentral, type CentralOptions } from './index.js';
import { loadRegistry } from './sim/registry.js';
import { loadOrMakeDemoTokens, makeDemoTokens, readTokensFile } from './tokens.js';

const usage = `usage: central [--host 127.0.0.1] [--port 7070] [--db central.sqlite|:memory:] [--seed 1]
  [--speed 60] [--scale 0.1] [--backfill-days 1] [--profile national|district] [--district 53]
  [--tokens tokens.json] [--sample-minutes 5] [--reset-epoch] [--ready-json]`;

class UsageError extends Error {
  override name = 'UsageError';
}

function number(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a non-negative number, not ${JSON.stringify(text)}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      db: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      scale: { type: 'string' },
      'backfill-days': { type: 'string' },
      profile: { type: 'string' },
      district: { type: 'string' },
      tokens: { type: 'string' },
      'sample-minutes': { type: 'string' },
      'reset-epoch': { type: 'boolean' },
      'ready-json': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const readyJson = values['ready-json'] === true;
  // With --ready-json stdout belongs to the ready line.
  const say = (text: string) => (readyJson ? console.error(text) : console.log(text));
  const profile = values.profile ?? 'national';
  if (profile !== 'national' && profile !== 'district') throw new UsageError(`--profile must be national or district, not ${profile}`);
  const district = profile === 'district' ? (values.district ?? '53') : undefined;
  const db = values.db ?? ':memory:';
  const port = number('port', values.port, 7070);
  const seed = number('seed', values.seed, 1);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');

  let tokens: TokenEntry[];
  let tokensFile: string;
  // Demo tokens of an in-memory central die with it.
  let removeOnExit: string | null = null;
  if (values.tokens) {
    tokensFile = resolve(values.tokens);
    tokens = readTokensFile(tokensFile);
  } else {
    // Demo tokens live next to the database (0600); their values are never printed.
    tokensFile = db === ':memory:' ? join(tmpdir(), `portwall-central-${process.pid}-tokens.json`) : join(dirname(resolve(db)), `${resolve(db).split(/[\\/]/).pop()}.tokens.json`);
    const reg = loadRegistry(district ?? null);
    const unit = reg.units[0]!;
    tokens = loadOrMakeDemoTokens(tokensFile, () => makeDemoTokens(district ?? '*', district ?? '53', unit.subordinates[0]?.code ?? unit.code));
    if (db === ':memory:') removeOnExit = tokensFile;
    say(`central: demo tokens (wall, officer, admin per scope) are in ${tokensFile} (mode 0600)`);
  }

  const options: CentralOptions = {
    host: values.host ?? '127.0.0.1',
    port,
    db,
    seed,
    speed: number('speed', values.speed, 60),
    scale: number('scale', values.scale, 0.1),
    backfillDays: number('backfill-days', values['backfill-days'], 1),
    profile,
    district,
    tokens,
    resetEpoch: values['reset-epoch'] === true,
    sampleIntervalMinutes: number('sample-minutes', values['sample-minutes'], 5) || 5,
  };
  const started = Date.now();
  const central = await startCentral(options);
  const counts = central.simulator?.counts;
  say(
    `central: ${profile}${district ? ` ${district}` : ''} on ${central.url}, epoch ${central.log.epoch()}, head ${central.log.head()}; ` +
      `ready in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      (counts ? ` (backfill: ${counts.declarations} declarations, ${counts.samples} samples, ${counts.alerts} alerts)` : ''),
  );
  if (readyJson) process.stdout.write(`${JSON.stringify({ event: 'ready', url: central.url, tokensFile })}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.error(`central: ${signal}, closing`);
    central.close().then(
      () => {
        if (removeOnExit) rmSync(removeOnExit, { force: true });
        process.exit(0);
      },
      (err: unknown) => {
        console.error('central: close failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof UsageError || (err as Error).name === 'TokenFileError' || (err as Error).name === 'CentralOptionsError' || (err as Error).name === 'RegistryError') {
    console.error(`central: ${(err as Error).message}\n${usage}`);
  } else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`central: the port is already in use; choose another with --port (0 picks a free one)`);
  } else {
    console.error('central: failed to start:', err);
  }
  process.exit(1);
});
