import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordKind } from '../../../shared/central/records.js';
import { recordKey } from '../../../shared/central/records.js';
import { mapReferenceFrom } from '../../host/handlers/map.js';
import { ChangeApplier } from '../../sync/applyBatch.js';
import type { Change } from '../../sync/parseChange.js';
import { type ReadableDB, openReadableDb, openWritableDb } from '../db.js';
import { PortNotFoundError, mapMovements, mapOverview, portDetail, portHealth, portTickets } from './map.js';

const reference = mapReferenceFrom({
  units: [
    { code: '22', nameZh: '上海海关', nameEn: 'Shanghai Customs', lat: 31.23, lon: 121.47 },
    { code: '53', nameZh: '深圳海关', nameEn: 'Shenzhen Customs', lat: 22.54, lon: 114.06 },
  ],
  partners: [
    { iso2: 'US', nameZh: '美国', nameEn: 'United States', lat: 33.74, lon: -118.26 },
    { iso2: 'DE', nameZh: '德国', nameEn: 'Germany', lat: 53.54, lon: 9.98 },
  ],
});

const now = Date.parse('2026-11-23T10:00:00.000Z');
const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
let seq = 0;
let id = 220000000000000000n;

function put(kind: RecordKind, data: Record<string, unknown>, scope = '*'): Change {
  seq += 1;
  return { op: 'put', seq, kind, key: recordKey(kind, data), scope, at: now, data };
}

function declaration(opts: {
  port: string;
  unit: string;
  partner: string;
  direction?: 'import' | 'export';
  minutesAgo: number;
  status: string;
  releasedAfter?: number;
  value?: number;
  hs?: string;
}): Record<string, unknown> {
  id += 1n;
  const declaredAt = iso(opts.minutesAgo);
  const stages: { stage: string; at: string }[] = [{ stage: 'declared', at: declaredAt }];
  if (opts.releasedAfter !== undefined) stages.push({ stage: 'released', at: iso(opts.minutesAgo - opts.releasedAfter) });
  else if (opts.status !== 'declared') stages.push({ stage: opts.status, at: iso(opts.minutesAgo - 1) });
  return {
    id: String(id),
    direction: opts.direction ?? 'import',
    port: opts.port,
    unit: opts.unit,
    declaredAt,
    status: opts.status,
    stages,
    tradeMode: '0110',
    transport: 'sea',
    partnerCountry: opts.partner,
    enterprise: { code: '3122000001', name: '上海示例贸易有限公司' },
    valueUsd: opts.value ?? 1000,
    items: [{ hs: opts.hs ?? '8471300000', description: 'laptops', quantity: 1, unit: 'pcs', valueUsd: opts.value ?? 1000 }],
    riskScore: 0.1,
    riskHits: [],
    dangerous: null,
    containers: [],
  };
}

let dir: string;
let db: ReadableDB;
let heldId = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pw-map-'));
  const path = join(dir, 'store.sqlite');
  const writable = openWritableDb(path);
  const changes: Change[] = [
    put('unit', { code: '22', level: 1, parent: null, nameZh: '上海海关', nameEn: 'Shanghai Customs', lat: 31.23, lon: 121.47 }),
    put('port', { code: 'CNYGS', nameZh: '洋山港', nameEn: 'Yangshan', type: 'sea', unit: '22', lat: 30.63, lon: 122.07 }),
    put('port', { code: 'CNPVG-APT', nameZh: '浦东机场', nameEn: 'Pudong Airport', type: 'air', unit: '22', lat: 31.14, lon: 121.81 }),
    put('port', { code: 'CNYTN', nameZh: '盐田港', nameEn: 'Yantian', type: 'sea', unit: '53', lat: 22.57, lon: 114.27 }),
    // A port whose coordinates are a placeholder: listed, counted, not drawn.
    put('port', { code: 'CNXXX', nameZh: '无坐标口岸', nameEn: 'No coordinates', type: 'land', unit: '53', lat: 0, lon: 0 }),
  ];
  // Yangshan: 10 declarations in the last hour, 2 held, 1 in inspection, 3 released.
  const yangshan = [
    ...Array.from({ length: 4 }, (_, i) => declaration({ port: 'CNYGS', unit: '22', partner: 'US', minutesAgo: 5 + i, status: 'screening' })),
    declaration({ port: 'CNYGS', unit: '22', partner: 'US', minutesAgo: 20, status: 'held' }),
    declaration({ port: 'CNYGS', unit: '22', partner: 'DE', minutesAgo: 21, status: 'held', hs: '8703230000', value: 50_000 }),
    declaration({ port: 'CNYGS', unit: '22', partner: 'DE', minutesAgo: 30, status: 'inspection' }),
    declaration({ port: 'CNYGS', unit: '22', partner: 'US', minutesAgo: 50, status: 'released', releasedAfter: 10 }),
    declaration({ port: 'CNYGS', unit: '22', partner: 'US', minutesAgo: 45, status: 'released', releasedAfter: 20 }),
    declaration({ port: 'CNYGS', unit: '22', partner: 'DE', direction: 'export', minutesAgo: 40, status: 'released', releasedAfter: 30 }),
  ];
  // Yesterday, same window: releases after 60 and 80 minutes.
  const yesterday = [
    declaration({ port: 'CNYGS', unit: '22', partner: 'US', minutesAgo: 24 * 60 + 100, status: 'released', releasedAfter: 60 }),
    declaration({ port: 'CNYGS', unit: '22', partner: 'US', minutesAgo: 24 * 60 + 110, status: 'released', releasedAfter: 80 }),
  ];
  const others = [
    declaration({ port: 'CNYTN', unit: '53', partner: 'US', direction: 'export', minutesAgo: 10, status: 'screening' }),
    // An unknown partner and a port with no point: counted, not drawn.
    declaration({ port: 'CNYTN', unit: '53', partner: 'ZZ', minutesAgo: 12, status: 'screening' }),
    declaration({ port: 'CNXXX', unit: '53', partner: 'US', minutesAgo: 15, status: 'screening' }),
    // The newest declaration sets the map's clock.
    declaration({ port: 'CNPVG-APT', unit: '22', partner: 'DE', minutesAgo: 0, status: 'declared' }),
  ];
  heldId = String(yangshan[4]!.id);
  for (const d of [...yangshan, ...yesterday, ...others]) changes.push(put('declaration', d, String(d.unit)));
  const alert = (alertId: string, severity: string, subject: { kind: string; key: string }, state = 'open') =>
    put('alert', {
      id: alertId,
      rule: 'overdue-held',
      severity,
      scope: '22',
      subject,
      raisedAt: iso(3),
      message: { zh: '扣留超时', en: 'Held too long' },
      state,
      ackBy: null,
      ackAt: null,
      assignee: null,
      comments: [],
      version: 1,
    });
  changes.push(
    alert('a1', 'warning', { kind: 'declaration', key: heldId }),
    alert('a2', 'critical', { kind: 'port', key: 'CNYGS' }),
    alert('a3', 'critical', { kind: 'port', key: 'CNYGS' }, 'resolved'),
  );
  new ChangeApplier(writable, 'live', () => now).apply({
    page: { epoch: 'e1', horizon: 0, head: seq },
    items: changes.map((change) => ({ change })),
    next: seq,
  });
  writable.close();
  db = openReadableDb(path);
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mapOverview', () => {
  it('sizes, colours and links every port of the window', () => {
    const overview = mapOverview(db, reference, { windowMinutes: 60, unit: null });
    expect(overview.asOf).toBe(iso(0));
    const yangshan = overview.ports.find((p) => p.code === 'CNYGS')!;
    expect(yangshan).toMatchObject({ declarations: 10, held: 2, inspection: 1, openAlerts: 2, worstSeverity: 'critical', health: 'stuck' });
    expect(yangshan.valueUsd).toBe(8 * 1000 + 50_000 + 1000);
    const flows = overview.flows.filter((f) => f.port === 'CNYGS');
    expect(flows).toEqual(
      expect.arrayContaining([
        { port: 'CNYGS', partner: 'US', direction: 'import', declarations: 7, valueUsd: 7000 },
        { port: 'CNYGS', partner: 'DE', direction: 'import', declarations: 2, valueUsd: 51_000 },
        { port: 'CNYGS', partner: 'DE', direction: 'export', declarations: 1, valueUsd: 1000 },
      ]),
    );
    expect(overview.districts.find((d) => d.unit === '22')).toMatchObject({ declarations: 11, held: 2, openAlerts: 2 });
  });

  it('counts what it cannot draw instead of failing', () => {
    const overview = mapOverview(db, reference, { windowMinutes: 60, unit: null });
    expect(overview.issues).toEqual({ portsWithoutCoordinates: ['CNXXX'], unknownPartners: ['ZZ'], declarationsNotDrawn: 2 });
    const noPoint = overview.ports.find((p) => p.code === 'CNXXX')!;
    expect(noPoint).toMatchObject({ lat: null, lon: null, declarations: 1 });
    expect(overview.flows.some((f) => f.partner === 'ZZ' || f.port === 'CNXXX')).toBe(false);
  });

  it('narrows to one district', () => {
    const overview = mapOverview(db, reference, { windowMinutes: 60, unit: '53' });
    expect(overview.ports.map((p) => p.code).sort()).toEqual(['CNXXX', 'CNYTN']);
    expect(overview.flows).toEqual([{ port: 'CNYTN', partner: 'US', direction: 'export', declarations: 1, valueUsd: 1000 }]);
  });

  it('keeps the window on central’s clock: 15 minutes holds only the latest', () => {
    const overview = mapOverview(db, reference, { windowMinutes: 15, unit: null });
    expect(overview.ports.find((p) => p.code === 'CNYGS')!.declarations).toBe(4);
  });
});

describe('mapMovements', () => {
  it('returns the newest first time, then only what came after the cursor', () => {
    const first = mapMovements(db, { afterSeq: null, limit: 3 });
    expect(first.movements).toHaveLength(3);
    expect(first.movements.map((m) => m.seq)).toEqual([...first.movements.map((m) => m.seq)].sort((a, b) => a - b));
    const all = mapMovements(db, { afterSeq: 0, limit: 1000 });
    expect(all.movements).toHaveLength(16);
    expect(all.movements[0]!.id).toMatch(/^\d{18}$/);
    expect(mapMovements(db, { afterSeq: all.cursor, limit: 10 })).toEqual({ cursor: all.cursor, movements: [] });
  });
});

describe('portDetail', () => {
  it('gives the pipeline, clearance times against yesterday, partners, chapters and alerts', () => {
    const detail = portDetail(db, reference, { port: 'CNYGS', windowMinutes: 60 });
    expect(detail.pipeline).toEqual({ declared: 0, screening: 4, inspection: 1, held: 2, released: 3, returned: 0 });
    expect(detail.medianClearanceMinutes).toEqual({ current: 20, yesterday: 70 });
    expect(detail.topPartners[0]).toMatchObject({ iso2: 'US', nameZh: '美国', declarations: 7 });
    expect(detail.topHsChapters[0]).toEqual({ chapter: '87', items: 1, valueUsd: 50_000 });
    expect(detail.openAlerts.map((a) => [a.id, a.severity])).toEqual([
      ['a2', 'critical'],
      ['a1', 'warning'],
    ]);
  });

  it('says which port it does not know', () => {
    expect(() => portDetail(db, reference, { port: 'NOPE', windowMinutes: 60 })).toThrow(PortNotFoundError);
  });
});

describe('portTickets', () => {
  it('lists a port’s tickets newest first, optionally by stage', () => {
    const all = portTickets(db, { port: 'CNYGS', status: null, limit: 100 });
    expect(all.tickets).toHaveLength(12);
    expect(all.tickets.map((t) => t.declaredAt)).toEqual([...all.tickets.map((t) => t.declaredAt)].sort().reverse());
    const held = portTickets(db, { port: 'CNYGS', status: 'held', limit: 100 });
    expect(held.tickets.map((t) => t.id)).toContain(heldId);
    expect(held.tickets).toHaveLength(2);
  });
});

describe('mapReferenceFrom', () => {
  it('falls back to a country of the world basemap for a partner the registry does not list', () => {
    const world = {
      features: [
        { properties: { name: '蒙古', iso2: 'MN' }, geometry: { type: 'Polygon', coordinates: [[[88, 42], [120, 42], [120, 52], [88, 42]]] } },
        { properties: { name: '美国', iso2: 'US' }, geometry: { type: 'Polygon', coordinates: [[[-120, 30], [-70, 30], [-70, 48], [-120, 30]]] } },
        { properties: { name: '科索沃', iso2: '-99' }, geometry: { type: 'Polygon', coordinates: [[[20, 42], [21, 42], [21, 43], [20, 42]]] } },
      ],
    };
    const ref = mapReferenceFrom({ units: [], partners: [{ iso2: 'US', nameZh: '美国', nameEn: 'United States', lat: 33.74, lon: -118.26 }] }, world);
    expect(ref.partners.get('MN')).toEqual({ iso2: 'MN', nameZh: '蒙古', nameEn: 'Mongolia', lat: 47, lon: 104 });
    // The registry's trade point wins over the country's centre.
    expect(ref.partners.get('US')).toMatchObject({ lat: 33.74, lon: -118.26, nameEn: 'United States' });
    expect(ref.partners.has('-99')).toBe(false);
    // Macao trades as its own customs territory but lies inside China's outline.
    expect(ref.partners.get('MO')).toMatchObject({ nameZh: '中国澳门', nameEn: 'Macao, China' });
  });
});

describe('portHealth', () => {
  it('grades held and inspection shares', () => {
    expect(portHealth(0, 0, 0)).toBe('ok');
    expect(portHealth(100, 2, 2)).toBe('ok');
    expect(portHealth(100, 4, 4)).toBe('strained');
    expect(portHealth(100, 0, 20)).toBe('stuck');
  });
});
