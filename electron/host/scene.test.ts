import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { CustomsRegistry } from './registry.js';
import { resolveScene } from './scene.js';

const registry = CustomsRegistry.load(join(import.meta.dirname, '..', '..', 'resources', 'registry', 'customs-registry.json'));

describe('resolveScene', () => {
  it('fills in the unit of a scene that opens on a port, and keeps the rest', () => {
    expect(resolveScene({ map: { port: 'CNYGS', windowMinutes: 240, indicator: 'held' } }, '*', registry)).toEqual({
      map: { port: 'CNYGS', unit: '22', windowMinutes: 240, indicator: 'held' },
    });
    expect(resolveScene({ map: { unit: '22', port: 'CNYGS' } }, '22', registry).map?.unit).toBe('22');
    expect(resolveScene({ map: { unit: '53' } }, '5301', registry).map?.unit).toBe('53');
    expect(resolveScene({}, '53', registry)).toEqual({});
  });

  it('refuses unknown units and ports, a port of another unit, and a unit outside the scope', () => {
    expect(() => resolveScene({ map: { unit: '99' } }, '*', registry)).toThrow(ConfigError);
    expect(() => resolveScene({ map: { port: 'CNXXX' } }, '*', registry)).toThrow(/CNXXX is not a port/);
    expect(() => resolveScene({ map: { unit: '53', port: 'CNYGS' } }, '*', registry)).toThrow(/belongs to customs 22/);
    expect(() => resolveScene({ map: { port: 'CNYGS' } }, '53', registry)).toThrow(/outside this center's scope 53/);
  });
});
