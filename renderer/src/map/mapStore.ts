// The map's state, in a vanilla zustand store: the controller (outside React) writes it,
// components select the few atoms they show. High-rate data (particles, arcs) is not
// here: it lives in typed arrays owned by the controller, so a data tick renders nothing.
import { createStore } from 'zustand/vanilla';
import type { MapOverview } from '../../../shared/host/methods/map.js';
import { districtIndicator, type DistrictIndicator, type FlowWidthBy, type MapScene } from '../../../shared/wall/scene.js';

export type { DistrictIndicator } from '../../../shared/wall/scene.js';
export type MapLevel = 'national' | 'district' | 'port';
export const districtIndicators: readonly DistrictIndicator[] = districtIndicator.options;
export const windowChoices = [15, 60, 240, 1440] as const;

export interface MapSettings {
  /** deck.gl's useDevicePixels: true (full DPR), false (CSS pixels) or a ratio cap. */
  useDevicePixels: boolean | number;
  /** Draw deck.gl into maplibre's WebGL context (interleaved) or in its own canvas above it. */
  interleaved: boolean;
  particleCapacity: number;
  /** Multiplies particle speed: below 1 for a calmer wall (the benchmark keeps all of them in flight). */
  particleSpeed: number;
  /** How many of the busiest ports get a name on the national view. */
  labelCount: number;
  /** The national view draws the biggest flows only (a wall is read from metres away); district views draw all of theirs. */
  maxFlows: number;
}

export interface MapStatus {
  /** Counted, never fatal: what the map could not draw. */
  portsWithoutCoordinates: number;
  unknownPartners: string[];
  declarationsNotDrawn: number;
  /** Particles spawned since start, and movements with no drawable route. */
  particlesSpawned: number;
  movementsNotDrawn: number;
}

export interface MapState {
  level: MapLevel;
  unit: string | null;
  port: string | null;
  windowMinutes: number;
  widthBy: FlowWidthBy;
  indicator: DistrictIndicator;
  overview: MapOverview | null;
  /** The basemap and the first data are drawn (e2e tests wait for it). */
  ready: boolean;
  error: string | null;
  status: MapStatus;
  settings: MapSettings;
}

export function defaultSettings(search: string): MapSettings {
  const params = new URLSearchParams(search);
  const dpr = params.get('useDevicePixels');
  return {
    useDevicePixels: dpr === null || dpr === 'true' ? true : dpr === 'false' ? false : Number(dpr) > 0 ? Number(dpr) : true,
    interleaved: params.get('interleaved') === 'true',
    particleCapacity: Math.max(100, Number(params.get('particles')) || 20_000),
    particleSpeed: Number(params.get('particleSpeed')) > 0 ? Number(params.get('particleSpeed')) : 1,
    labelCount: 12,
    maxFlows: Math.max(1, Number(params.get('maxFlows')) || 600),
  };
}

/** maplibre's pixel ratio for deck.gl's useDevicePixels setting (true: the screen's, false: CSS pixels, a number: capped). */
export function mapPixelRatio(useDevicePixels: boolean | number, devicePixelRatio: number): number {
  if (useDevicePixels === true) return devicePixelRatio;
  if (useDevicePixels === false) return 1;
  return Math.min(devicePixelRatio, useDevicePixels);
}

export function createMapStore(initial: Partial<MapState> = {}) {
  return createStore<MapState>()(() => ({
    level: 'national',
    unit: null,
    port: null,
    windowMinutes: 60,
    widthBy: 'declarations',
    indicator: 'declarations',
    overview: null,
    ready: false,
    error: null,
    status: { portsWithoutCoordinates: 0, unknownPartners: [], declarationsNotDrawn: 0, particlesSpawned: 0, movementsNotDrawn: 0 },
    settings: defaultSettings(''),
    ...initial,
  }));
}

export type MapStore = ReturnType<typeof createMapStore>;

/**
 * Where the map opens and how it aggregates: the wall's scene, then the URL (`?window=`,
 * handy on a test wall), then the center's scope (a district center opens on its
 * district), then the national defaults.
 */
export function startingView(
  scene: MapScene | undefined,
  scope: string | null,
  search: string,
): Pick<MapState, 'level' | 'unit' | 'port'> & Partial<Pick<MapState, 'windowMinutes' | 'widthBy' | 'indicator'>> {
  const fromUrl = Number(new URLSearchParams(search).get('window'));
  const windowMinutes = fromUrl > 0 ? Math.min(1440, Math.max(15, Math.round(fromUrl))) : scene?.windowMinutes;
  const unit = scene?.unit ?? (scope && scope !== '*' ? scope.slice(0, 2) : null);
  const view = scene?.port && unit ? { level: 'port' as const, unit, port: scene.port } : unit ? { level: 'district' as const, unit, port: null } : { level: 'national' as const, unit: null, port: null };
  return {
    ...view,
    ...(windowMinutes !== undefined ? { windowMinutes } : {}),
    ...(scene?.widthBy ? { widthBy: scene.widthBy } : {}),
    ...(scene?.indicator ? { indicator: scene.indicator } : {}),
  };
}

/** Where "back" goes from each level. */
export function parentLevel(state: Pick<MapState, 'level' | 'unit'>): { level: MapLevel; unit: string | null; port: null } {
  if (state.level === 'port' && state.unit !== null) return { level: 'district', unit: state.unit, port: null };
  return { level: 'national', unit: null, port: null };
}
