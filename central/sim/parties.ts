// The simulated population of traders and conveyances: enterprises per directly-
// affiliated customs (a few declare a lot, most rarely), vessels and flights.
import { makeImo, makeUscc } from './codes.js';
import { Rng } from './prng.js';
import type { Registry, SimUnit } from './registry.js';

export interface Enterprise {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
}

export interface Conveyance {
  kind: 'vessel' | 'flight';
  id: string;
  name: string;
}

const vesselPrefixes = ['COSCO SHIPPING', 'MSC', 'MAERSK', 'CMA CGM', 'EVER', 'ONE', 'HMM', 'OOCL', 'ZIM', 'YM', 'CSCL', 'SITC'];
const vesselWords = ['ARIES', 'TAURUS', 'GEMINI', 'LEO', 'VIRGO', 'LIBRA', 'ORION', 'PEGASUS', 'PHOENIX', 'HARMONY', 'FORTUNE', 'PACIFIC', 'ATLANTIC', 'HORIZON', 'PIONEER', 'GLORY', 'UNITY', 'SPIRIT', 'STAR', 'OCEAN', 'DRAGON', 'LOTUS', 'JADE', 'PEARL', 'SUMMIT'];
const airlines = ['CA', 'MU', 'CZ', 'HU', '3U', 'MF', 'CK', 'O3', 'CX', 'KE', 'NH', 'SQ', 'LH', 'EK', 'QR', 'FX', '5X', 'TK', 'AF', 'KL'];

export class Parties {
  /** Enterprises by directly-affiliated customs, most active first. */
  readonly enterprises = new Map<string, Enterprise[]>();
  readonly vessels: Conveyance[] = [];
  readonly flights: Conveyance[] = [];

  constructor(reg: Registry, seed: number, unitWeight: (unit: SimUnit) => number) {
    const rng = new Rng(seed, 101);
    const combos: [number, number, number][] = [];
    reg.enterpriseStems.forEach((_, s) =>
      reg.enterpriseIndustries.forEach((_, i) => reg.enterpriseSuffixes.forEach((_, x) => combos.push([s, i, x]))),
    );
    for (const unit of reg.units) {
      // Shuffle name combinations per unit so names within a city never repeat.
      const order = combos.map((c) => ({ c, r: rng.next() })).sort((a, b) => a.r - b.r).map((o) => o.c);
      const size = Math.min(order.length, 150 + Math.round(unitWeight(unit) * 40_000));
      this.enterprises.set(
        unit.code,
        order.slice(0, size).map(([s, i, x]) => {
          const [stemZh, stemEn] = reg.enterpriseStems[s]!;
          const [indZh, indEn] = reg.enterpriseIndustries[i]!;
          const [sufZh, sufEn] = reg.enterpriseSuffixes[x]!;
          return {
            code: makeUscc(rng, unit.division),
            name: `${unit.cityZh}${stemZh}${indZh}${sufZh}`,
            nameEn: `${unit.cityEn} ${stemEn} ${indEn} ${sufEn}`,
            unit: unit.code,
          };
        }),
      );
    }
    for (let i = 0; i < 300; i++) {
      this.vessels.push({ kind: 'vessel', id: makeImo(rng), name: `${rng.pick(vesselPrefixes)} ${rng.pick(vesselWords)}` });
    }
    for (let i = 0; i < 400; i++) {
      const code = `${rng.pick(airlines)}${100 + rng.int(9800)}`;
      this.flights.push({ kind: 'flight', id: code, name: code });
    }
  }

  /** A declarant of `unit`: heavily skewed towards the big traders. */
  pickEnterprise(rng: Rng, unit: string): Enterprise {
    const list = this.enterprises.get(unit)!;
    return list[Math.floor(list.length * rng.next() ** 3)]!;
  }
}
