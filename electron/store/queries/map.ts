// The reads behind the port map (shared/host/methods/map.ts). Short, indexed queries on
// the read handle: flows and per-port totals come from the per-minute aggregate
// (declaration_flow_counts), never from scanning tickets. Windows are measured on
// central's clock: the newest declaration in the store.
import type {
  MapDistrict,
  MapFlow,
  MapMovements,
  MapOverview,
  MapPartner,
  MapPort,
  PortDetail,
  PortHealth,
  PortTicket,
  StageCounts,
} from '../../../shared/host/methods/map.js';
import type { DeclarationStatus, Severity } from '../../../shared/central/records.js';
import type { ReadableDB } from '../db.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Partner points and district seats from the shipped registry (not record kinds central sends). */
export interface MapReference {
  partners: ReadonlyMap<string, MapPartner>;
  units: ReadonlyMap<string, { code: string; nameZh: string; nameEn: string; lat: number; lon: number }>;
}

export class PortNotFoundError extends Error {
  constructor(readonly port: string) {
    super(`No port ${port} in the local store (outside this center's scope, or not synced yet)`);
    this.name = 'PortNotFoundError';
  }
}

/**
 * Thresholds of a port's pipeline health, as shares of the window's declarations:
 * a port holding more than 5 % of its goods is strained, more than 15 % is stuck.
 * Inspection counts half: it is normal work, but a pile-up there slows clearance too.
 */
export const healthThresholds = { strained: 0.05, stuck: 0.15, inspectionWeight: 0.5 } as const;

export function portHealth(declarations: number, inspection: number, held: number): PortHealth {
  if (declarations === 0) return 'ok';
  const share = (held + healthThresholds.inspectionWeight * inspection) / declarations;
  if (share > healthThresholds.stuck) return 'stuck';
  if (share > healthThresholds.strained) return 'strained';
  return 'ok';
}

const severityRank: Record<Severity, number> = { info: 1, warning: 2, critical: 3 };
const worse = (a: Severity | null, b: Severity): Severity => (a && severityRank[a] >= severityRank[b] ? a : b);

/** Central's clock: the newest declaration's time, else the newest applied change, else null. */
export function mapClock(db: ReadableDB): number | null {
  const row = db.prepare('SELECT max(declared_at) AS t FROM declarations').get() as { t: number | null };
  if (row.t !== null) return row.t;
  const state = db.prepare('SELECT data_as_of AS t FROM sync_state WHERE id = 1').get() as { t: number | null } | undefined;
  return state?.t ?? null;
}

interface PortRow {
  key: string;
  name_zh: string;
  name_en: string;
  type: MapPort['type'];
  unit: string;
  lat: number | null;
  lon: number | null;
}

const validPoint = (lat: number | null, lon: number | null): boolean =>
  lat !== null && lon !== null && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);

interface OpenAlertRow {
  id: string;
  rule: string;
  severity: Severity;
  raised_at: number;
  raw: string;
  port: string | null;
}

/** Open alerts that concern a port: about the port itself, or about one of its declarations. */
function openPortAlerts(db: ReadableDB, port: string | null): OpenAlertRow[] {
  const sql = `
    SELECT a.key AS id, a.rule, a.severity, a.raised_at, a.raw,
           CASE a.subject_kind WHEN 'port' THEN a.subject_key ELSE d.port END AS port
    FROM alerts a
    LEFT JOIN declarations d ON a.subject_kind = 'declaration' AND d.id = CAST(a.subject_key AS INTEGER)
    WHERE a.state = 'open' AND a.subject_kind IN ('port', 'declaration')`;
  const rows = db.prepare(sql).all() as OpenAlertRow[];
  return port === null ? rows.filter((r) => r.port !== null) : rows.filter((r) => r.port === port);
}

function windowStart(asOf: number, windowMinutes: number): number {
  return asOf - windowMinutes * MINUTE;
}

export function mapOverview(db: ReadableDB, ref: MapReference, input: { windowMinutes: number; unit: string | null }): MapOverview {
  const asOf = mapClock(db);
  const portRows = (
    input.unit === null
      ? db.prepare('SELECT key, name_zh, name_en, type, unit, lat, lon FROM ports ORDER BY key').all()
      : db.prepare('SELECT key, name_zh, name_en, type, unit, lat, lon FROM ports WHERE unit = ? ORDER BY key').all(input.unit)
  ) as PortRow[];
  const ports = new Map<string, MapPort>();
  for (const row of portRows) {
    const drawable = validPoint(row.lat, row.lon);
    ports.set(row.key, {
      code: row.key,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      type: row.type,
      unit: row.unit,
      lat: drawable ? row.lat : null,
      lon: drawable ? row.lon : null,
      declarations: 0,
      valueUsd: 0,
      inspection: 0,
      held: 0,
      openAlerts: 0,
      worstSeverity: null,
      health: 'ok',
    });
  }

  const flows: MapFlow[] = [];
  const unknownPartners = new Set<string>();
  let declarationsNotDrawn = 0;
  if (asOf !== null) {
    const fromBucket = Math.floor(windowStart(asOf, input.windowMinutes) / MINUTE);
    const flowRows = db
      .prepare(
        `SELECT partner_country AS partner, port, direction, sum(n) AS n, sum(value_usd) AS value
         FROM declaration_flow_counts WHERE bucket > ? GROUP BY partner_country, port, direction`,
      )
      .all(fromBucket) as { partner: string; port: string; direction: 'import' | 'export'; n: number; value: number }[];
    for (const f of flowRows) {
      const port = ports.get(f.port);
      if (!port) continue; // another district's port (district view) or a port not synced yet
      port.declarations += f.n;
      port.valueUsd += f.value;
      const partner = ref.partners.get(f.partner);
      if (!partner) unknownPartners.add(f.partner);
      if (!partner || port.lat === null) {
        declarationsNotDrawn += f.n;
        continue;
      }
      flows.push({ port: f.port, partner: f.partner, direction: f.direction, declarations: f.n, valueUsd: f.value });
    }

    const pending = db
      .prepare(
        `SELECT port, status, count(*) AS n FROM declarations
         WHERE status IN ('inspection', 'held') AND declared_at > ? GROUP BY port, status`,
      )
      .all(windowStart(asOf, input.windowMinutes)) as { port: string; status: 'inspection' | 'held'; n: number }[];
    for (const p of pending) {
      const port = ports.get(p.port);
      if (port) port[p.status] = p.n;
    }
  }

  for (const alert of openPortAlerts(db, null)) {
    const port = alert.port === null ? undefined : ports.get(alert.port);
    if (!port) continue;
    port.openAlerts += 1;
    port.worstSeverity = worse(port.worstSeverity, alert.severity);
  }

  const districts = new Map<string, MapDistrict>();
  for (const port of ports.values()) {
    port.health = portHealth(port.declarations, port.inspection, port.held);
    const seat = ref.units.get(port.unit);
    if (!seat) continue;
    const district = districts.get(port.unit) ?? {
      unit: port.unit,
      nameZh: seat.nameZh,
      nameEn: seat.nameEn,
      lat: seat.lat,
      lon: seat.lon,
      declarations: 0,
      valueUsd: 0,
      held: 0,
      openAlerts: 0,
    };
    district.declarations += port.declarations;
    district.valueUsd += port.valueUsd;
    district.held += port.held;
    district.openAlerts += port.openAlerts;
    districts.set(port.unit, district);
  }

  return {
    asOf: asOf === null ? null : new Date(asOf).toISOString(),
    windowMinutes: input.windowMinutes,
    ports: [...ports.values()],
    flows,
    // All known partners: a particle for a partner with no flow in the window yet still has a point.
    partners: [...ref.partners.values()],
    districts: [...districts.values()],
    issues: {
      portsWithoutCoordinates: [...ports.values()].filter((p) => p.lat === null).map((p) => p.code),
      unknownPartners: [...unknownPartners].sort(),
      declarationsNotDrawn,
    },
  };
}

interface MovementRow {
  seq: number;
  id: string;
  port: string;
  partner: string;
  direction: 'import' | 'export';
  status: DeclarationStatus;
  value: number;
  declared_at: number;
}

/** Declarations written after `afterSeq` (new ones and stage changes), oldest first. */
export function mapMovements(db: ReadableDB, input: { afterSeq: number | null; limit: number }): MapMovements {
  const columns = `seq, printf('%018d', id) AS id, port, partner_country AS partner, direction, status, value_usd AS value, declared_at`;
  const rows = (
    input.afterSeq === null
      ? (db.prepare(`SELECT ${columns} FROM declarations ORDER BY seq DESC LIMIT ?`).all(input.limit) as MovementRow[]).reverse()
      : (db.prepare(`SELECT ${columns} FROM declarations WHERE seq > ? ORDER BY seq LIMIT ?`).all(input.afterSeq, input.limit) as MovementRow[])
  );
  const last = rows.at(-1);
  return {
    cursor: last ? last.seq : (input.afterSeq ?? 0),
    movements: rows.map((r) => ({
      seq: r.seq,
      id: r.id,
      port: r.port,
      partner: r.partner,
      direction: r.direction,
      status: r.status,
      valueUsd: r.value,
      declaredAt: new Date(r.declared_at).toISOString(),
    })),
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface StageJson {
  stage: string;
  at: string;
}

/** Minutes from declaration to release of the releases that fall in [from, to). */
function clearanceMinutes(db: ReadableDB, port: string, from: number, to: number): number[] {
  // A release happens after declaration, so only declarations made before `to` and at
  // most a day before `from` can have one in the range.
  const rows = db
    .prepare(
      `SELECT declared_at, json_extract(raw, '$.stages') AS stages FROM declarations
       WHERE port = ? AND declared_at >= ? AND declared_at < ? AND status = 'released'`,
    )
    .all(port, from - DAY, to) as { declared_at: number; stages: string | null }[];
  const out: number[] = [];
  for (const row of rows) {
    const stages = row.stages ? (JSON.parse(row.stages) as StageJson[]) : [];
    const released = stages.find((s) => s.stage === 'released');
    const at = released ? Date.parse(released.at) : NaN;
    if (Number.isFinite(at) && at >= from && at < to) out.push((at - row.declared_at) / MINUTE);
  }
  return out;
}

export function portDetail(db: ReadableDB, ref: MapReference, input: { port: string; windowMinutes: number }): PortDetail {
  const row = db.prepare('SELECT key, name_zh, name_en, type, unit, lat, lon FROM ports WHERE key = ?').get(input.port) as PortRow | undefined;
  if (!row) throw new PortNotFoundError(input.port);
  const overview = mapOverview(db, ref, { windowMinutes: input.windowMinutes, unit: row.unit });
  const port = overview.ports.find((p) => p.code === input.port);
  if (!port) throw new PortNotFoundError(input.port);
  const asOf = mapClock(db);

  const pipeline: StageCounts = { declared: 0, screening: 0, inspection: 0, held: 0, released: 0, returned: 0 };
  let topPartners: PortDetail['topPartners'] = [];
  let topHsChapters: PortDetail['topHsChapters'] = [];
  const medianClearanceMinutes: PortDetail['medianClearanceMinutes'] = { current: null, yesterday: null };
  if (asOf !== null) {
    const from = windowStart(asOf, input.windowMinutes);
    const stages = db
      .prepare('SELECT status, count(*) AS n FROM declarations WHERE port = ? AND declared_at > ? GROUP BY status')
      .all(input.port, from) as { status: DeclarationStatus; n: number }[];
    for (const s of stages) if (s.status in pipeline) pipeline[s.status] = s.n;

    const partners = db
      .prepare(
        `SELECT partner_country AS iso2, count(*) AS n, sum(value_usd) AS value FROM declarations
         WHERE port = ? AND declared_at > ? GROUP BY partner_country ORDER BY n DESC, value DESC LIMIT 5`,
      )
      .all(input.port, from) as { iso2: string; n: number; value: number }[];
    topPartners = partners.map((p) => {
      const known = ref.partners.get(p.iso2);
      return { iso2: p.iso2, nameZh: known?.nameZh ?? p.iso2, nameEn: known?.nameEn ?? p.iso2, declarations: p.n, valueUsd: p.value };
    });

    const chapters = db
      .prepare(
        `SELECT substr(json_extract(item.value, '$.hs'), 1, 2) AS chapter, count(*) AS n,
                sum(json_extract(item.value, '$.valueUsd')) AS value
         FROM declarations d, json_each(d.raw, '$.items') AS item
         WHERE d.port = ? AND d.declared_at > ?
         GROUP BY chapter ORDER BY value DESC LIMIT 5`,
      )
      .all(input.port, from) as { chapter: string | null; n: number; value: number | null }[];
    topHsChapters = chapters
      .filter((c): c is { chapter: string; n: number; value: number | null } => c.chapter !== null)
      .map((c) => ({ chapter: c.chapter, items: c.n, valueUsd: c.value ?? 0 }));

    medianClearanceMinutes.current = median(clearanceMinutes(db, input.port, from, asOf + 1));
    medianClearanceMinutes.yesterday = median(clearanceMinutes(db, input.port, from - DAY, asOf + 1 - DAY));
  }

  const openAlerts = openPortAlerts(db, input.port)
    .sort((a, b) => severityRank[b.severity] - severityRank[a.severity] || b.raised_at - a.raised_at)
    .map((a) => {
      const raw = JSON.parse(a.raw) as { message?: { zh?: unknown; en?: unknown } };
      const zh = typeof raw.message?.zh === 'string' ? raw.message.zh : a.rule;
      const en = typeof raw.message?.en === 'string' ? raw.message.en : a.rule;
      return { id: a.id, rule: a.rule, severity: a.severity, raisedAt: new Date(a.raised_at).toISOString(), message: { zh, en } };
    });

  return {
    port,
    asOf: asOf === null ? null : new Date(asOf).toISOString(),
    windowMinutes: input.windowMinutes,
    pipeline,
    medianClearanceMinutes,
    topPartners,
    topHsChapters,
    openAlerts,
  };
}

/** The tickets behind a port, newest first: what "show tickets" opens. */
export function portTickets(db: ReadableDB, input: { port: string; status: DeclarationStatus | null; limit: number }): { tickets: PortTicket[] } {
  const columns = `printf('%018d', id) AS id, declared_at, direction, status, partner_country, enterprise_name, value_usd, risk_score`;
  const rows = (
    input.status === null
      ? db.prepare(`SELECT ${columns} FROM declarations WHERE port = ? ORDER BY declared_at DESC LIMIT ?`).all(input.port, input.limit)
      : db
          .prepare(`SELECT ${columns} FROM declarations WHERE port = ? AND status = ? ORDER BY declared_at DESC LIMIT ?`)
          .all(input.port, input.status, input.limit)
  ) as {
    id: string;
    declared_at: number;
    direction: 'import' | 'export';
    status: DeclarationStatus;
    partner_country: string;
    enterprise_name: string;
    value_usd: number;
    risk_score: number;
  }[];
  return {
    tickets: rows.map((r) => ({
      id: r.id,
      declaredAt: new Date(r.declared_at).toISOString(),
      direction: r.direction,
      status: r.status,
      partnerCountry: r.partner_country,
      enterpriseName: r.enterprise_name,
      valueUsd: r.value_usd,
      riskScore: r.risk_score,
    })),
  };
}
