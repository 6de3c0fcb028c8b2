// Counters of simulated traffic per subordinate customs, in 5-minute buckets (a
// rolling hour), since Beijing midnight (today), and gauges of what is in progress.
// Indicator samples are computed from these, for every scope, by summing.
import type { Registry } from './registry.js';
import { directions, regions, transports } from './traffic.js';

export const bucketMs = 5 * 60_000;
/** Buckets in the rolling window of "last hour" indicators. */
export const ringSize = 12;

export class SlotLayout {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  add(name: string): number {
    const existing = this.index.get(name);
    if (existing !== undefined) return existing;
    this.names.push(name);
    this.index.set(name, this.names.length - 1);
    return this.names.length - 1;
  }

  of(name: string): number {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`unknown metric slot ${name}`);
    return i;
  }

  get size(): number {
    return this.names.length;
  }
}

export const conveyanceKinds = ['vessel', 'flight', 'vehicle', 'train'] as const;

/** Every counter and gauge the simulator keeps, by name. */
export function makeLayouts(reg: Registry): { counters: SlotLayout; gauges: SlotLayout } {
  const counters = new SlotLayout();
  for (const d of directions) {
    for (const t of transports) {
      for (const m of ['decl', 'val', 'rel', 'relmin', 'rel2h', 'insp']) counters.add(`${m}.${d}.${t}`);
    }
    for (const m of ['scr', 'scrsec', 'inspdone', 'inspmin', 'held', 'ret', 'risksum', 'riskhigh']) counters.add(`${m}.${d}`);
  }
  for (const s of reg.hsSections) {
    counters.add(`sec.${s.section}`);
    counters.add(`secval.${s.section}`);
  }
  reg.tradeModes.forEach((t) => counters.add(`tm.${t.code}`));
  regions.forEach((r) => counters.add(`reg.${r}`));
  for (const m of ['riskhits', 'wlhits', 'highval', 'dg.rel', 'dg.removed', 'dg.dwellmin']) counters.add(m);
  reg.hazardClasses.forEach((c) => counters.add(`dg.decl.${c}`));
  for (const m of ['tv.in', 'tv.out', 'tv.fever', 'tv.medical', 'cv.sanit', 'cv.vector']) counters.add(m);
  for (const k of conveyanceKinds) {
    counters.add(`cv.${k}.in`);
    counters.add(`cv.${k}.out`);
  }
  const gauges = new SlotLayout();
  for (const m of ['screening', 'inspection', 'held', 'dg.overdue']) gauges.add(m);
  reg.hazardClasses.forEach((c) => gauges.add(`dg.${c}`));
  return { counters, gauges };
}

/** Sums of one scope: last hour, today, and gauges now. */
export interface ScopeSums {
  h: Float64Array;
  d: Float64Array;
  g: Float64Array;
}

export class Metrics {
  private readonly ring: Float64Array;
  private readonly today: Float64Array;
  private readonly gauges: Float64Array;
  private current = 0;
  readonly nSubs: number;
  readonly nSlots: number;
  readonly nGauges: number;

  constructor(
    readonly subs: readonly string[],
    readonly layouts: { counters: SlotLayout; gauges: SlotLayout },
  ) {
    this.nSubs = subs.length;
    this.nSlots = layouts.counters.size;
    this.nGauges = layouts.gauges.size;
    this.ring = new Float64Array(this.nSubs * ringSize * this.nSlots);
    this.today = new Float64Array(this.nSubs * this.nSlots);
    this.gauges = new Float64Array(this.nSubs * this.nGauges);
  }

  /** Moves to a new 5-minute bucket, forgetting the one an hour old. */
  rotate(): void {
    this.current = (this.current + 1) % ringSize;
    for (let s = 0; s < this.nSubs; s++) {
      this.ring.fill(0, (s * ringSize + this.current) * this.nSlots, (s * ringSize + this.current + 1) * this.nSlots);
    }
  }

  /** Beijing midnight: today's counters start again. */
  newDay(): void {
    this.today.fill(0);
  }

  add(sub: number, slot: number, value = 1): void {
    this.ring[(sub * ringSize + this.current) * this.nSlots + slot]! += value;
    this.today[sub * this.nSlots + slot]! += value;
  }

  gauge(sub: number, slot: number, delta: number): void {
    this.gauges[sub * this.nGauges + slot]! += delta;
  }

  /** Sums for every subordinate customs (in `subs` order). */
  perSubordinate(): ScopeSums[] {
    const out: ScopeSums[] = [];
    for (let s = 0; s < this.nSubs; s++) {
      const h = new Float64Array(this.nSlots);
      for (let b = 0; b < ringSize; b++) {
        const base = (s * ringSize + b) * this.nSlots;
        for (let i = 0; i < this.nSlots; i++) h[i]! += this.ring[base + i]!;
      }
      out.push({
        h,
        d: this.today.slice(s * this.nSlots, (s + 1) * this.nSlots),
        g: this.gauges.slice(s * this.nGauges, (s + 1) * this.nGauges),
      });
    }
    return out;
  }
}

export function sumScopes(parts: readonly ScopeSums[], nSlots: number, nGauges: number): ScopeSums {
  const total: ScopeSums = { h: new Float64Array(nSlots), d: new Float64Array(nSlots), g: new Float64Array(nGauges) };
  for (const p of parts) {
    for (let i = 0; i < nSlots; i++) {
      total.h[i]! += p.h[i]!;
      total.d[i]! += p.d[i]!;
    }
    for (let i = 0; i < nGauges; i++) total.g[i]! += p.g[i]!;
  }
  return total;
}
