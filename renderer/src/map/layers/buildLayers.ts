// The deck.gl layers of the map, from prepared data. Called when data or the view level
// changes (a few times a minute), never per animation frame: the particle layer reads the
// clock itself at draw time.
import type { Layer, PickingInfo } from '@deck.gl/core';
import { ArcLayer, GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { MapDistrict, MapPort } from '../../../../shared/host/methods/map.js';
import { districtRamp, healthColors, severityColors, type Rgba } from '../colors.js';
import type { FlowAttributes } from '../data/flowAttributes.js';
import { labelStyle } from '../data/labels.js';
import type { ParticleAttributes } from '../data/particleRing.js';
import type { DistrictIndicator, MapLevel } from '../mapStore.js';
import { ParticleLayer } from './ParticleLayer.js';

export interface DistrictFeature {
  type: 'Feature';
  properties: { unit: string; nameZh: string; nameEn: string };
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface LabelDatum {
  position: [number, number];
  text: string;
  weight: 'port' | 'partner' | 'district';
}

export interface LayerInputs {
  level: MapLevel;
  unit: string | null;
  port: string | null;
  districts: DistrictFeature[];
  districtValues: ReadonlyMap<string, MapDistrict>;
  indicator: DistrictIndicator;
  ports: MapPort[];
  flows: FlowAttributes;
  particles: ParticleAttributes;
  labels: LabelDatum[];
  getTime: () => number;
  /** CSS pixels per "wall pixel": 1 at 1080 rows, 2 at 2160. Keeps marks legible from 5 m. */
  uiScale: number;
  fontFamily: string;
  /** Bumped when any data above changed, for deck.gl's accessor diffing. */
  version: number;
}

/** Bow of the flow curves (share of their length): enough to tell imports from exports. */
const arcHeight = 0.15;

export const portColor = (port: MapPort): Rgba => (port.worstSeverity ? severityColors[port.worstSeverity] : healthColors[port.health]);

export function portRadius(declarations: number, maxDeclarations: number, uiScale: number): number {
  const share = maxDeclarations > 0 ? Math.sqrt(declarations / maxDeclarations) : 0;
  return (4 + 18 * share) * uiScale;
}

export function districtColor(value: number, max: number): Rgba {
  if (max <= 0 || value <= 0) return districtRamp[0]!;
  // Square root: a few huge districts would otherwise leave all others in the lowest step.
  const i = Math.min(districtRamp.length - 1, Math.floor(Math.sqrt(value / max) * districtRamp.length));
  return districtRamp[i]!;
}

export function buildLayers(input: LayerInputs): Layer[] {
  const maxDistrict = Math.max(0, ...[...input.districtValues.values()].map((d) => d[input.indicator]));
  const maxDeclarations = Math.max(0, ...input.ports.map((p) => p.declarations));
  const dim = (unit: string) => input.level !== 'national' && unit !== input.unit;
  const s = input.uiScale;

  return [
    new GeoJsonLayer<DistrictFeature['properties']>({
      id: 'districts',
      data: input.districts as never,
      pickable: input.level === 'national',
      // No outline: the basemap draws province borders, and the schematic cuts of
      // multi-district provinces leave zero-width seams a stroke would show.
      stroked: false,
      filled: true,
      getFillColor: (f) => {
        const unit = f.properties.unit;
        const c = districtColor(input.districtValues.get(unit)?.[input.indicator] ?? 0, maxDistrict);
        if (input.level === 'national') return c;
        return unit === input.unit ? [c[0] + 20, c[1] + 30, c[2] + 40, 215] : [c[0], c[1], c[2], 40];
      },
      autoHighlight: true,
      highlightColor: [255, 255, 255, 40],
      updateTriggers: { getFillColor: [input.version, input.indicator, input.level, input.unit] },
    }),
    new ArcLayer({
      id: 'flows',
      data: input.flows as never,
      pickable: true,
      getHeight: arcHeight,
      // Laid flat on the map: a curve seen from above, even with pitch 0.
      getTilt: 90,
      widthUnits: 'pixels',
      widthScale: s,
      numSegments: 32,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 120],
    }),
    new ParticleLayer({
      id: 'particles',
      data: input.particles as never,
      getHeight: arcHeight,
      getTilt: 90,
      getWidth: 3.5,
      widthUnits: 'pixels',
      widthScale: s,
      getCurrentTime: input.getTime,
      tailLength: 0.07,
      numSegments: 10,
    }),
    new ScatterplotLayer<MapPort>({
      id: 'ports',
      data: input.ports,
      pickable: true,
      stroked: true,
      filled: true,
      radiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      getPosition: (p) => [p.lon!, p.lat!],
      getRadius: (p) => portRadius(p.declarations, maxDeclarations, s) * (p.code === input.port ? 1.4 : 1),
      getFillColor: (p) => {
        const c = portColor(p);
        return dim(p.unit) ? [c[0], c[1], c[2], 70] : [c[0], c[1], c[2], 220];
      },
      getLineColor: (p) => (p.code === input.port ? [255, 255, 255, 255] : [8, 16, 28, 230]),
      getLineWidth: (p) => (p.code === input.port ? 3 * s : 1.5 * s),
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
      updateTriggers: {
        getRadius: [input.version, input.port, s],
        getFillColor: [input.version, input.level, input.unit],
        getLineColor: [input.port],
        getLineWidth: [input.port, s],
      },
    }),
    new TextLayer<LabelDatum>({
      id: 'labels',
      data: input.labels,
      characterSet: 'auto',
      fontFamily: input.fontFamily,
      fontWeight: 700,
      getPosition: (d) => d.position,
      getText: (d) => d.text,
      getSize: (d) => (d.weight === 'partner' ? labelStyle.partnerSize : labelStyle.portSize) * s,
      sizeUnits: 'pixels',
      getColor: (d) => (d.weight === 'partner' ? [190, 205, 225, 255] : [236, 242, 250, 255]),
      getPixelOffset: (d) => (d.weight === 'port' ? [0, -labelStyle.portLift * s] : [0, 0]),
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'bottom',
      background: true,
      getBackgroundColor: [7, 14, 26, 200],
      backgroundPadding: [labelStyle.padX * s, labelStyle.padY * s],
      updateTriggers: { getSize: [s], getPixelOffset: [s] },
    }),
  ];
}

/** What a hover or click hit, in map terms. */
export type MapPick =
  | { kind: 'port'; port: MapPort }
  | { kind: 'flow'; index: number }
  | { kind: 'district'; unit: string }
  | null;

export function describePick(info: PickingInfo): MapPick {
  if (!info.layer || info.index < 0) return null;
  switch (info.layer.id) {
    case 'ports':
      return info.object ? { kind: 'port', port: info.object as MapPort } : null;
    case 'flows':
      return { kind: 'flow', index: info.index };
    case 'districts': {
      const f = info.object as DistrictFeature | undefined;
      return f ? { kind: 'district', unit: f.properties.unit } : null;
    }
    default:
      return null;
  }
}
