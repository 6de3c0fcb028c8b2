// The reference data the simulator is built from (resources/registry/), shaped for it:
// units, subordinate customs, ports (each tied to the nearest subordinate customs of
// its unit), partners, HS chapters and the name/code tables.
import registryJson from '../../resources/registry/customs-registry.json';
import hsJson from '../../resources/registry/hs-chapters.json';
import refJson from '../../resources/registry/sim-reference.json';
import type { PortRecord, UnitRecord } from '../../shared/central/records.js';

export type PortType = 'sea' | 'air' | 'land' | 'rail';

export interface SimUnit {
  code: string;
  nameZh: string;
  nameEn: string;
  lat: number;
  lon: number;
  /** City part of the name, for enterprise names. */
  cityZh: string;
  cityEn: string;
  division: string;
  subordinates: SimSubordinate[];
}

export interface SimSubordinate {
  code: string;
  parent: string;
  nameZh: string;
  nameEn: string;
  lat: number;
  lon: number;
}

export interface SimPort {
  code: string;
  nameZh: string;
  nameEn: string;
  type: PortType;
  unit: string;
  /** Subordinate customs that clears this port. */
  customs: string;
  lat: number;
  lon: number;
  weight: number;
  neighbour: string | null;
  modes: string[];
  corridor: string | null;
}

export interface SimPartner {
  iso2: string;
  nameZh: string;
  nameEn: string;
  weight: number;
}

export interface HsChapter {
  chapter: string;
  section: number;
  nameZh: string;
  nameEn: string;
  unit: string;
  usdPerUnit: number;
  importWeight: number;
  exportWeight: number;
}

export interface DangerousGood {
  unNumber: string;
  hazardClass: string;
  nameZh: string;
  nameEn: string;
}

export interface Registry {
  units: SimUnit[];
  subordinates: SimSubordinate[];
  ports: SimPort[];
  partners: SimPartner[];
  hsSections: { section: number; nameZh: string; nameEn: string }[];
  hsChapters: HsChapter[];
  dangerousGoods: DangerousGood[];
  hazardClasses: string[];
  tradeModes: { code: string; nameZh: string; nameEn: string; share: number }[];
  containerOwners: string[];
  enterpriseStems: [string, string][];
  enterpriseIndustries: [string, string][];
  enterpriseSuffixes: [string, string][];
}

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

export class RegistryError extends Error {
  override name = 'RegistryError';
}

/** The registry for a profile: everything (national) or one directly-affiliated customs. */
export function loadRegistry(district: string | null = null): Registry {
  const subordinates: SimSubordinate[] = registryJson.subordinates.map((s) => ({
    code: s.code,
    parent: s.parent,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    lat: s.lat,
    lon: s.lon,
  }));
  const divisions = refJson.unitDivisions as Record<string, string>;
  let units: SimUnit[] = registryJson.units.map((u) => ({
    code: u.code,
    nameZh: u.nameZh,
    nameEn: u.nameEn,
    lat: u.lat,
    lon: u.lon,
    cityZh: u.nameZh.replace(/海关$/, ''),
    cityEn: u.nameEn.replace(/ Customs$/, ''),
    division: divisions[u.code] ?? '100000',
    subordinates: subordinates.filter((s) => s.parent === u.code),
  }));
  let ports: SimPort[] = registryJson.ports.map((p) => {
    const own = subordinates.filter((s) => s.parent === p.unit);
    const nearest = own.reduce<SimSubordinate | null>(
      (best, s) => (best === null || distanceKm(p, s) < distanceKm(p, best) ? s : best),
      null,
    );
    const extra = p as { neighbour?: string; modes?: string[]; corridor?: string };
    return {
      code: p.code,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      type: p.type as PortType,
      unit: p.unit,
      customs: nearest?.code ?? `${p.unit}00`,
      lat: p.lat,
      lon: p.lon,
      weight: p.weight,
      neighbour: extra.neighbour ?? null,
      modes: extra.modes ?? [],
      corridor: extra.corridor ?? null,
    };
  });
  if (district !== null) {
    units = units.filter((u) => u.code === district);
    if (units.length === 0) throw new RegistryError(`district ${district} is not one of the 42 directly-affiliated customs`);
    ports = ports.filter((p) => p.unit === district);
  }
  const dangerousGoods = refJson.dangerousGoods;
  return {
    units,
    subordinates: units.flatMap((u) => u.subordinates),
    ports,
    partners: registryJson.partners.map((p) => ({ iso2: p.iso2, nameZh: p.nameZh, nameEn: p.nameEn, weight: p.weight })),
    hsSections: hsJson.sections,
    hsChapters: hsJson.chapters,
    dangerousGoods,
    hazardClasses: [...new Set(dangerousGoods.map((d) => d.hazardClass))].sort(),
    tradeModes: refJson.tradeModes,
    containerOwners: refJson.containerOwners,
    enterpriseStems: refJson.enterpriseStems as [string, string][],
    enterpriseIndustries: refJson.enterpriseIndustries as [string, string][],
    enterpriseSuffixes: refJson.enterpriseSuffixes as [string, string][],
  };
}

/** `unit` records: directly-affiliated customs (level 1) and their subordinates (level 2). */
export function unitRecords(reg: Registry): UnitRecord[] {
  return reg.units.flatMap((u) => [
    { code: u.code, level: 1 as const, parent: null, nameZh: u.nameZh, nameEn: u.nameEn, lat: u.lat, lon: u.lon },
    ...u.subordinates.map((s) => ({
      code: s.code,
      level: 2 as const,
      parent: s.parent,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      lat: s.lat,
      lon: s.lon,
    })),
  ]);
}

export function portRecords(reg: Registry): PortRecord[] {
  return reg.ports.map((p) => ({
    code: p.code,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    type: p.type,
    unit: p.unit,
    customs: p.customs,
    weight: p.weight,
    lat: p.lat,
    lon: p.lon,
  }));
}
