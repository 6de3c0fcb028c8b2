// Host handlers of the port map: the map queries on a read handle of the local store,
// plus the partner points and district seats of the shipped registry.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { HostHandlers } from '../../../shared/host/api.js';
import { HostError } from '../../../shared/host/errors.js';
import type { ReadableDB } from '../../store/db.js';
import { type MapReference, PortNotFoundError, mapMovements, mapOverview, portDetail, portTickets } from '../../store/queries/map.js';

const registryPoints = z.looseObject({
  units: z.array(z.looseObject({ code: z.string(), nameZh: z.string(), nameEn: z.string(), lat: z.number(), lon: z.number() })),
  partners: z.array(z.looseObject({ iso2: z.string(), nameZh: z.string(), nameEn: z.string(), lat: z.number(), lon: z.number() })),
});

export function mapReferenceFrom(raw: unknown): MapReference {
  const registry = registryPoints.parse(raw);
  return {
    partners: new Map(registry.partners.map((p) => [p.iso2, { iso2: p.iso2, nameZh: p.nameZh, nameEn: p.nameEn, lat: p.lat, lon: p.lon }])),
    units: new Map(registry.units.map((u) => [u.code, { code: u.code, nameZh: u.nameZh, nameEn: u.nameEn, lat: u.lat, lon: u.lon }])),
  };
}

export function loadMapReference(registryPath: string): MapReference {
  return mapReferenceFrom(JSON.parse(readFileSync(registryPath, 'utf8')));
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
