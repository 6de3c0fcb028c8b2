import { describe, expect, it } from 'vitest';
import { defaultSettings, mapPixelRatio, parentLevel, startingView } from './mapStore.js';

describe('map store helpers', () => {
  it('goes back port → district → national', () => {
    expect(parentLevel({ level: 'port', unit: '22' })).toEqual({ level: 'district', unit: '22', port: null });
    expect(parentLevel({ level: 'district', unit: '22' })).toEqual({ level: 'national', unit: null, port: null });
  });

  it('reads the measured settings from the query string', () => {
    expect(defaultSettings('').useDevicePixels).toBe(true);
    expect(defaultSettings('?useDevicePixels=false').useDevicePixels).toBe(false);
    expect(defaultSettings('?useDevicePixels=1.5&interleaved=true&particles=500')).toMatchObject({ useDevicePixels: 1.5, interleaved: true, particleCapacity: 500 });
  });

  it('gives the basemap the same pixel ratio as the deck.gl layers', () => {
    expect(mapPixelRatio(true, 2)).toBe(2);
    expect(mapPixelRatio(false, 2)).toBe(1);
    expect(mapPixelRatio(1.5, 2)).toBe(1.5);
    expect(mapPixelRatio(3, 2)).toBe(2);
  });
});

describe('startingView', () => {
  it('opens where the scene says, with its window, width and indicator', () => {
    expect(startingView({ unit: '22', port: 'CNYGS', windowMinutes: 240, widthBy: 'valueUsd', indicator: 'held' }, '*', '')).toEqual({
      level: 'port',
      unit: '22',
      port: 'CNYGS',
      windowMinutes: 240,
      widthBy: 'valueUsd',
      indicator: 'held',
    });
    expect(startingView({ unit: '53' }, '*', '')).toEqual({ level: 'district', unit: '53', port: null });
  });

  it("falls back to the center's district, then national; ?window= wins over the scene", () => {
    expect(startingView(undefined, '5301', '')).toEqual({ level: 'district', unit: '53', port: null });
    expect(startingView({}, '*', '')).toEqual({ level: 'national', unit: null, port: null });
    expect(startingView({ windowMinutes: 240 }, '*', '?window=15').windowMinutes).toBe(15);
    expect(startingView(undefined, null, '?window=99999').windowMinutes).toBe(1440);
    expect(startingView(undefined, null, '?window=abc').windowMinutes).toBeUndefined();
  });
});
