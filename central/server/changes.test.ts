// Contract tests of GET /api/v1/changes (API.md, "The change log").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pageHeader, pageTrailer, goneBody, errorBody, changeEnvelope } from '../../shared/central/wire.js';
import type { RunningCentral } from '../index.js';
import { getPage } from '../testing/client.js';
import { appendPuts, at, startTestCentral, tok } from '../testing/fixture.js';

let central: RunningCentral;
beforeEach(async () => {
  central = await startTestCentral();
});
afterEach(async () => {
  await central.close();
});

const changesUrl = (q: string) => `${central.url}/api/v1/changes?${q}`;

/** Pages from `after` to the end the way a client does; returns every change and the pages. */
async function readAll(token: string, limit: number, extra = '', after = 0) {
  const all: { seq: number; kind: string; scope: string; key: string; op: string }[] = [];
  let epoch = '';
  let horizon = 0;
  let pages = 0;
  for (;;) {
    const q = after === 0 ? `after=0&limit=${limit}${extra}` : `after=${after}&limit=${limit}&epoch=${epoch}&horizon=${horizon}${extra}`;
    const page = await getPage(changesUrl(q), token);
    expect(page.status).toBe(200);
    const header = pageHeader.parse(page.header);
    epoch = header.epoch;
    horizon = header.horizon;
    const trailer = pageTrailer.parse(page.trailer);
    all.push(...page.changes);
    pages++;
    if (page.changes.length > 0) expect(trailer.next).toBeGreaterThanOrEqual(page.changes[page.changes.length - 1]!.seq);
    after = trailer.next;
    if (!trailer.more) break;
  }
  return { all, pages, after, epoch, horizon };
}

describe('/changes paging', () => {
  it('pages with more=true until the end, ascending, nothing twice', async () => {
    appendPuts(central, 1234);
    const head = central.log.head();
    const { all, pages, after } = await readAll(tok.admin, 100);
    expect(pages).toBeGreaterThan(10);
    expect(after).toBe(head);
    const seqs = all.map((c) => c.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(all.length).toBe(central.log.countRows());
    for (const c of all) expect(changeEnvelope.safeParse(c).success).toBe(true);
  });

  it('answers one page with more=false when everything fits', async () => {
    appendPuts(central, 10);
    const page = await getPage(changesUrl('limit=50000'), tok.admin);
    expect(page.status).toBe(200);
    expect(page.header).toMatchObject({ after: 0, horizon: 0, head: central.log.head() });
    expect(page.trailer).toEqual({ next: central.log.head(), more: false });
    expect(page.changes.length).toBe(central.log.countRows());
  });

  it('pages hold 5,000 changes unless asked otherwise', async () => {
    appendPuts(central, 5_200);
    const page = await getPage(changesUrl(''), tok.admin);
    expect(page.changes).toHaveLength(5_000);
    expect(page.trailer).toEqual({ next: page.changes[4_999]!.seq, more: true });
  });

  it('a page at the head is empty and says more=false', async () => {
    const head = central.log.head();
    const page = await getPage(changesUrl(`after=${head}&epoch=${central.log.epoch()}&horizon=0`), tok.admin);
    expect(page.changes).toEqual([]);
    expect(page.trailer).toEqual({ next: head, more: false });
  });

  it('filters by kinds while the cursor advances over the others', async () => {
    appendPuts(central, 50, 'declaration');
    appendPuts(central, 50, 'alert');
    const { all, after } = await readAll(tok.admin, 20, '&kinds=alert');
    expect(all.length).toBe(50);
    expect(all.every((c) => c.kind === 'alert')).toBe(true);
    expect(after).toBe(central.log.head());
  });

  it('sends only records in the token scope: 53 sees *, 53 and 53xx; 5391 sees * and 5391', async () => {
    appendPuts(central, 500, 'declaration', ['5391', '5392', '53', '4291', '42', '*']);
    const unit = await readAll(tok.officer53, 10_000);
    expect(unit.all.length).toBeGreaterThan(0);
    expect(unit.all.every((c) => c.scope === '*' || c.scope.startsWith('53'))).toBe(true);
    expect(unit.all.filter((c) => c.kind === 'declaration').map((c) => c.scope).sort()).toEqual(expect.arrayContaining(['53', '5391', '5392', '*']));
    const sub = await readAll(tok.wall5391, 10_000);
    expect(sub.all.every((c) => c.scope === '*' || c.scope === '5391')).toBe(true);
    expect(sub.all.some((c) => c.scope === '5391')).toBe(true);
    const national = await readAll(tok.wall, 10_000);
    expect(national.all.length).toBe(central.log.countRows());
  });

  it('rejects bad input with 400 and a JSON error', async () => {
    for (const q of ['limit=0', 'limit=50001', 'limit=abc', 'limit=1.5', 'after=-1', 'after=abc', 'after=1e3', 'after=99999999999999999', 'kinds=', 'kinds=decl%20aration', 'horizon=x&after=0']) {
      const page = await getPage(changesUrl(q), tok.admin);
      expect(page.status, q).toBe(400);
      expect(errorBody.parse(page.body).error.code).toBe('bad_request');
    }
  });

  it('needs a known token: 401 without or with an unknown one', async () => {
    expect((await getPage(changesUrl(''), null)).status).toBe(401);
    const res = await getPage(changesUrl(''), 'not-a-token-at-all');
    expect(res.status).toBe(401);
    expect(errorBody.parse(res.body).error.code).toBe('unauthorized');
  });

  it('answers 403 for a token whose scope central does not serve', async () => {
    const res = await getPage(changesUrl(''), tok.unserved);
    expect(res.status).toBe(403);
  });
});

describe('/changes epoch, horizon and 410', () => {
  it('410 when a cursor comes without its epoch or with another one', async () => {
    appendPuts(central, 5);
    const noEpoch = await getPage(changesUrl('after=3'), tok.admin);
    expect(noEpoch.status).toBe(410);
    expect(goneBody.parse(noEpoch.body)).toMatchObject({ epoch: central.log.epoch(), horizon: 0 });
    expect((await getPage(changesUrl('after=3&epoch=other&horizon=0'), tok.admin)).status).toBe(410);
    expect((await getPage(changesUrl(`after=3&epoch=${central.log.epoch()}&horizon=0`), tok.admin)).status).toBe(200);
  });

  it('410 below a horizon that moved (stale horizon), 200 above it or with the current one', async () => {
    appendPuts(central, 20);
    const epoch = central.log.epoch();
    const first = central.log.head();
    central.log.del('declaration', 'k3', { scope: '53', at });
    appendPuts(central, 20);
    expect(central.log.purgeTombstones({ beforeSeq: central.log.head() + 1 })).toBe(1);
    const h = central.log.horizon();
    expect(h).toBe(first + 1);
    // Below the horizon with the old (0) or no horizon: resync.
    const stale = await getPage(changesUrl(`after=${first}&epoch=${epoch}&horizon=0`), tok.admin);
    expect(stale.status).toBe(410);
    expect(goneBody.parse(stale.body)).toMatchObject({ epoch, horizon: h });
    expect((await getPage(changesUrl(`after=${first}&epoch=${epoch}`), tok.admin)).status).toBe(410);
    // The same cursor with the horizon it was read under is fine.
    expect((await getPage(changesUrl(`after=${first}&epoch=${epoch}&horizon=${h}`), tok.admin)).status).toBe(200);
    // At or above the horizon a stale horizon does not matter.
    expect((await getPage(changesUrl(`after=${h}&epoch=${epoch}&horizon=0`), tok.admin)).status).toBe(200);
  });

  it('paging from 0 through a compacted, purged history always works', async () => {
    for (let round = 0; round < 5; round++) {
      appendPuts(central, 200);
      central.log.append(Array.from({ length: 20 }, (_, i) => ({ kind: 'watchlist', op: 'del' as const, key: `w${round}-${i}`, scope: '*', at })));
      central.log.append(Array.from({ length: 50 }, (_, i) => ({ kind: 'declaration', op: 'put' as const, key: `k${i + 1}`, scope: '53', at, data: { again: round } })));
    }
    central.log.compact();
    central.log.purgeTombstones({ beforeSeq: Math.floor(central.log.head() / 2) });
    expect(central.log.horizon()).toBeGreaterThan(0);
    const { all, after } = await readAll(tok.admin, 97);
    expect(after).toBe(central.log.head());
    expect(all.length).toBe(central.log.countRows());
  });

  it('compaction keeps every record newest state for any cursor', async () => {
    central.log.put('declaration', { v: 1 }, { key: 'A', scope: '53', at });
    const mid = central.log.head();
    central.log.put('declaration', { v: 2 }, { key: 'A', scope: '53', at });
    central.log.put('declaration', { v: 1 }, { key: 'B', scope: '53', at });
    central.log.del('declaration', 'B', { scope: '53', at });
    expect(central.log.compact()).toBe(2);
    const fromZero = await readAll(tok.admin, 1000);
    const a = fromZero.all.filter((c) => c.key === 'A');
    expect(a).toHaveLength(1);
    expect((a[0] as { data?: unknown }).data).toEqual({ v: 2 });
    const b = fromZero.all.filter((c) => c.key === 'B');
    expect(b.map((c) => c.op)).toEqual(['del']);
    expect('data' in b[0]!).toBe(false);
    const fromMid = await getPage(changesUrl(`after=${mid}&epoch=${central.log.epoch()}&horizon=0`), tok.admin);
    expect(fromMid.changes.filter((c) => c.key === 'A').map((c) => c.data)).toEqual([{ v: 2 }]);
  });

  it('after an epoch change an old cursor gets 410 with the new epoch', async () => {
    appendPuts(central, 5);
    const old = central.log.epoch();
    const head = central.log.head();
    const fresh = central.log.resetEpoch();
    expect(fresh).not.toBe(old);
    const res = await getPage(changesUrl(`after=${head}&epoch=${old}&horizon=0`), tok.admin);
    expect(res.status).toBe(410);
    expect(goneBody.parse(res.body).epoch).toBe(fresh);
    // Reading from 0 under the new epoch works and gets the republished reference data.
    const page = await getPage(changesUrl('after=0'), tok.admin);
    expect(page.header).toMatchObject({ epoch: fresh });
  });
});

describe('/changes cut responses', () => {
  it('a purge during a page cuts the response; resuming from the last applied seq meets the 410 rule', async () => {
    appendPuts(central, 30_000);
    central.log.del('declaration', 'k29000', { scope: '53', at });
    appendPuts(central, 100);
    const epoch = central.log.epoch();
    const res = await fetch(changesUrl('after=0&limit=50000'), { headers: { authorization: `Bearer ${tok.admin}` } });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // The tombstone goes while the page is still streaming.
    central.log.purgeTombstones({ beforeSeq: central.log.head() + 1 });
    let text = new TextDecoder().decode(first.value);
    for (;;) {
      const r = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (r.done) break;
      text += new TextDecoder().decode(r.value);
    }
    const lines = text.split('\n').filter(Boolean);
    const last = lines[lines.length - 1]!;
    expect(last.includes('"next"')).toBe(false);
    const applied = lines
      .slice(1)
      .map((l) => {
        try {
          return JSON.parse(l) as { seq: number };
        } catch {
          return null; // the cut may split the last line
        }
      })
      .filter((c): c is { seq: number } => c !== null);
    const lastSeq = applied[applied.length - 1]!.seq;
    expect(lastSeq).toBeLessThan(central.log.horizon());
    const resume = await getPage(changesUrl(`after=${lastSeq}&epoch=${epoch}&horizon=0`), tok.admin);
    expect(resume.status).toBe(410);
  });

  it('a client that goes away mid-page does not disturb the server', async () => {
    appendPuts(central, 20_000);
    const controller = new AbortController();
    const res = await fetch(changesUrl('limit=50000'), { headers: { authorization: `Bearer ${tok.admin}` }, signal: controller.signal });
    await res.body!.getReader().read();
    controller.abort();
    const health = await fetch(`${central.url}/api/v1/health`);
    expect(health.status).toBe(200);
    const page = await getPage(changesUrl('limit=10'), tok.admin);
    expect(page.trailer).toMatchObject({ more: true });
  });
});
