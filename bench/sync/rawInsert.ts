// The baseline of the sync benchmark: the same declarations inserted with plain
// better-sqlite3 into the same schema (rows, ticket search, aggregates), in 10k-row
// transactions, with no network, parsing, validation or cursor.
import type { WritableDB } from '../../electron/store/db.js';
import { declarationSearchFields, searchSignature } from '../../electron/store/searchText.js';
import type { GeneratedChange } from './declarations.js';

export function rawInsert(db: WritableDB, records: Iterable<GeneratedChange>, firstSeq = 1): number {
  const insert = db.prepare(
    `INSERT INTO declarations (id, seq, scope, updated_at, raw, direction, port, unit, status, declared_at, partner_country,
       enterprise_code, enterprise_name, transport, trade_mode, value_usd, risk_score, dangerous, fts_sig)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const fts = db.prepare('INSERT INTO declaration_fts (rowid, id, enterprise, items, containers) VALUES (?, ?, ?, ?, ?)');
  const stage = db.prepare(
    `INSERT INTO declaration_stage_counts (bucket, port, stage, direction, n) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(bucket, port, stage, direction) DO UPDATE SET n = n + excluded.n`,
  );
  const flow = db.prepare(
    `INSERT INTO declaration_flow_counts (bucket, partner_country, port, direction, n, value_usd) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(bucket, partner_country, port, direction) DO UPDATE SET n = n + excluded.n, value_usd = value_usd + excluded.value_usd`,
  );
  let seq = firstSeq;
  let batch: GeneratedChange[] = [];
  const write = db.transaction((rows: GeneratedChange[]) => {
    const stages = new Map<string, [number, string, string, string, number]>();
    const flows = new Map<string, [number, string, string, string, number, number]>();
    for (const { data: d, scope, at } of rows) {
      const id = BigInt(d.id);
      const f = declarationSearchFields(d);
      insert.run(id, seq++, scope, Date.parse(at), JSON.stringify(d), d.direction, d.port, d.unit, d.status, Date.parse(d.declaredAt), d.partnerCountry,
        d.enterprise.code, d.enterprise.name, d.transport, d.tradeMode, d.valueUsd, d.riskScore, d.dangerous ? 1 : 0, searchSignature(f));
      fts.run(id, f.id, f.enterprise, f.items, f.containers);
      for (const s of d.stages) {
        const bucket = Math.floor(Date.parse(s.at) / 60_000);
        const key = `${bucket}|${d.port}|${s.stage}|${d.direction}`;
        const e = stages.get(key);
        if (e) e[4]++;
        else stages.set(key, [bucket, d.port, s.stage, d.direction, 1]);
      }
      const bucket = Math.floor(Date.parse(d.declaredAt) / 60_000);
      const key = `${bucket}|${d.partnerCountry}|${d.port}|${d.direction}`;
      const e = flows.get(key);
      if (e) {
        e[4]++;
        e[5] += d.valueUsd;
      } else flows.set(key, [bucket, d.partnerCountry, d.port, d.direction, 1, d.valueUsd]);
    }
    for (const v of stages.values()) stage.run(...v);
    for (const v of flows.values()) flow.run(...v);
  });
  let count = 0;
  for (const record of records) {
    batch.push(record);
    if (batch.length === 10_000) {
      write(batch);
      count += batch.length;
      batch = [];
    }
  }
  write(batch);
  return count + batch.length;
}
