import { describe, expect, it } from 'vitest';
import { extendBounds, geometryBounds, particleDuration, unwrapLongitude } from './geo.js';

describe('geo helpers', () => {
  it('unwraps a partner longitude so the arc takes the short way', () => {
    expect(unwrapLongitude(-118.26, 105)).toBeCloseTo(241.74);
    expect(unwrapLongitude(9.98, 105)).toBeCloseTo(9.98);
    expect(unwrapLongitude(400, 105)).toBeCloseTo(40);
  });

  it('bounds a multipolygon and extends by points', () => {
    const b = geometryBounds({ type: 'MultiPolygon', coordinates: [[[[100, 20], [110, 20], [110, 30], [100, 20]]], [[[120, 25], [121, 25], [121, 26], [120, 25]]]] });
    expect(b).toEqual([[100, 20], [121, 30]]);
    expect(extendBounds(b, [[99, 35]])).toEqual([[99, 20], [121, 35]]);
    expect(extendBounds(null, [])).toBeNull();
  });

  it('gives long routes longer, bounded flights', () => {
    expect(particleDuration([120, 30], [121, 30])).toBeLessThan(particleDuration([120, 30], [240, 30]));
    expect(particleDuration([0, 0], [300, 0])).toBe(9);
  });
});
