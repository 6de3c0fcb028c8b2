import { describe, expect, it } from 'vitest';
import { BasemapError, resolveStyle } from './style.js';

// The map must work with no network: nothing in resources/map may name a remote URL.
const mapFiles = import.meta.glob<string>('../../../../resources/map/*.{json,geojson}', { query: '?raw', import: 'default', eager: true });
const file = (name: string): string => {
  const entry = Object.entries(mapFiles).find(([path]) => path.endsWith(`/${name}`));
  if (!entry) throw new Error(`resources/map/${name} is missing`);
  return entry[1];
};
const style = JSON.parse(file('style.json')) as { sources: Record<string, { data: string }>; glyphs?: string; sprite?: string };

describe('the offline basemap', () => {
  it('has no remote URL in the style or any shipped map file', () => {
    expect(Object.keys(mapFiles).length).toBeGreaterThanOrEqual(4);
    for (const [path, text] of Object.entries(mapFiles)) {
      expect(text, path).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    }
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
  });

  it('resolves each source to a bundled file on the page’s own origin', () => {
    const files = { 'world.geojson': './assets/world-1.geojson', 'china-provinces.geojson': './assets/p.geojson' };
    const resolved = resolveStyle(style, files, 'http://127.0.0.1:4000/index.html');
    expect(Object.values(resolved.sources).map((s) => ('data' in s ? s.data : null))).toEqual([
      'http://127.0.0.1:4000/assets/world-1.geojson',
      'http://127.0.0.1:4000/assets/p.geojson',
    ]);
  });

  it('refuses a source that is not a bundled file', () => {
    expect(() => resolveStyle({ ...style, sources: { x: { type: 'geojson', data: 'elsewhere.geojson' } } }, {}, 'http://127.0.0.1/')).toThrow(BasemapError);
  });

  it('ships China with Taiwan, the South China Sea islands and dashed line, and 42 district areas', () => {
    const world = JSON.parse(file('world.geojson')) as { features: { properties: { iso2: string }; geometry: { coordinates: unknown[] } }[] };
    expect(world.features.filter((f) => ['TW', 'HK', 'MO'].includes(f.properties.iso2))).toEqual([]);
    const china = world.features.find((f) => f.properties.iso2 === 'CN')!;
    expect(china.geometry.coordinates.length).toBe(23);
    const districts = JSON.parse(file('districts.geojson')) as { features: unknown[] };
    expect(districts.features).toHaveLength(42);
  });
});
