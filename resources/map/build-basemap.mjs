// Builds the offline basemap the wall loads (world, China's provinces, customs district
// areas) from the pinned npm packages named in ../shared/data/basemap-sources.json, and
// checks each source file's sha256 first so a changed package cannot slip in unnoticed.
// Run after changing a pinned version: `node resources/map/build-basemap.mjs`.
// Output (committed): world.geojson, china-provinces.geojson, districts.geojson.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import polygonClipping from 'polygon-clipping';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

// The pinned files: same values as basemap-sources.json in the shared reference data.
const sources = {
  world: {
    file: '@surbowl/world-geo-json-zh/world.zh.json',
    sha256: '763e5af050a343852ca4140f144ac433fa44751ac4d883051a306a229a22c90c',
  },
  provinces: {
    file: 'echarts/map/json/china.json',
    sha256: 'd392f651a48e6213c9bfc83f406711069de296c17f426cffc0ad1148078ee226',
  },
};

function readPinned({ file, sha256 }) {
  const bytes = readFileSync(require.resolve(file));
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) {
    throw new Error(`${file}: sha256 ${actual} is not the pinned ${sha256}. Install the versions in package.json (npm ci) or update the pin after reviewing the new geometry.`);
  }
  return JSON.parse(bytes.toString('utf8'));
}

// ~100 m at 3 decimals is finer than a wall pixel at national zoom and halves the files.
const round = (v, digits) => Number(v.toFixed(digits));
const roundRing = (ring, digits) => ring.map(([x, y]) => [round(x, digits), round(y, digits)]);
function roundGeometry(geometry, digits) {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map((r) => roundRing(r, digits)) };
  if (geometry.type === 'MultiPolygon') {
    return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map((r) => roundRing(r, digits))) };
  }
  throw new Error(`unexpected geometry type ${geometry.type}`);
}

// --- echarts 4.9.0 "UTF8Encoding" decoding (src/coord/geo/parseGeoJson.js) ---
function decodeRing(str, offsets, scale) {
  const out = [];
  let px = offsets[0];
  let py = offsets[1];
  for (let i = 0; i < str.length; i += 2) {
    let x = str.charCodeAt(i) - 64;
    let y = str.charCodeAt(i + 1) - 64;
    x = ((x >> 1) ^ -(x & 1)) + px;
    y = ((y >> 1) ^ -(y & 1)) + py;
    px = x;
    py = y;
    out.push([x / scale, y / scale]);
  }
  return out;
}
function signedArea(ring) {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}
// Closed rings, RFC 7946 winding (exterior counter-clockwise).
function fixRing(ring, exterior) {
  const first = ring[0];
  const last = ring.at(-1);
  if (first && (first[0] !== last[0] || first[1] !== last[1])) ring.push([...first]);
  const a = signedArea(ring);
  if ((exterior && a < 0) || (!exterior && a > 0)) ring.reverse();
  return ring;
}
const fixPolygon = (rings) => rings.map((r, i) => fixRing(r, i === 0)).filter((r) => r.length >= 4);

function decodeProvinces(src) {
  const scale = src.UTF8Scale ?? 1024;
  return src.features.map((f) => {
    const g = f.geometry;
    const coordinates =
      g.type === 'Polygon'
        ? [fixPolygon(g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i], scale)))]
        : g.coordinates.map((poly, i) => fixPolygon(poly.map((r, j) => decodeRing(r, g.encodeOffsets[i][j], scale))));
    return {
      type: 'Feature',
      properties: { adcode: String(f.properties.id ?? f.id), name: f.properties.name },
      geometry: { type: 'MultiPolygon', coordinates: coordinates.filter((p) => p.length) },
    };
  });
}

// --- District areas: a province with one directly-affiliated customs is its area; a
// province with several is split between their seats by Voronoi cells, each cell a
// convex polygon (exact half-plane clipping of a box) intersected with the province by
// polygon-clipping. Schematic, not the legal jurisdiction: see README.md.
function clipConvexByHalfPlane(ring, keep) {
  const out = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    const da = keep(a);
    const db = keep(b);
    if (da >= 0) out.push(a);
    if ((da >= 0) !== (db >= 0)) {
      const t = da / (da - db);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  return out;
}
function voronoiCell(polygons, seat, others) {
  let cell = [[60, 0], [150, 0], [150, 60], [60, 60]];
  for (const other of others) {
    // Points closer to `seat` than to `other` (a local equirectangular metric is enough here).
    const k = Math.cos((seat.lat * Math.PI) / 180);
    const nx = (other.lon - seat.lon) * k * k;
    const ny = other.lat - seat.lat;
    const mx = (seat.lon + other.lon) / 2;
    const my = (seat.lat + other.lat) / 2;
    cell = clipConvexByHalfPlane(cell, ([x, y]) => -((x - mx) * nx + (y - my) * ny));
  }
  return polygonClipping.intersection(polygons, [[[...cell, cell[0]]]]);
}

function buildDistricts(provinces, units) {
  const byProvince = new Map();
  for (const u of units) byProvince.set(u.province, [...(byProvince.get(u.province) ?? []), u]);
  const features = [];
  for (const [province, seats] of byProvince) {
    const p = provinces.find((f) => f.properties.name === province);
    if (!p) throw new Error(`province ${province} of the registry is not in the province geometry`);
    for (const seat of seats) {
      const polygons = seats.length === 1 ? p.geometry.coordinates : voronoiCell(p.geometry.coordinates, seat, seats.filter((s) => s !== seat));
      features.push({
        type: 'Feature',
        properties: { unit: seat.code, nameZh: seat.nameZh, nameEn: seat.nameEn, province, lat: seat.lat, lon: seat.lon, schematic: seats.length > 1 },
        geometry: roundGeometry({ type: 'MultiPolygon', coordinates: polygons }, 3),
      });
    }
  }
  return features;
}

const world = readPinned(sources.world);
const provinces = decodeProvinces(readPinned(sources.provinces));
// echarts adds Diaoyu Dao to Taiwan at runtime (src/coord/geo/fix/diaoyuIsland.js); the
// province layer must carry it too.
const taiwan = provinces.find((f) => f.properties.name === '台湾');
taiwan.geometry.coordinates.push(
  fixPolygon([[[123.4517, 25.7353], [123.4973, 25.7353], [123.4973, 25.7507], [123.4517, 25.7507], [123.4517, 25.7353]]]),
);
const registry = JSON.parse(readFileSync(join(here, '..', 'registry', 'customs-registry.json'), 'utf8'));

const outputs = {
  'world.geojson': {
    type: 'FeatureCollection',
    features: world.features.map((f) => ({
      type: 'Feature',
      properties: { name: f.properties.name, iso2: f.properties.iso_a2 },
      geometry: roundGeometry(f.geometry, 3),
    })),
  },
  'china-provinces.geojson': {
    type: 'FeatureCollection',
    features: provinces.map((f) => ({ ...f, geometry: roundGeometry(f.geometry, 3) })),
  },
  'districts.geojson': { type: 'FeatureCollection', features: buildDistricts(provinces, registry.units) },
};
for (const [name, data] of Object.entries(outputs)) {
  const text = JSON.stringify(data);
  writeFileSync(join(here, name), text + '\n');
  console.log(`${name}: ${data.features.length} features, ${text.length} bytes`);
}
