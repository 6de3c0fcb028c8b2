// Checks a wall's scene against the registry and the center's scope before anything
// starts: a wall configured for a unit or port it cannot see would open on an empty
// map, so it is refused with a line that says why.
import type { WallScene } from '../../shared/wall/scene.js';
import { ConfigError } from './config.js';
import type { CustomsRegistry } from './registry.js';

export function resolveScene(scene: WallScene, scope: string, registry: CustomsRegistry): WallScene {
  const map = scene.map;
  if (!map) return scene;
  let unit = map.unit;
  if (unit !== undefined && !registry.hasUnit(unit)) throw new ConfigError(`scene.map.unit ${unit} is not a directly-affiliated customs in the registry.`);
  if (map.port !== undefined) {
    const portUnit = registry.portUnit(map.port);
    if (portUnit === null) throw new ConfigError(`scene.map.port ${map.port} is not a port in the registry.`);
    if (unit !== undefined && unit !== portUnit) throw new ConfigError(`scene.map.port ${map.port} belongs to customs ${portUnit}, not to scene.map.unit ${unit}.`);
    unit = portUnit;
  }
  if (unit !== undefined && scope !== '*' && unit !== scope.slice(0, 2)) {
    throw new ConfigError(`scene.map opens on customs ${unit}, outside this center's scope ${scope}.`);
  }
  return { ...scene, map: { ...map, ...(unit !== undefined ? { unit } : {}) } };
}
