import { describe, expect, it } from 'vitest';
import { defaultSettings, parentLevel } from './mapStore.js';

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
});
