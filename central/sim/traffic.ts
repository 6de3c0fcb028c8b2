// How one declaration is drawn: direction and transport by port type, partner, goods
// from real HS chapters, heavy-tailed values, the declarant, containers, dangerous
// goods, risk, and its whole path of stages with realistic durations.
import type { DeclarationRecord, DeclarationStatus } from '../../shared/central/records.js';
import { makeContainer } from './codes.js';
import type { Conveyance, Enterprise, Parties } from './parties.js';
import { Rng, WeightedPicker } from './prng.js';
import type { DangerousGood, HsChapter, Registry, SimPort } from './registry.js';

const minute = 60_000;
const hour = 60 * minute;

export const directions = ['import', 'export'] as const;
export const transports = ['sea', 'air', 'road', 'rail'] as const;
export const regions = ['eastAsia', 'southeastAsia', 'southAsia', 'europe', 'northAmerica', 'latinAmerica', 'oceania', 'middleEast', 'africa', 'cis'] as const;
const regionOf: Record<string, (typeof regions)[number]> = {
  JP: 'eastAsia', KR: 'eastAsia', HK: 'eastAsia', TW: 'eastAsia', MO: 'eastAsia', MN: 'eastAsia', KP: 'eastAsia',
  VN: 'southeastAsia', MY: 'southeastAsia', ID: 'southeastAsia', TH: 'southeastAsia', SG: 'southeastAsia', PH: 'southeastAsia', MM: 'southeastAsia', KH: 'southeastAsia', LA: 'southeastAsia', BN: 'southeastAsia',
  IN: 'southAsia', PK: 'southAsia', NP: 'southAsia',
  DE: 'europe', NL: 'europe', GB: 'europe', FR: 'europe', IT: 'europe', ES: 'europe', CH: 'europe', BE: 'europe', PL: 'europe',
  US: 'northAmerica', CA: 'northAmerica', MX: 'latinAmerica', BR: 'latinAmerica', CL: 'latinAmerica', PE: 'latinAmerica',
  AU: 'oceania', NZ: 'oceania', SA: 'middleEast', AE: 'middleEast', IQ: 'middleEast', TR: 'middleEast', ZA: 'africa',
  RU: 'cis', KZ: 'cis', KG: 'cis',
};

/** Share of imports by port type (China–Europe trains run mostly westbound). */
const importShare: Record<SimPort['type'], number> = { sea: 0.45, air: 0.5, land: 0.45, rail: 0.3 };
/** Median minutes from screening to release without inspection, by transport. */
const releaseMedianMin = { sea: 40, air: 12, road: 6, rail: 25 };
/** Median hours of a physical inspection, by transport. */
const inspectionMedianH = { sea: 4, air: 1.5, road: 1, rail: 3 };
/** Chapters air cargo favours or avoids. */
const airBias: Record<string, number> = { '85': 3, '90': 3, '30': 3, '71': 4, '84': 1.5, '33': 2, '27': 0.02, '26': 0.01, '10': 0.02, '12': 0.02, '72': 0.1, '44': 0.05, '25': 0.02 };
const bulkChapters = new Set(['10', '12', '26', '27', '47', '72', '74', '15']);
const railCorridorPartners: Record<string, string[]> = {
  'China–Europe': ['DE', 'PL', 'NL', 'BE', 'FR', 'IT', 'ES', 'RU', 'KZ'],
  'China–Europe / Central Asia': ['KZ', 'RU', 'KG', 'DE', 'PL'],
  'China–Laos': ['LA', 'TH'],
};

export interface DeclPlan {
  record: DeclarationRecord;
  /** Every stage the declaration will pass, with its time (ms); `path[0]` is declared. */
  path: { stage: DeclarationStatus; at: number }[];
  /** Index in `path` of the next stage to publish. */
  next: number;
  /** Dangerous goods leave the port at this time (ms) after release. */
  removalAt: number | null;
  removed: boolean;
  customs: string;
  dir: number;
  tr: number;
  section: number;
  chapter: string;
  region: number;
  tradeMode: number;
  hazard: number;
  highValue: boolean;
}

export interface DeclarationOptions {
  /**
   * Extra clearance delay (ms) of a customs office at the time a stage would end
   * (the "release time climbs" scenario: a backlog everything released then waits in).
   */
  releaseDelay?: (customs: string, t: number) => number;
  forceChapter?: string;
  forcePartner?: string;
  forceEnterprise?: Enterprise;
  forceDangerous?: { arrivedHoursBefore: number; inspectionHours: number };
  direction?: 'import' | 'export';
}

export class TrafficModel {
  private readonly chapterPickers: Record<string, WeightedPicker<HsChapter>>;
  private readonly partners: WeightedPicker<Registry['partners'][number]>;
  private readonly tradeModes: WeightedPicker<Registry['tradeModes'][number]>;
  private readonly serials = new Map<string, number>();

  constructor(
    readonly reg: Registry,
    readonly parties: Parties,
  ) {
    const pick = (dir: 'import' | 'export', air: boolean) =>
      new WeightedPicker(reg.hsChapters, (c) => (dir === 'import' ? c.importWeight : c.exportWeight) * (air ? (airBias[c.chapter] ?? 1) : 1));
    this.chapterPickers = {
      'import:surface': pick('import', false),
      'export:surface': pick('export', false),
      'import:air': pick('import', true),
      'export:air': pick('export', true),
    };
    this.partners = new WeightedPicker(reg.partners, (p) => p.weight);
    this.tradeModes = new WeightedPicker(reg.tradeModes, (t) => t.share);
  }

  /** 18 digits: customs code (4), year (4), import/export flag (1), serial (9). */
  private declarationId(customs: string, at: number, dir: 'import' | 'export'): string {
    const d = new Date(at + 8 * hour);
    const year = d.getUTCFullYear();
    const secondOfYear = Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / 1000);
    // Serial = second of the year and a digit; a busy second carries into the next.
    const key = `${customs}${year}${dir}`;
    const serial = Math.max(secondOfYear * 10, (this.serials.get(key) ?? -1) + 1);
    this.serials.set(key, serial);
    return `${customs}${year}${dir === 'import' ? 1 : 0}${String(serial).padStart(9, '0')}`;
  }

  private partnerFor(rng: Rng, port: SimPort): string {
    if (port.type === 'land' && port.neighbour && rng.chance(0.85)) return port.neighbour;
    if (port.type === 'rail') return rng.pick(railCorridorPartners[port.corridor ?? ''] ?? railCorridorPartners['China–Europe']!);
    return this.partners.pick(rng).iso2;
  }

  private transportFor(rng: Rng, port: SimPort): (typeof transports)[number] {
    switch (port.type) {
      case 'sea':
        return 'sea';
      case 'air':
        return 'air';
      case 'rail':
        return 'rail';
      case 'land':
        return port.modes.includes('rail') && rng.chance(0.3) ? 'rail' : 'road';
    }
  }

  newDeclaration(rng: Rng, port: SimPort, at: number, opts: DeclarationOptions = {}): DeclPlan {
    const reg = this.reg;
    const dir = opts.direction ?? (rng.chance(importShare[port.type]) ? 'import' : 'export');
    const transport = this.transportFor(rng, port);
    const partner = opts.forcePartner ?? this.partnerFor(rng, port);
    // Most declarations are cleared by the port's customs; some at another office of
    // the same district (inland clearance).
    const unit = reg.units.find((u) => u.code === port.unit)!;
    const customs = rng.chance(0.8) || unit.subordinates.length === 0 ? port.customs : rng.pick(unit.subordinates).code;
    const tradeMode = this.tradeModes.pick(rng);
    const ecommerce = tradeMode.code.startsWith('97') || tradeMode.code.startsWith('96');
    const picker = this.chapterPickers[`${dir}:${transport === 'air' ? 'air' : 'surface'}`]!;
    const firstChapter = opts.forceChapter ? reg.hsChapters.find((c) => c.chapter === opts.forceChapter)! : picker.pick(rng);
    const itemCount = Math.min(8, 1 + Math.floor(Math.log(1 - rng.next()) / Math.log(0.45)));
    const items = [];
    for (let i = 0; i < itemCount; i++) {
      const ch = i === 0 || rng.chance(0.6) ? firstChapter : picker.pick(rng);
      const bulk = bulkChapters.has(ch.chapter) && transport !== 'air' ? 30 : 1;
      const valueUsd = Math.round(rng.logNormal(6000 * bulk * (ecommerce ? 0.02 : 1), 1.4) * 100) / 100;
      const heading = String(1 + rng.int(19)).padStart(2, '0');
      items.push({
        hs: `${ch.chapter}${heading}${10 * (1 + rng.int(9))}00`,
        description: `${ch.nameZh} / ${ch.nameEn}`,
        quantity: Math.max(1, Math.round((valueUsd / ch.usdPerUnit) * rng.uniform(0.7, 1.3))),
        unit: ch.unit,
        valueUsd,
      });
    }
    const valueUsd = Math.round(items.reduce((s, i) => s + i.valueUsd, 0) * 100) / 100;
    const enterprise = opts.forceEnterprise ?? this.parties.pickEnterprise(rng, port.unit);

    const dgChance = transport === 'air' ? 0.008 : 0.025;
    let dg: DangerousGood | null = null;
    if (opts.forceDangerous || (!ecommerce && rng.chance(dgChance))) dg = rng.pick(reg.dangerousGoods);
    const containers: string[] = [];
    if (transport === 'sea' && !bulkChapters.has(firstChapter.chapter)) {
      const n = Math.min(12, 1 + Math.floor(valueUsd / 60_000) + rng.int(2));
      const owner = rng.pick(reg.containerOwners);
      for (let i = 0; i < n; i++) containers.push(makeContainer(rng, owner));
    }
    let conveyance: Conveyance | null = null;
    if (transport === 'sea') conveyance = rng.pick(this.parties.vessels);
    else if (transport === 'air') conveyance = rng.pick(this.parties.flights);

    // Risk: most declarations are low risk; dangerous goods and some partners less so.
    let riskScore = 0.6 * rng.next() ** 3 + (dg ? 0.15 : 0) + (ecommerce ? 0.05 : 0);
    riskScore = Math.min(1, Math.round(riskScore * 1000) / 1000);
    const inspected = opts.forceDangerous !== undefined || rng.chance(0.03 + 0.5 * riskScore * riskScore + (dg ? 0.2 : 0));

    const path: DeclPlan['path'] = [{ stage: 'declared', at }];
    let t = at + rng.uniform(10_000, 4 * minute);
    path.push({ stage: 'screening', at: Math.round(t) });
    const delay = opts.releaseDelay ?? (() => 0);
    const slowed = (from: number, duration: number) => from + duration + delay(customs, from + duration);
    if (!inspected) {
      t = slowed(t, rng.logNormal(releaseMedianMin[transport] * minute, 0.7));
      path.push({ stage: 'released', at: Math.round(t) });
    } else {
      t = slowed(t, rng.uniform(5, 40) * minute);
      path.push({ stage: 'inspection', at: Math.round(t) });
      t = opts.forceDangerous ? t + opts.forceDangerous.inspectionHours * hour : slowed(t, rng.logNormal(inspectionMedianH[transport] * hour, 0.8));
      const outcome = opts.forceDangerous ? 0.5 : rng.next();
      if (outcome < 0.94) path.push({ stage: 'released', at: Math.round(t) });
      else if (outcome < 0.98) {
        path.push({ stage: 'held', at: Math.round(t) });
        t += rng.uniform(24, 120) * hour;
        path.push({ stage: rng.chance(0.75) ? 'released' : 'returned', at: Math.round(t) });
      } else path.push({ stage: 'returned', at: Math.round(t) });
    }
    const last = path[path.length - 1]!;
    const removalAt = dg && last.stage === 'released' ? Math.round(last.at + rng.logNormal(14 * hour, 0.5)) : null;
    const arrivedAt = dg
      ? at - (opts.forceDangerous ? opts.forceDangerous.arrivedHoursBefore * hour : Math.min(60 * hour, Math.max(hour, rng.logNormal(10 * hour, 0.8))))
      : 0;

    const record: DeclarationRecord = {
      id: this.declarationId(customs, at, dir),
      direction: dir,
      port: port.code,
      unit: customs,
      declaredAt: new Date(at).toISOString(),
      status: 'declared',
      stages: [],
      tradeMode: tradeMode.code,
      transport,
      partnerCountry: partner,
      enterprise: { code: enterprise.code, name: enterprise.name, nameEn: enterprise.nameEn },
      valueUsd,
      items,
      riskScore,
      riskHits: [],
      dangerous: dg
        ? { unNumber: dg.unNumber, hazardClass: dg.hazardClass, name: dg.nameZh, nameEn: dg.nameEn, dwell: { arrivedAt: new Date(Math.round(arrivedAt)).toISOString(), removedAt: null } }
        : null,
      containers,
      ...(conveyance ? { conveyance } : {}),
    };
    return {
      record,
      path,
      next: 0,
      removalAt,
      removed: false,
      customs,
      dir: dir === 'import' ? 0 : 1,
      tr: transports.indexOf(transport),
      section: firstChapter.section,
      chapter: firstChapter.chapter,
      region: Math.max(0, regions.indexOf(regionOf[partner] ?? 'eastAsia')),
      tradeMode: reg.tradeModes.indexOf(tradeMode),
      hazard: dg ? reg.hazardClasses.indexOf(dg.hazardClass) : -1,
      highValue: valueUsd >= 1_000_000,
    };
  }
}
