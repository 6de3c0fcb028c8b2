// The central under benchmark, in its own process so its memory is its own.
// argv[2]: JSON {db, changes}. Fills the log with realistic declaration puts up to
// `changes` rows (kept between runs) and exits with {"event":"filled"}; when the log is
// full it prints {"event":"ready",...}, then obeys JSON
// commands on stdin: {"cmd":"burst","every":ms,"size":n,"total":n} appends changes
// stamped with the time they were appended; {"cmd":"rss"} reports peak RSS.
import { createInterface } from 'node:readline';
import { startCentral } from '../../central/index.js';
import type { AppendInput } from '../../central/log/centralLog.js';
import { Parties } from '../../central/sim/parties.js';
import { Rng } from '../../central/sim/prng.js';
import { loadRegistry } from '../../central/sim/registry.js';
import { TrafficModel } from '../../central/sim/traffic.js';

const { db, changes } = JSON.parse(process.argv[2] ?? '{}') as { db: string; changes: number };
const token = { token: 'bench-admin-token-000000', role: 'admin' as const, scope: '*', name: 'bench' };
const central = await startCentral({ db, scale: 0, speed: 0, tokens: [token], now: () => new Date('2026-11-23T04:00:00.000Z') });
const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

const missing = changes - central.log.countRows();
if (missing > 0) {
  const started = Date.now();
  const reg = loadRegistry();
  const model = new TrafficModel(reg, new Parties(reg, 1, () => 0.02));
  const rng = new Rng(1, 9);
  let t = Date.parse('2026-11-16T04:00:00.000Z');
  for (let done = 0; done < missing; ) {
    const batch: AppendInput[] = [];
    for (let i = 0; i < 10_000 && done < missing; i++, done++) {
      t += 600;
      const plan = model.newDeclaration(rng, rng.pick(reg.ports), t);
      plan.record.stages.push({ stage: 'declared', at: plan.record.declaredAt });
      batch.push({ kind: 'declaration', op: 'put', key: plan.record.id, scope: plan.customs, at: plan.record.declaredAt, json: JSON.stringify(plan.record) });
    }
    central.log.append(batch);
  }
  central.log.db.pragma('wal_checkpoint(TRUNCATE)');
  console.error(`filled ${missing} changes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Filling used memory serving never needs: the bench starts a fresh process to serve.
  await central.close();
  say({ event: 'filled' });
  process.exit(0);
}
say({ event: 'ready', url: central.url, token: token.token, head: central.log.head(), rows: central.log.countRows(), epoch: central.log.epoch() });

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const cmd = JSON.parse(line) as { cmd: string; every?: number; size?: number; total?: number };
  if (cmd.cmd === 'rss') {
    say({ event: 'rss', maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });
  } else if (cmd.cmd === 'burst') {
    let sent = 0;
    const timer = setInterval(() => {
      const n = Math.min(cmd.size ?? 10, (cmd.total ?? 100) - sent);
      const now = performance.timeOrigin + performance.now();
      const at = new Date(now).toISOString();
      central.log.append(Array.from({ length: n }, (_, i) => ({ kind: 'alert', op: 'put' as const, key: `bench-${sent + i}`, scope: '*', at, json: `{"id":"bench-${sent + i}","sentAt":${now}}` })));
      sent += n;
      if (sent >= (cmd.total ?? 100)) {
        clearInterval(timer);
        say({ event: 'burstDone', sent });
      }
    }, cmd.every ?? 50);
  } else if (cmd.cmd === 'close') {
    void central.close().then(() => process.exit(0));
  }
});
