// What central's log says the client should hold: every record's newest state for the
// token's scope, read straight from /changes (a deliberately naive reader, independent of
// the engine), and the same from a local store, for "equal record by record" checks.
import { type RecordKind, recordKinds } from '../../../shared/central/records.js';
import type { ReadableDB } from '../../store/db.js';
import { exportRecords } from '../../store/queries/exportRecords.js';

export type StoreSnapshot = Record<RecordKind, Array<[string, unknown]>>;

export async function centralSnapshot(url: string, token: string): Promise<StoreSnapshot & { head: number }> {
  const records = new Map<string, Map<string, unknown>>(recordKinds.map((k) => [k, new Map()]));
  let after = 0;
  let head = 0;
  let resume = '';
  for (;;) {
    const res = await fetch(`${url}/api/v1/changes?after=${after}&limit=50000${resume}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`central answered ${res.status} to the snapshot reader`);
    const lines = (await res.text()).split('\n').filter(Boolean);
    const header = JSON.parse(lines[0] as string) as { head: number; epoch: string; horizon: number };
    head = header.head;
    resume = `&epoch=${encodeURIComponent(header.epoch)}&horizon=${header.horizon}`;
    const trailer = JSON.parse(lines.at(-1) as string) as { next: number; more: boolean };
    for (const line of lines.slice(1, -1)) {
      const change = JSON.parse(line) as { kind: string; key: string; op: string; data?: unknown };
      const kind = records.get(change.kind);
      if (!kind) continue;
      if (change.op === 'del') kind.delete(change.key);
      else kind.set(change.key, change.data);
    }
    after = trailer.next;
    if (!trailer.more) break;
  }
  const snapshot = { head } as StoreSnapshot & { head: number };
  for (const kind of recordKinds) snapshot[kind] = sortByKey([...(records.get(kind) ?? new Map()).entries()]);
  return snapshot;
}

export function localSnapshot(db: ReadableDB): StoreSnapshot {
  const snapshot = {} as StoreSnapshot;
  for (const kind of recordKinds) snapshot[kind] = [...exportRecords(db, kind)].map(({ key, raw }) => [key, JSON.parse(raw)]);
  return snapshot;
}

function sortByKey(entries: Array<[string, unknown]>): Array<[string, unknown]> {
  return entries.sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** Drops the given keys of a kind (records the test made unusable on purpose). */
export function without(snapshot: StoreSnapshot, kind: RecordKind, keys: ReadonlySet<string>): StoreSnapshot {
  return { ...snapshot, [kind]: snapshot[kind].filter(([key]) => !keys.has(key)) };
}

export function countsOf(snapshot: StoreSnapshot): Record<RecordKind, number> {
  return Object.fromEntries(recordKinds.map((k) => [k, snapshot[k].length])) as Record<RecordKind, number>;
}
