// The reference central in its own process for the sync benchmark, so the figures of the
// client (event-loop delay, RSS) are not mixed with the server's work. Reads one JSON
// command per stdin line and answers one JSON line on stdout.
import { createInterface } from 'node:readline';
import { startCentral } from '../../central/index.js';
import type { TokenEntry } from '../../shared/central/wire.js';
import { generateDeclarations } from './declarations.js';

export const benchToken: TokenEntry = { token: 'bench-wall-national-000001', role: 'wall', scope: '*', name: 'bench wall' };

const options = JSON.parse(process.argv[2] ?? '{}') as { db: string; scale: number; declarations?: number };
const central = await startCentral({ db: options.db, speed: 0, scale: options.scale, seed: 11, tokens: [benchToken], backfillSampleIntervalMinutes: 60 });
const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

if (options.declarations) {
  let batch: Parameters<typeof central.log.append>[0][number][] = [];
  for (const d of generateDeclarations(options.declarations)) {
    batch.push({ kind: 'declaration', op: 'put', key: d.key, scope: d.scope, at: d.at, data: d.data });
    if (batch.length === 20_000) {
      central.log.append(batch);
      batch = [];
    }
  }
  central.log.append(batch);
}
say({ url: central.url, head: central.log.head() });

const now = () => performance.timeOrigin + performance.now();
for await (const line of createInterface({ input: process.stdin })) {
  const cmd = JSON.parse(line) as { cmd: 'step'; seconds: number } | { cmd: 'live'; n: number; intervalMs: number } | { cmd: 'close' };
  if (cmd.cmd === 'step') {
    const t = now();
    central.simulator!.step(cmd.seconds);
    say({ head: central.log.head(), ms: now() - t });
  } else if (cmd.cmd === 'live') {
    // One new declaration at a time, each appended on its own: latency per change.
    const appended: Array<{ seq: number; at: number }> = [];
    const gen = generateDeclarations(cmd.n, { seed: 99, end: central.simulator!.now().getTime(), days: 0.01 });
    for (const d of gen) {
      const key = `99${d.key.slice(2)}`;
      const seq = central.log.append([{ kind: 'declaration', op: 'put', key, scope: d.scope, at: d.at, data: { ...d.data, id: key } }]);
      appended.push({ seq, at: now() });
      await new Promise((resolve) => setTimeout(resolve, cmd.intervalMs));
    }
    say({ appended });
  } else {
    await central.close();
    say({ closed: true });
    process.exit(0);
  }
}
