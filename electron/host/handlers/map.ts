// Host handlers of the port map: the map queries on a read handle of the local store,
// plus the partner points and district seats of the shipped registry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { HostHandlers } from '../../../shared/host/api.js';
import type { MapPartner } from '../../../shared/host/methods/map.js';
import { HostError } from '../../../shared/host/errors.js';
import type { ReadableDB } from '../../store/db.js';
import { type MapReference, PortNotFoundError, mapMovements, mapOverview, portDetail, portTickets } from '../../store/queries/map.js';

const registryPoints = z.looseObject({
  units: z.array(z.looseObject({ code: z.string(), nameZh: z.string(), nameEn: z.string(), lat: z.number(), lon: z.number() })),
  partners: z.array(z.looseObject({ iso2: z.string(), nameZh: z.string(), nameEn: z.string(), lat: z.number(), lon: z.number() })),
});

const worldCountries = z.object({
  features: z.array(
    z.object({
      properties: z.object({ name: z.string(), iso2: z.string() }),
      geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
    }),
  ),
});

type Ring = [number, number][];

/** Centre of the bounding box of a country's largest part: a point inside most countries, good enough for an arc's end. */
function countryPoint(geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] }): { lat: number; lon: number } | null {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  let best: { lat: number; lon: number; area: number } | null = null;
  for (const polygon of polygons) {
    const ring = polygon[0];
    if (!ring || ring.length < 3) continue;
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const area = (maxX - minX) * (maxY - minY);
    if (!best || area > best.area) best = { lon: (minX + maxX) / 2, lat: (minY + maxY) / 2, area };
  }
  return best && { lat: best.lat, lon: best.lon };
}

/**
 * Separate customs territories drawn inside China's outline, so absent from the world
 * file's countries: their trade still gets an arc (to the territory's port).
 */
const territoriesInsideChina: MapPartner[] = [{ iso2: 'MO', nameZh: '中国澳门', nameEn: 'Macao, China', lat: 22.19, lon: 113.55 }];

const englishRegionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * Partner points and district seats. The registry's partners come first (their main
 * trade point); any other country of the world basemap is a fallback at its centre, so a
 * partner the registry does not list still gets its arc.
 */
export function mapReferenceFrom(rawRegistry: unknown, rawWorld?: unknown): MapReference {
  const registry = registryPoints.parse(rawRegistry);
  const partners = new Map<string, MapPartner>();
  if (rawWorld !== undefined) {
    for (const feature of worldCountries.parse(rawWorld).features) {
      const { iso2, name } = feature.properties;
      const point = /^[A-Z]{2}$/.test(iso2) ? countryPoint(feature.geometry) : null;
      if (point) partners.set(iso2, { iso2, nameZh: name, nameEn: englishRegionNames.of(iso2) ?? iso2, ...point });
    }
  }
  for (const t of territoriesInsideChina) partners.set(t.iso2, t);
  for (const p of registry.partners) partners.set(p.iso2, { iso2: p.iso2, nameZh: p.nameZh, nameEn: p.nameEn, lat: p.lat, lon: p.lon });
  return {
    partners,
    units: new Map(registry.units.map((u) => [u.code, { code: u.code, nameZh: u.nameZh, nameEn: u.nameEn, lat: u.lat, lon: u.lon }])),
  };
}

/** Reads the registry and the world basemap from the app's resources folder. */
export function loadMapReference(resourcesDir: string): MapReference {
  const read = (...parts: string[]) => JSON.parse(readFileSync(join(resourcesDir, ...parts), 'utf8')) as unknown;
  return mapReferenceFrom(read('registry', 'customs-registry.json'), read('map', 'world.geojson'));
}

type MapHandlers = Pick<HostHandlers, 'map.overview' | 'map.movements' | 'map.port' | 'map.portTickets'>;

/** `readStore` returns the read handle, or null while there is no local store yet. */
export function createMapHandlers(readStore: () => ReadableDB | null, reference: MapReference): MapHandlers {
  const db = (): ReadableDB => {
    const handle = readStore();
    if (!handle) throw new HostError('unavailable', 'The local store is not open yet: the map fills in once sync has written its first data');
    return handle;
  };
  const notFound = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      if (error instanceof PortNotFoundError) throw new HostError('not-found', error.message);
      throw error;
    }
  };
  return {
    'map.overview': (input) => mapOverview(db(), reference, input),
    'map.movements': (input) => mapMovements(db(), input),
    'map.port': (input) => notFound(() => portDetail(db(), reference, input)),
    'map.portTickets': (input) => portTickets(db(), input),
  };
}
