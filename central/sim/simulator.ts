// The national (or district) clearance simulator: advances simulated time minute by
// minute, draws declarations and moves them through their stages, counts traffic,
// computes indicator samples, evaluates rules into alerts, plays the scenarios, and
// appends everything to the central log. Deterministic for a seed: time is processed
// in whole minutes whatever the step sizes, and every draw comes from one seeded PRNG.
import type { AlertRecord, DeclarationRecord, IndicatorDefRecord, RuleRecord, WatchlistRecord } from '../../shared/central/records.js';
import { beijingDay, hourWindow, newAlert, type AlertDraft } from '../../shared/rules/alertDraft.js';
import { evaluateAnomaly } from '../../shared/rules/anomaly.js';
import { evaluateOverdue } from '../../shared/rules/overdue.js';
import { anomalyParams, overdueParams, thresholdParams, watchlistParams, type OverdueParams, type ThresholdParams, type WatchlistParams } from '../../shared/rules/params.js';
import { evaluateThreshold } from '../../shared/rules/threshold.js';
import { evaluateWatchlist, watchlistKey } from '../../shared/rules/watchlist.js';
import type { AppendInput, CentralLog } from '../log/centralLog.js';
import { buildIndicatorCatalog, type Indicator } from './indicatorCatalog.js';
import { bucketMs, makeLayouts, Metrics, sumScopes, type ScopeSums, type SlotLayout } from './metrics.js';
import { Parties } from './parties.js';
import { Rng } from './prng.js';
import { loadRegistry, portRecords, unitRecords, type Registry, type SimPort } from './registry.js';
import { baseRules, seedWatchlist } from './ruleCatalog.js';
import { directions, TrafficModel, transports, type DeclPlan, type DeclarationOptions } from './traffic.js';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** National declarations per day at scale 1 (China: ~200–300k import and export declarations a day). */
export const nationalDeclarationsPerDay = 250_000;
/** Travellers in and out per day at scale 1, and their split by port type. */
const travellersPerDay = 1_800_000;
const travellerTypeShare = { sea: 0.04, air: 0.45, land: 0.5, rail: 0.01 };
/** Conveyance movements per day each way at scale 1, by port type. */
const conveyancesPerDay = { sea: ['vessel', 1200], air: ['flight', 1400], land: ['vehicle', 30000], rail: ['train', 50] } as const;

/** Relative declaration rate by Beijing hour: quiet nights, busy mornings. Mean 1. */
const hourlyCurve = (() => {
  const raw = [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.8, 1.4, 1.8, 1.9, 1.7, 1.3, 1.5, 1.7, 1.6, 1.4, 1.1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2];
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return raw.map((v) => v / mean);
})();
/** Travellers follow a flatter curve. */
const travellerCurve = hourlyCurve.map((v) => 0.5 + 0.5 * v);

function curveAt(curve: number[], t: number): number {
  return curve[new Date(t + 8 * hour).getUTCHours()]!;
}

export interface SimulatorOptions {
  log: CentralLog;
  seed: number;
  scale: number;
  profile: 'national' | 'district';
  district?: string;
  /** Minutes between published indicator samples (live). */
  sampleIntervalMinutes?: number;
  /** Minutes between published samples during backfill (history is published coarser). */
  backfillSampleIntervalMinutes?: number;
  sampleRetentionDays?: number;
  tombstoneRetentionDays?: number;
  /** Start of live simulation (ms): the backfill ends here and the scenarios are anchored here. */
  start: number;
}

interface Scope {
  code: string;
  level: 0 | 1 | 2;
  subs: number[];
}

interface HeapItem {
  at: number;
  order: number;
  plan: DeclPlan;
}

/** A binary min-heap of pending stage changes, by time then insertion order. */
class EventHeap {
  private readonly items: HeapItem[] = [];
  private order = 0;

  get size(): number {
    return this.items.length;
  }

  push(at: number, plan: DeclPlan): void {
    const item = { at, order: this.order++, plan };
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  peek(): HeapItem | undefined {
    return this.items[0];
  }

  pop(): HeapItem | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }

  private less(x: HeapItem, y: HeapItem): boolean {
    return x.at < y.at || (x.at === y.at && x.order < y.order);
  }
}

/** Counts of what the simulator produced (figures for the README and the bench). */
export interface SimulatorCounts {
  declarations: number;
  declarationChanges: number;
  declarationPutsWritten: number;
  samples: number;
  alerts: number;
  alertsByKind: Record<string, number>;
}

export class Simulator {
  readonly registry: Registry;
  readonly indicators: Indicator[];
  readonly counts: SimulatorCounts = { declarations: 0, declarationChanges: 0, declarationPutsWritten: 0, samples: 0, alerts: 0, alertsByKind: {} };
  private readonly log: CentralLog;
  private readonly rng: Rng;
  private readonly parties: Parties;
  private readonly model: TrafficModel;
  private readonly counters: SlotLayout;
  private readonly gaugeSlots: SlotLayout;
  private readonly metrics: Metrics;
  private readonly subIndex = new Map<string, number>();
  private readonly scopes: Scope[] = [];
  private readonly heap = new EventHeap();
  private readonly dangerousInFlight = new Set<DeclPlan>();
  private readonly overdueBySub: Float64Array;
  private readonly raised = new Set<string>();
  private readonly surgeBase = new Map<string, Float64Array>();
  private readonly pairCounts = new Map<string, number>();
  /** Decaying sums of hourly imports per (chapter, partner), with the hour they were last decayed to. */
  private readonly pairNum = new Map<string, { num: number; hour: number }>();
  private pairDen = 0;
  private surgeDen = 0;
  private rules: RuleRecord[] = [];
  private readonly thresholdRules = new Map<string, { rule: RuleRecord; params: ThresholdParams }[]>();
  private overdueRules: { rule: RuleRecord; params: OverdueParams }[] = [];
  private watchRules: { rule: RuleRecord; params: WatchlistParams }[] = [];
  private watchlist = new Map<string, WatchlistRecord>();
  private readonly defsById = new Map<string, IndicatorDefRecord>();
  private pending: AppendInput[] = [];
  private readonly sampleInterval: number;
  private readonly backfillSampleInterval: number;
  private readonly sampleRetention: number;
  private readonly tombstoneRetention: number;
  private readonly climbPorts: SimPort[];
  private readonly surgePorts: SimPort[];
  private readonly anchor: number;
  private readonly perMinute: { port: SimPort; sub: number; decl: number; trav: number; conv: number; convSlot: [number, number] }[];
  /** Minutes below this are done; the clock may run ahead within a minute. */
  private processedThrough: number;
  private clockMs: number;
  private backfillEnd = 0;
  private timer: NodeJS.Timeout | null = null;
  private hoursObserved = 0;

  constructor(private readonly options: SimulatorOptions) {
    this.log = options.log;
    const district = options.profile === 'district' ? (options.district ?? '53') : null;
    this.registry = loadRegistry(district);
    const reg = this.registry;
    this.rng = new Rng(options.seed, 1);
    const unitWeight = new Map(reg.units.map((u) => [u.code, reg.ports.filter((p) => p.unit === u.code).reduce((s, p) => s + p.weight, 0)]));
    this.parties = new Parties(reg, options.seed, (u) => unitWeight.get(u.code) ?? 0);
    this.model = new TrafficModel(reg, this.parties);
    const layouts = makeLayouts(reg);
    this.counters = layouts.counters;
    this.gaugeSlots = layouts.gauges;
    reg.subordinates.forEach((s, i) => this.subIndex.set(s.code, i));
    this.metrics = new Metrics(reg.subordinates.map((s) => s.code), layouts);
    this.overdueBySub = new Float64Array(reg.subordinates.length);
    this.indicators = buildIndicatorCatalog(reg, this.counters, this.gaugeSlots);
    for (const ind of this.indicators) this.defsById.set(ind.def.id, ind.def);
    if (district === null) this.scopes.push({ code: '*', level: 0, subs: reg.subordinates.map((_, i) => i) });
    for (const u of reg.units) {
      this.scopes.push({ code: u.code, level: 1, subs: u.subordinates.map((s) => this.subIndex.get(s.code)!) });
    }
    reg.subordinates.forEach((s, i) => this.scopes.push({ code: s.code, level: 2, subs: [i] }));
    this.sampleInterval = (options.sampleIntervalMinutes ?? 5) * minute;
    this.backfillSampleInterval = (options.backfillSampleIntervalMinutes ?? 60) * minute;
    this.sampleRetention = (options.sampleRetentionDays ?? 8) * day;
    this.tombstoneRetention = (options.tombstoneRetentionDays ?? 30) * day;
    const byWeight = [...reg.ports].sort((a, b) => b.weight - a.weight);
    this.climbPorts = byWeight.filter((p) => p.type === 'sea').slice(0, 8);
    if (this.climbPorts.length === 0) this.climbPorts = byWeight.slice(0, 3);
    this.surgePorts = byWeight.slice(0, 6);
    this.anchor = Math.floor(options.start / minute) * minute;
    this.processedThrough = this.anchor;
    this.clockMs = this.anchor;
    const totals = { sea: 0, air: 0, land: 0, rail: 0 };
    for (const p of reg.ports) totals[p.type] += p.weight;
    // National shares of each port type, so a district keeps its real volume.
    const nationalTotals = { sea: 0, air: 0, land: 0, rail: 0 };
    for (const p of loadRegistry(null).ports) nationalTotals[p.type] += p.weight;
    this.perMinute = reg.ports.map((port) => {
      const [kind, perDay] = conveyancesPerDay[port.type];
      const typeShare = port.weight / nationalTotals[port.type];
      return {
        port,
        sub: this.subIndex.get(port.customs) ?? 0,
        decl: (options.scale * nationalDeclarationsPerDay * port.weight) / 1440,
        trav: (options.scale * travellersPerDay * travellerTypeShare[port.type] * typeShare) / 1440,
        conv: (options.scale * perDay * typeShare) / 1440,
        convSlot: [this.counters.of(`cv.${kind}.in`), this.counters.of(`cv.${kind}.out`)],
      };
    });
    this.installRules(baseRules());
  }

  /** Central's clock: simulated time. */
  now(): Date {
    return new Date(this.clockMs);
  }

  /** Reference records every center needs: units, ports, indicator catalog, rules, watchlist. */
  publishReference(at = this.clockMs): void {
    const iso = new Date(at).toISOString();
    const reg = this.registry;
    const changes: AppendInput[] = [];
    for (const u of unitRecords(reg)) changes.push({ kind: 'unit', op: 'put', key: u.code, scope: '*', at: iso, data: u });
    for (const p of portRecords(reg)) changes.push({ kind: 'port', op: 'put', key: p.code, scope: '*', at: iso, data: p });
    for (const i of this.indicators) changes.push({ kind: 'indicatorDef', op: 'put', key: i.def.id, scope: '*', at: iso, data: i.def });
    for (const r of this.rules) changes.push({ kind: 'rule', op: 'put', key: r.id, scope: '*', at: iso, data: r });
    if (this.watchlist.size === 0) {
      for (const w of seedWatchlist(reg, this.parties, new Date(at - 30 * day).toISOString())) this.watchlist.set(watchlistKey(w.entityType, w.entityKey), w);
    }
    for (const w of this.watchlist.values()) changes.push({ kind: 'watchlist', op: 'put', key: w.id, scope: '*', at: iso, data: w });
    this.log.append(changes);
  }

  /**
   * Generates `days` of history ending at the start time, then leaves the clock there.
   * Puts that a later change in the same history supersedes are not written at all:
   * the log is what compaction would leave of the full history.
   */
  backfill(days: number): void {
    const end = this.anchor;
    const begin = end - Math.round(days * day);
    this.backfillEnd = end;
    this.processedThrough = begin;
    this.clockMs = begin;
    this.publishReference(begin);
    while (this.processedThrough < end) {
      this.processMinute(this.processedThrough);
      this.processedThrough += minute;
      this.clockMs = this.processedThrough;
      if (this.pending.length >= 20_000) this.flush();
      // Retention as the history grows, so a long backfill never holds more than it keeps.
      if (this.processedThrough % day === 0) {
        this.flush();
        this.maintain();
      }
    }
    this.flush();
    this.backfillEnd = 0;
    this.maintain();
  }

  /** Advances simulated time by `simSeconds`, processing every whole minute passed. */
  step(simSeconds: number): void {
    this.clockMs += simSeconds * 1000;
    while (this.processedThrough + minute <= this.clockMs) {
      this.processMinute(this.processedThrough);
      this.processedThrough += minute;
      if (this.pending.length >= 20_000) this.flush();
    }
    this.flush();
  }

  /** Runs in real time: every second, `speed` simulated seconds. */
  start(speed: number): void {
    if (speed <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.step(speed);
      } catch (err) {
        console.error('central: simulator step failed:', err);
      }
    }, 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Compaction, tombstone retention and sample retention, against the simulated clock. */
  maintain(): void {
    this.log.compact();
    this.log.pruneSamples(new Date(this.clockMs - this.sampleRetention));
    this.log.purgeTombstones({ olderThan: new Date(this.clockMs - this.tombstoneRetention) });
  }

  /** Indicators some threshold rule watches. */
  private get watchedIndicators(): Indicator[] {
    return this.indicators.filter((i) => this.thresholdRules.has(i.def.id));
  }

  /** Disables the first enabled rule matching `match`; returns its new version. */
  private retireRule(match: (r: RuleRecord) => boolean): RuleRecord | null {
    const i = this.rules.findIndex(match);
    if (i < 0) return null;
    const retired: RuleRecord = { ...this.rules[i]!, enabled: false, version: this.rules[i]!.version + 1 };
    this.rules[i] = retired;
    for (const [indicator, list] of this.thresholdRules) {
      this.thresholdRules.set(indicator, list.filter((x) => x.rule.id !== retired.id));
    }
    return retired;
  }

  private installRules(rules: RuleRecord[]): void {
    for (const r of rules) {
      this.rules.push(r);
      if (r.kind === 'threshold') {
        const p = thresholdParams.safeParse(r.params);
        if (p.success) {
          const list = this.thresholdRules.get(p.data.indicator) ?? [];
          list.push({ rule: r, params: p.data });
          this.thresholdRules.set(p.data.indicator, list);
        }
      } else if (r.kind === 'overdue') {
        const p = overdueParams.safeParse(r.params);
        if (p.success) this.overdueRules.push({ rule: r, params: p.data });
      } else if (r.kind === 'watchlist') {
        const p = watchlistParams.safeParse(r.params);
        if (p.success) this.watchRules.push({ rule: r, params: p.data });
      }
    }
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.log.append(batch);
  }

  private iso(t: number): string {
    return new Date(t).toISOString();
  }

  private raise(draft: AlertDraft | null, at: number): void {
    if (!draft || this.raised.has(draft.id)) return;
    this.raised.add(draft.id);
    if (this.log.latest('alert', draft.id)) return;
    const alert: AlertRecord = newAlert(draft);
    this.pending.push({ kind: 'alert', op: 'put', key: alert.id, scope: alert.scope, at: this.iso(at), data: alert });
    this.counts.alerts++;
    const kind = this.rules.find((r) => r.id === draft.rule)?.kind ?? 'other';
    this.counts.alertsByKind[kind] = (this.counts.alertsByKind[kind] ?? 0) + 1;
  }

  // --- scenarios -----------------------------------------------------------------

  /** Scenario day index and offset of `t`, anchored at the start of live simulation. */
  private scenarioClock(t: number): { k: number; o: number } {
    const k = Math.floor((t - this.anchor) / day);
    return { k, o: t - this.anchor - k * day };
  }

  private mod(k: number, n: number): number {
    return ((k % n) + n) % n;
  }

  /**
   * "A port's release time climbs until it breaches": the port's customs office builds
   * a backlog of up to 8 h over 3 h, then works it off at half speed (16 h). A backlog
   * that shrinks more slowly than time passes lets nothing overtake what waits in it.
   */
  private releaseDelay(customs: string, t: number): number {
    const { k, o } = this.scenarioClock(t);
    if (o >= 19 * hour || customs !== this.climbPorts[this.mod(k, this.climbPorts.length)]!.customs) return 0;
    const peak = 8 * hour;
    if (o < 3 * hour) return (peak * o) / (3 * hour);
    return peak - 0.5 * (o - 3 * hour);
  }

  private playScenarios(m: number): void {
    const { k, o } = this.scenarioClock(m);
    const reg = this.registry;
    // A surge of one HS chapter from one partner, 1 h to 4 h into the day.
    if (o >= hour && o < 4 * hour) {
      const chapters = ['85', '84', '39', '87', '90', '27', '12', '61'];
      const partners = ['VN', 'US', 'JP', 'KR', 'DE', 'AU', 'BR', 'MY'];
      const port = this.surgePorts[this.mod(k, this.surgePorts.length)]!;
      const n = this.rng.poisson(45 / 60);
      for (let i = 0; i < n; i++) {
        this.admit(port, m + this.rng.int(minute), { forceChapter: chapters[this.mod(k, chapters.length)]!, forcePartner: partners[this.mod(k * 3, partners.length)]!, direction: 'import' });
      }
    }
    // A dangerous-goods container that arrived 70 h ago, held in a 30 h inspection.
    if (o === 10 * minute) {
      const port = this.climbPorts[this.mod(k + 1, this.climbPorts.length)]!;
      this.admit(port, m + 5_000, { forceDangerous: { arrivedHoursBefore: 70, inspectionHours: 30 }, direction: 'import' });
    }
    // A watchlisted enterprise declares at its district's busiest port.
    if (o === 30 * minute) {
      const listed = [...this.watchlist.values()].filter((w) => w.entityType === 'enterprise');
      const entry = listed[this.mod(k, Math.max(1, listed.length))];
      const enterprise = entry && [...this.parties.enterprises.values()].flat().find((e) => e.code === entry.entityKey);
      const port = enterprise && [...reg.ports].filter((p) => p.unit === enterprise.unit).sort((a, b) => b.weight - a.weight)[0];
      if (enterprise && port) this.admit(port, m + 7_000, { forceEnterprise: enterprise });
    }
    // One customs publishes a new rule; every center receives it ("one discovery, nationwide warning").
    if (o === 45 * minute) {
      const unit = reg.units[this.mod(k, reg.units.length)]!;
      const r: RuleRecord = {
        id: `pub.${unit.code}.${beijingDay(m)}`,
        version: 1,
        kind: 'threshold',
        params: { indicator: 'rk.inspRate.all.all.h', op: 'gt', value: 15, levels: [1] },
        severity: 'warning',
        publishedBy: unit.code,
        enabled: true,
        nameZh: `${unit.nameZh}发布：关区查验率超过15%`,
        nameEn: `Published by ${unit.nameEn}: district inspection rate over 15%`,
      };
      // Yesterday's published rule is retired (a new version, disabled): one at a time.
      const retired = this.retireRule((x) => x.id.startsWith('pub.') && x.enabled);
      if (retired) this.pending.push({ kind: 'rule', op: 'put', key: retired.id, scope: '*', at: this.iso(m), data: retired });
      this.installRules([r]);
      this.pending.push({ kind: 'rule', op: 'put', key: r.id, scope: '*', at: this.iso(m), data: r });
    }
    // Watchlist churn: an entry is lifted (a tombstone) and a new enterprise listed.
    if (o === 20 * hour) {
      const listed = [...this.watchlist.values()].filter((w) => w.entityType === 'enterprise');
      const lifted = listed[0];
      if (lifted) {
        this.watchlist.delete(watchlistKey(lifted.entityType, lifted.entityKey));
        this.pending.push({ kind: 'watchlist', op: 'del', key: lifted.id, scope: '*', at: this.iso(m) });
      }
      const unit = reg.units[this.mod(k * 5 + 3, reg.units.length)]!;
      const pool = this.parties.enterprises.get(unit.code)!;
      const e = pool[Math.floor(pool.length * (0.2 + 0.6 * this.rng.next()))]!;
      const w: WatchlistRecord = { id: `wl-ent-${e.code}`, entityType: 'enterprise', entityKey: e.code, reason: '新增布控 / newly listed', addedBy: unit.code, addedAt: this.iso(m), name: e.name };
      this.watchlist.set(watchlistKey(w.entityType, w.entityKey), w);
      this.pending.push({ kind: 'watchlist', op: 'put', key: w.id, scope: '*', at: this.iso(m), data: w });
    }
  }

  // --- traffic -------------------------------------------------------------------

  private admit(port: SimPort, at: number, opts: DeclarationOptions = {}): void {
    const plan = this.model.newDeclaration(this.rng, port, at, { releaseDelay: (customs, t) => this.releaseDelay(customs, t), ...opts });
    // Watchlist collision happens at declaration, before the first put.
    for (const { rule, params } of this.watchRules) {
      const draft = evaluateWatchlist(rule, params, plan.record, this.watchlist);
      if (draft) {
        plan.record.riskHits.push(rule.id);
        plan.record.riskScore = Math.max(plan.record.riskScore, 0.9);
        this.raise(draft, at);
      }
    }
    this.counts.declarations++;
    this.heap.push(at, plan);
  }

  private processMinute(m: number): void {
    if (m % bucketMs === 0) this.metrics.rotate();
    if ((m + 8 * hour) % day === 0) this.metrics.newDay();
    const rng = this.rng;
    const c = this.counters;
    const curve = curveAt(hourlyCurve, m);
    const tcurve = curveAt(travellerCurve, m);
    for (const pm of this.perMinute) {
      const n = rng.poisson(pm.decl * curve);
      for (let i = 0; i < n; i++) this.admit(pm.port, m + rng.int(minute));
      if (pm.trav > 0) {
        const tin = rng.poisson(pm.trav * tcurve * 0.5);
        const tout = rng.poisson(pm.trav * tcurve * 0.5);
        this.metrics.add(pm.sub, c.of('tv.in'), tin);
        this.metrics.add(pm.sub, c.of('tv.out'), tout);
        this.metrics.add(pm.sub, c.of('tv.fever'), rng.poisson((tin + tout) * 5e-5));
        this.metrics.add(pm.sub, c.of('tv.medical'), rng.poisson((tin + tout) * 3e-4));
      }
      if (pm.conv > 0) {
        const cin = rng.poisson(pm.conv * tcurve);
        this.metrics.add(pm.sub, pm.convSlot[0], cin);
        this.metrics.add(pm.sub, pm.convSlot[1], rng.poisson(pm.conv * tcurve));
        this.metrics.add(pm.sub, c.of('cv.sanit'), rng.poisson(cin * 0.05));
        this.metrics.add(pm.sub, c.of('cv.vector'), rng.poisson(cin * 0.002));
      }
    }
    this.playScenarios(m);
    const end = m + minute;
    for (let top = this.heap.peek(); top && top.at < end; top = this.heap.peek()) {
      this.heap.pop();
      this.advance(top.plan, top.at);
    }
    if (end % bucketMs === 0) this.tick(end);
    if (end % hour === 0) {
      this.evaluateSurges(end);
      if (this.backfillEnd === 0) {
        this.flush();
        this.maintain();
      }
    }
  }

  /** Applies the next stage (or the removal from port) of a declaration. */
  private advance(plan: DeclPlan, at: number): void {
    const rec = plan.record;
    const c = this.counters;
    const sub = this.subIndex.get(plan.customs) ?? 0;
    const g = this.gaugeSlots;
    const dir = directions[plan.dir]!;
    const tr = transports[plan.tr]!;
    const dgClass = plan.hazard >= 0 ? this.registry.hazardClasses[plan.hazard]! : null;
    let nextAt: number | null;
    let atIso: string;
    if (plan.next < plan.path.length) {
      const step = plan.path[plan.next]!;
      const prev = plan.next > 0 ? plan.path[plan.next - 1]!.stage : null;
      rec.status = step.stage;
      atIso = this.iso(step.at);
      rec.stages.push({ stage: step.stage, at: atIso });
      plan.next++;
      if (prev === 'screening' || prev === 'inspection' || prev === 'held') this.metrics.gauge(sub, g.of(prev), -1);
      if (step.stage === 'screening' || step.stage === 'inspection' || step.stage === 'held') this.metrics.gauge(sub, g.of(step.stage), 1);
      const declaredAt = plan.path[0]!.at;
      switch (step.stage) {
        case 'declared':
          this.metrics.add(sub, c.of(`decl.${dir}.${tr}`));
          this.metrics.add(sub, c.of(`val.${dir}.${tr}`), rec.valueUsd);
          this.metrics.add(sub, c.of(`sec.${plan.section}`));
          this.metrics.add(sub, c.of(`secval.${plan.section}`), rec.valueUsd);
          this.metrics.add(sub, c.of(`tm.${rec.tradeMode}`));
          this.metrics.add(sub, plan.region + c.of('reg.eastAsia'));
          this.metrics.add(sub, c.of(`risksum.${dir}`), rec.riskScore);
          if (rec.riskScore >= 0.7) this.metrics.add(sub, c.of(`riskhigh.${dir}`));
          if (rec.riskHits.length > 0) {
            this.metrics.add(sub, c.of('riskhits'), rec.riskHits.length);
            this.metrics.add(sub, c.of('wlhits'));
          }
          if (plan.highValue) this.metrics.add(sub, c.of('highval'));
          if (dgClass) {
            this.metrics.add(sub, c.of(`dg.decl.${dgClass}`));
            this.metrics.gauge(sub, g.of(`dg.${dgClass}`), 1);
            this.dangerousInFlight.add(plan);
          }
          this.countPair(plan);
          break;
        case 'screening':
          this.metrics.add(sub, c.of(`scr.${dir}`));
          this.metrics.add(sub, c.of(`scrsec.${dir}`), (step.at - declaredAt) / 1000);
          break;
        case 'inspection':
          this.metrics.add(sub, c.of(`insp.${dir}.${tr}`));
          break;
        case 'released':
        case 'held':
        case 'returned': {
          if (prev === 'inspection') {
            this.metrics.add(sub, c.of(`inspdone.${dir}`));
            this.metrics.add(sub, c.of(`inspmin.${dir}`), (step.at - plan.path[plan.next - 2]!.at) / minute);
          }
          if (step.stage === 'released') {
            // Clearance time leaves out legal holds: they are tracked as anomalies.
            if (prev !== 'held') {
              const mins = (step.at - declaredAt) / minute;
              this.metrics.add(sub, c.of(`rel.${dir}.${tr}`));
              this.metrics.add(sub, c.of(`relmin.${dir}.${tr}`), mins);
              if (mins <= 120) this.metrics.add(sub, c.of(`rel2h.${dir}.${tr}`));
            }
            if (dgClass) this.metrics.add(sub, c.of('dg.rel'));
          } else if (step.stage === 'held') {
            this.metrics.add(sub, c.of(`held.${dir}`));
          } else {
            this.metrics.add(sub, c.of(`ret.${dir}`));
            if (dgClass) this.leavePort(plan, sub, dgClass);
          }
          break;
        }
      }
      nextAt = plan.next < plan.path.length ? plan.path[plan.next]!.at : rec.status === 'released' ? plan.removalAt : null;
    } else {
      // Dangerous goods leave the port: the last change of this declaration.
      const dwell = (rec.dangerous as unknown as { dwell: { arrivedAt: string; removedAt: string | null } }).dwell;
      atIso = this.iso(at);
      dwell.removedAt = atIso;
      this.metrics.add(sub, c.of('dg.removed'));
      this.metrics.add(sub, c.of('dg.dwellmin'), (at - Date.parse(dwell.arrivedAt)) / minute);
      plan.removed = true;
      if (dgClass) this.leavePort(plan, sub, dgClass);
      nextAt = null;
    }
    this.counts.declarationChanges++;
    // During backfill a change superseded before the backfill ends is never written.
    if (this.backfillEnd === 0 || nextAt === null || nextAt >= this.backfillEnd) {
      this.pending.push({ kind: 'declaration', op: 'put', key: rec.id, scope: plan.customs, at: atIso, json: JSON.stringify(rec) });
      this.counts.declarationPutsWritten++;
    }
    if (nextAt !== null) this.heap.push(nextAt, plan);
    if (dgClass) this.checkOverdue(plan, at, atIso);
  }

  private leavePort(plan: DeclPlan, sub: number, dgClass: string): void {
    this.metrics.gauge(sub, this.gaugeSlots.of(`dg.${dgClass}`), -1);
    this.dangerousInFlight.delete(plan);
  }

  private checkOverdue(plan: DeclPlan, at: number, atIso: string): boolean {
    let overdue = false;
    for (const { rule, params } of this.overdueRules) {
      const draft = evaluateOverdue(rule, params, plan.record as DeclarationRecord, atIso);
      if (draft) {
        overdue = true;
        this.raise(draft, at);
      }
    }
    return overdue;
  }

  // --- indicators, thresholds, anomalies -----------------------------------------

  private countPair(plan: DeclPlan): void {
    if (plan.dir !== 0) return;
    const key = `${plan.chapter}|${plan.record.partnerCountry}`;
    this.pairCounts.set(key, (this.pairCounts.get(key) ?? 0) + 1);
  }

  /** Every 5 minutes: indicator values for every scope, threshold rules, overdue checks. */
  private tick(t: number): void {
    const iso = this.iso(t);
    // Overdue dangerous goods, counted per subordinate customs for the gauge.
    const overdueNow = new Float64Array(this.overdueBySub.length);
    for (const plan of this.dangerousInFlight) {
      if (this.checkOverdue(plan, t, iso)) overdueNow[this.subIndex.get(plan.customs) ?? 0]! += 1;
    }
    const gOverdue = this.gaugeSlots.of('dg.overdue');
    overdueNow.forEach((v, i) => {
      if (v !== this.overdueBySub[i]) this.metrics.gauge(i, gOverdue, v - this.overdueBySub[i]!);
      this.overdueBySub[i] = v;
    });

    const interval = this.backfillEnd !== 0 && t <= this.backfillEnd ? this.backfillSampleInterval : this.sampleInterval;
    const publish = t % interval === 0;
    const perSub = this.metrics.perSubordinate();
    const nSlots = this.metrics.nSlots;
    const nGauges = this.metrics.nGauges;
    const curve = curveAt(hourlyCurve, t - 30 * minute);
    const alpha = 1 - 0.5 ** (bucketMs / day);
    const denBefore = this.surgeDen;
    // Between published samples only the indicators that rules watch are computed.
    const indicators = publish ? this.indicators : this.watchedIndicators;
    for (const scope of this.scopes) {
      const sums: ScopeSums = scope.subs.length === 1 ? perSub[scope.subs[0]!]! : sumScopes(scope.subs.map((i) => perSub[i]!), nSlots, nGauges);
      const surge = this.updateSurge(scope.code, sums, curve, alpha);
      for (const ind of indicators) {
        if (!ind.def.level.includes(scope.level)) continue;
        let value = ind.compute(sums, surge);
        if (value !== null && !Number.isFinite(value)) value = null;
        const rules = this.thresholdRules.get(ind.def.id);
        if (rules) {
          const sample = { indicator: ind.def.id, scope: scope.code, level: scope.level, at: iso, value };
          for (const { rule, params } of rules) this.raise(evaluateThreshold(rule, params, sample, { zh: ind.def.nameZh, en: ind.def.nameEn }), t);
        }
        if (publish) {
          this.pending.push({
            kind: 'indicatorSample',
            op: 'put',
            key: `${ind.def.id}|${scope.code}|${iso}`,
            scope: scope.code,
            at: iso,
            json: `{"indicator":${JSON.stringify(ind.def.id)},"scope":"${scope.code}","at":"${iso}","value":${value === null ? 'null' : value}}`,
          });
          this.counts.samples++;
        }
      }
    }
    this.surgeDen = denBefore * (1 - alpha) + alpha * curve;
  }

  /**
   * Surge index per HS section: last hour against what the baseline rate predicts for
   * this time of day. The baseline is a decaying sum of counts over a decaying sum of
   * the daily curve, so quiet nights neither inflate nor dilute it.
   */
  private updateSurge(scope: string, sums: ScopeSums, curve: number, alpha: number): Float64Array {
    const sections = this.registry.hsSections.length;
    let num = this.surgeBase.get(scope);
    if (!num) {
      num = new Float64Array(sections);
      this.surgeBase.set(scope, num);
    }
    const out = new Float64Array(sections);
    const warm = this.surgeDen > 0 && this.hoursObserved > 6;
    for (let s = 0; s < sections; s++) {
      const current = sums.h[this.counters.of(`sec.${s + 1}`)]!;
      const expected = warm ? (num[s]! / this.surgeDen) * curve : 0;
      // Small counts make a noisy ratio: no index below 20 declarations an hour.
      out[s] = expected >= 2 && current >= 20 ? current / expected : NaN;
      num[s] = num[s]! * (1 - alpha) + alpha * current;
    }
    return out;
  }

  /** Every hour: imports per (HS chapter, partner) against their baseline (see updateSurge). */
  private evaluateSurges(t: number): void {
    const rules = this.rules.filter((r) => r.kind === 'anomaly');
    const parsed = rules.map((r) => ({ rule: r, params: anomalyParams.safeParse(r.params) }));
    const curve = curveAt(hourlyCurve, t - 30 * minute);
    const alpha = 1 - 0.5 ** (1 / 24);
    const scope = this.options.profile === 'district' ? (this.registry.units[0]?.code ?? '*') : '*';
    // Baselines need a few hours of traffic before a surge means anything.
    this.hoursObserved++;
    const warm = this.hoursObserved > 6 && this.pairDen > 0;
    const hourIndex = Math.floor(t / hour);
    for (const [key, value] of this.pairCounts) {
      const base = this.pairNum.get(key);
      const num = base ? base.num * (1 - alpha) ** (hourIndex - base.hour) : 0;
      if (warm) {
        const [chapter, partner] = key.split('|') as [string, string];
        for (const { rule, params } of parsed) {
          if (!params.success) continue;
          this.raise(
            evaluateAnomaly(rule, params.data, {
              series: 'hsPartnerHourly',
              subject: { kind: 'flow', key: `HS${chapter}-${partner}` },
              label: { zh: `自${partner}进口第${chapter}章商品`, en: `Imports of HS chapter ${chapter} from ${partner}` },
              scope,
              window: hourWindow(t - hour),
              at: this.iso(t),
              value,
              baseline: (num / this.pairDen) * curve,
            }),
            t,
          );
        }
      }
      this.pairNum.set(key, { num: num + alpha * value, hour: hourIndex });
    }
    this.pairDen = this.pairDen * (1 - alpha) + alpha * curve;
    this.pairCounts.clear();
  }
}
