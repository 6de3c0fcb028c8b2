// Which names the map writes: the busiest ports of the view and, nationally, the partners
// that have a flow drawn. A label whose box would overlap one already placed is skipped,
// busiest port first, partners last. Boxes are measured in screen pixels at the current
// camera (recomputed when the map stops moving), so long English names and dense coasts
// never stack up; without a camera, a distance in degrees stands in.
import type { MapPartner, MapPort } from '../../../../shared/host/methods/map.js';
import type { LabelDatum } from '../layers/buildLayers.js';
import { unwrapLongitude } from './geo.js';

/** Label font sizes and the port label's lift above its dot, in CSS px before the UI scale. */
export const labelStyle = { portSize: 17, partnerSize: 15, portLift: 14, padX: 4, padY: 2, margin: 4 } as const;

export interface LabelInput {
  ports: Iterable<MapPort>;
  partners: Iterable<MapPartner>;
  /** Partners with a flow drawn. */
  trading: ReadonlySet<string>;
  national: boolean;
  unit: string | null;
  portLabels: number;
  english: boolean;
  /** Partner longitudes are unwrapped towards this meridian, like their arcs. */
  meridian: number;
  /** The map's projection to CSS pixels at the current camera, when there is one. */
  project?: (lon: number, lat: number) => { x: number; y: number };
  /** The map's UI scale (text grows with the canvas height). */
  scale?: number;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Rough advance width: CJK glyphs are square, Latin ones a bit over half the size. */
export function textWidth(text: string, size: number): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? size : size * 0.58;
  return width;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

export function chooseLabels(input: LabelInput): LabelDatum[] {
  const drawable = [...input.ports].filter((p) => p.lat !== null && p.lon !== null && (input.national || p.unit === input.unit));
  const busiest = drawable.sort((a, b) => b.declarations - a.declarations || a.code.localeCompare(b.code));
  const s = input.scale ?? 1;
  const placedBoxes: Box[] = [];
  // The box a label covers on screen: centred on its point, above it (bottom baseline).
  const fits = (lon: number, lat: number, text: string, size: number, lift: number): boolean => {
    if (!input.project) return true;
    const { x, y } = input.project(lon, lat);
    const halfWidth = textWidth(text, size * s) / 2 + (labelStyle.padX + labelStyle.margin) * s;
    const bottom = y - lift * s + (labelStyle.padY + labelStyle.margin) * s;
    const box = { left: x - halfWidth, right: x + halfWidth, top: bottom - (size * 1.25 + 2 * (labelStyle.padY + labelStyle.margin)) * s, bottom };
    if (placedBoxes.some((b) => overlaps(b, box))) return false;
    placedBoxes.push(box);
    return true;
  };

  const spacing = input.national ? 1.6 : 0.25;
  const placed: MapPort[] = [];
  const labels: LabelDatum[] = [];
  for (const p of busiest) {
    if (placed.length >= input.portLabels) break;
    const text = input.english ? p.nameEn : p.nameZh;
    if (!input.project && placed.some((q) => Math.abs(q.lon! - p.lon!) < spacing * 2.5 && Math.abs(q.lat! - p.lat!) < spacing)) continue;
    if (!fits(p.lon!, p.lat!, text, labelStyle.portSize, labelStyle.portLift)) continue;
    placed.push(p);
    labels.push({ position: [p.lon!, p.lat!], text, weight: 'port' });
  }
  if (input.national) {
    for (const partner of input.partners) {
      if (!input.trading.has(partner.iso2)) continue;
      const lon = unwrapLongitude(partner.lon, input.meridian);
      const text = input.english ? partner.nameEn : partner.nameZh;
      if (!fits(lon, partner.lat, text, labelStyle.partnerSize, 0)) continue;
      labels.push({ position: [lon, partner.lat], text, weight: 'partner' });
    }
  }
  return labels;
}
