// Small geometry helpers for camera moves and arcs; no map library needed to test them.

export type Bounds = [[number, number], [number, number]];

/** China's extent including the South China Sea islands: the national view. */
export const nationalBounds: Bounds = [
  [73.4, 3.5],
  [135.1, 53.6],
];

/** A partner's longitude moved by ±360° so the arc to `towards` takes the short way round. */
export function unwrapLongitude(lon: number, towards: number): number {
  let out = lon;
  while (out - towards > 180) out -= 360;
  while (out - towards < -180) out += 360;
  return out;
}

type Position = number[];
type Geometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

export function geometryBounds(geometry: Geometry): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x === undefined || y === undefined) continue;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return Number.isFinite(minX) ? [[minX, minY], [maxX, maxY]] : null;
}

export function extendBounds(bounds: Bounds | null, points: readonly (readonly [number, number])[]): Bounds | null {
  let out = bounds ? ([[...bounds[0]], [...bounds[1]]] as Bounds) : null;
  for (const [x, y] of points) {
    if (!out) out = [[x, y], [x, y]];
    else {
      out[0][0] = Math.min(out[0][0], x);
      out[0][1] = Math.min(out[0][1], y);
      out[1][0] = Math.max(out[1][0], x);
      out[1][1] = Math.max(out[1][1], y);
    }
  }
  return out;
}

/** Seconds a particle takes along an arc: long routes take longer, within bounds. */
export function particleDuration(from: readonly [number, number], to: readonly [number, number]): number {
  const d = Math.hypot(to[0] - from[0], to[1] - from[1]);
  return Math.min(9, 2.5 + d / 25);
}

/** A declaration's route: partner → port for imports, port → partner for exports. */
export function movementRoute(
  direction: 'import' | 'export',
  port: { lon: number; lat: number },
  partner: { lon: number; lat: number },
  meridian: number,
): { from: [number, number]; to: [number, number] } {
  const portPoint: [number, number] = [port.lon, port.lat];
  const partnerPoint: [number, number] = [unwrapLongitude(partner.lon, meridian), partner.lat];
  return direction === 'import' ? { from: partnerPoint, to: portPoint } : { from: portPoint, to: partnerPoint };
}
