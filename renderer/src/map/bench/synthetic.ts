// Synthetic national traffic for the render benchmark: the same ports, flows and
// particles (seeded, so both benchmark pages draw identical data) at the sizes the issue
// asks for: 700 ports, 50,000 flows, 20,000 particles.
import type { DeclarationStatus } from '../../../../shared/central/records.js';
import type { MapMovement, MapOverview, MapPartner, MapPort } from '../../../../shared/host/methods/map.js';
import type { MapDataSource } from '../data/source.js';

export interface SyntheticSizes {
  ports: number;
  flows: number;
  particles: number;
}

export const benchSizes: SyntheticSizes = { ports: 700, flows: 50_000, particles: 20_000 };

/** The issue's sizes, or smaller ones from ?ports=&flows=&particles= for quick setting comparisons. */
export function sizesFromQuery(search: string): SyntheticSizes {
  const params = new URLSearchParams(search);
  const size = (name: keyof SyntheticSizes) => (Number(params.get(name)) > 0 ? Math.floor(Number(params.get(name))) : benchSizes[name]);
  return { ports: size('ports'), flows: size('flows'), particles: size('particles') };
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const stages: DeclarationStatus[] = ['screening', 'inspection', 'held', 'released'];

export function syntheticTraffic(sizes: SyntheticSizes = benchSizes, seed = 7): { overview: MapOverview; movements: MapMovement[] } {
  const rand = prng(seed);
  const ports: MapPort[] = Array.from({ length: sizes.ports }, (_, i) => ({
    code: `BENCH${String(i).padStart(4, '0')}`,
    nameZh: `口岸${i}`,
    nameEn: `Port ${i}`,
    type: 'sea',
    unit: String(10 + (i % 42)).padStart(2, '0'),
    lat: 20 + rand() * 25,
    lon: 98 + rand() * 26,
    declarations: Math.floor(rand() ** 3 * 5000),
    valueUsd: rand() * 1e8,
    inspection: Math.floor(rand() * 20),
    held: Math.floor(rand() * 5),
    openAlerts: rand() < 0.05 ? 1 : 0,
    worstSeverity: rand() < 0.05 ? 'warning' : null,
    health: rand() < 0.1 ? 'strained' : 'ok',
  }));
  const partners: MapPartner[] = Array.from({ length: Math.max(1, Math.ceil(sizes.flows / (sizes.ports * 2))) }, (_, i) => ({
    iso2: `P${i}`,
    nameZh: `伙伴${i}`,
    nameEn: `Partner ${i}`,
    lat: -40 + rand() * 100,
    lon: -170 + rand() * 340,
  }));
  const flows: MapOverview['flows'] = [];
  for (let i = 0; flows.length < sizes.flows; i++) {
    const port = ports[i % ports.length]!;
    const partner = partners[Math.floor(i / (ports.length * 2)) % partners.length]!;
    flows.push({ port: port.code, partner: partner.iso2, direction: (i >> 0) % 2 ? 'export' : 'import', declarations: 1 + Math.floor(rand() ** 4 * 400), valueUsd: rand() * 1e7 });
  }
  const movements: MapMovement[] = Array.from({ length: sizes.particles }, (_, i) => {
    const flow = flows[Math.floor(rand() * flows.length)]!;
    return { seq: i + 1, id: String(i).padStart(18, '0'), port: flow.port, partner: flow.partner, direction: flow.direction, status: stages[i % stages.length]!, valueUsd: 1, declaredAt: '2026-01-01T00:00:00.000Z' };
  });
  return {
    overview: {
      asOf: '2026-01-01T00:00:00.000Z',
      windowMinutes: 60,
      ports,
      flows,
      partners,
      districts: [],
      issues: { portsWithoutCoordinates: [], unknownPartners: [], declarationsNotDrawn: 0 },
    },
    movements,
  };
}

/** A data source that serves the synthetic overview once and no movements (the page spawns them). */
export function syntheticSource(overview: MapOverview): MapDataSource {
  return {
    overview: async () => overview,
    movements: async ({ afterSeq }) => ({ cursor: afterSeq ?? 0, movements: [] }),
    onChange: () => () => {},
  };
}
