// The offline basemap: resources/map/style.json with each source's file name replaced by
// the URL Vite gives the bundled file. Nothing here may point off the machine.
import type { StyleSpecification } from 'maplibre-gl';
import baseStyle from '../../../../resources/map/style.json';
import provincesUrl from '../../../../resources/map/china-provinces.geojson?url';
import districtsUrl from '../../../../resources/map/districts.geojson?url';
import worldUrl from '../../../../resources/map/world.geojson?url';

/** Bundled basemap files by the name style.json uses. */
export const basemapFiles: Record<string, string> = {
  'world.geojson': worldUrl,
  'china-provinces.geojson': provincesUrl,
  'districts.geojson': districtsUrl,
};

export class BasemapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BasemapError';
  }
}

/** Absolute URL of a bundled file: the map's worker resolves against its own location, not the page. */
export function assetUrl(url: string, base: string): string {
  return new URL(url, base).href;
}

export function resolveStyle(style: unknown, files: Record<string, string>, base: string): StyleSpecification {
  const resolved = structuredClone(style) as StyleSpecification;
  for (const [id, source] of Object.entries(resolved.sources)) {
    if (source.type !== 'geojson' || typeof source.data !== 'string') continue;
    const file = files[source.data];
    if (!file) throw new BasemapError(`basemap source ${id} names ${source.data}, which is not a bundled file in resources/map/`);
    source.data = assetUrl(file, base);
  }
  return resolved;
}

export function basemapStyle(): StyleSpecification {
  return resolveStyle(baseStyle, basemapFiles, window.location.href);
}
