// The reference central API server with its clearance simulator, startable in-process
// (tests, the app's demo mode) or from the command line (cli.ts).
import type { AddressInfo } from 'node:net';
import type { TokenEntry } from '../shared/central/wire.js';
import { CentralLog } from './log/centralLog.js';
import { createCentralServer } from './server/app.js';
import type { ServerContext } from './server/context.js';
import { loadRegistry } from './sim/registry.js';
import { Simulator } from './sim/simulator.js';
import { makeDemoTokens } from './tokens.js';

export { CentralLog } from './log/centralLog.js';
export { Simulator } from './sim/simulator.js';

export interface CentralOptions {
  host?: string;
  /** 0 = ephemeral. */
  port?: number;
  /** SQLite file path, or ':memory:'. */
  db?: string;
  seed?: number;
  /** Simulated seconds per real second; 0 = simulator paused (tests step it). */
  speed?: number;
  /** 1 = national volume (~250k declarations/day); 0 = reference data only. */
  scale?: number;
  /** History generated at start. */
  backfillDays?: number;
  profile?: 'national' | 'district';
  /** 2-digit unit code for the district profile. */
  district?: string;
  tokens?: TokenEntry[];
  resetEpoch?: boolean;
  /** Injectable clock: where simulated time starts. */
  now?: () => Date;
  /** Interval of `: ping` comments on /stream (API.md: at most 15 s). */
  pingIntervalMs?: number;
  /** Minutes between indicator samples (live); history is published every `backfillSampleIntervalMinutes`. */
  sampleIntervalMinutes?: number;
  backfillSampleIntervalMinutes?: number;
  sampleRetentionDays?: number;
  tombstoneRetentionDays?: number;
}

export interface RunningCentral {
  url: string;
  tokens: TokenEntry[];
  log: CentralLog;
  simulator: Simulator | null;
  /** Stops the server, open streams and the simulator, and closes the database. */
  close(): Promise<void>;
}

export class CentralOptionsError extends Error {
  override name = 'CentralOptionsError';
}

function validate(o: CentralOptions): void {
  const nonNegative = (name: string, v: number | undefined) => {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new CentralOptionsError(`${name} must be a non-negative number, not ${v}`);
  };
  nonNegative('speed', o.speed);
  nonNegative('scale', o.scale);
  nonNegative('backfillDays', o.backfillDays);
  nonNegative('port', o.port);
  if (o.seed !== undefined && !Number.isInteger(o.seed)) throw new CentralOptionsError(`seed must be an integer, not ${o.seed}`);
  if (o.profile === 'district' && o.district !== undefined && !/^\d{2}$/.test(o.district)) {
    throw new CentralOptionsError(`district must be a 2-digit customs code, not ${o.district}`);
  }
}

export async function startCentral(options: CentralOptions = {}): Promise<RunningCentral> {
  validate(options);
  const profile = options.profile ?? 'national';
  const district = profile === 'district' ? (options.district ?? '53') : null;
  const registry = loadRegistry(district);
  const log = new CentralLog(options.db ?? ':memory:', { resetEpoch: options.resetEpoch });
  try {
    const nowFn = options.now ?? (() => new Date());
    const fresh = log.head() === 0 || log.countRows() === 0;
    // A restart resumes the simulated clock where the stored log ends.
    const lastAt = fresh ? 0 : Date.parse((log.db.prepare('SELECT at FROM log ORDER BY seq DESC LIMIT 1').get() as { at: string } | undefined)?.at ?? '') || 0;
    const scale = options.scale ?? 1;
    const simulator = new Simulator({
      log,
      seed: options.seed ?? 1,
      scale,
      profile,
      district: district ?? undefined,
      start: Math.max(nowFn().getTime(), lastAt),
      sampleIntervalMinutes: options.sampleIntervalMinutes,
      backfillSampleIntervalMinutes: options.backfillSampleIntervalMinutes,
      sampleRetentionDays: options.sampleRetentionDays,
      tombstoneRetentionDays: options.tombstoneRetentionDays,
    });
    if (fresh) {
      if ((options.backfillDays ?? 0) > 0) simulator.backfill(options.backfillDays!);
      else simulator.publishReference();
    }
    // A rebuilt log starts again from the reference records.
    log.subscribe({ onReset: () => simulator.publishReference() });

    const topScope = district ?? '*';
    const firstUnit = registry.units[0]!;
    const tokens = options.tokens ?? makeDemoTokens(topScope, district ?? '53', firstUnit.subordinates[0]?.code ?? firstUnit.code);
    const served = new Set(['*', ...registry.units.map((u) => u.code), ...registry.subordinates.map((s) => s.code)]);
    if (district) served.delete('*');
    const ctx: ServerContext = {
      log,
      tokens: new Map(tokens.map((t) => [t.token, t])),
      servesScope: (scope) => served.has(scope),
      clock: () => simulator.now(),
      pingIntervalMs: options.pingIntervalMs ?? 15_000,
    };
    const { server, streams, settled } = createCentralServer(ctx);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    simulator.start(options.speed ?? 0);
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    let closed = false;
    return {
      url: `http://${host}:${address.port}`,
      tokens,
      log,
      simulator,
      async close() {
        if (closed) return;
        closed = true;
        simulator.stop();
        streams.closeAll();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        // A page being written notices its destroyed socket at its next await.
        await settled();
        log.close();
      },
    };
  } catch (err) {
    log.close();
    throw err;
  }
}
