// Which names the map writes: the busiest ports of the view (TextLayer has no collision
// detection, so a label too close to a busier one is skipped) and, nationally, the
// partners that have a flow drawn.
import type { MapPartner, MapPort } from '../../../../shared/host/methods/map.js';
import type { LabelDatum } from '../layers/buildLayers.js';
import { unwrapLongitude } from './geo.js';

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
}

export function chooseLabels(input: LabelInput): LabelDatum[] {
  const drawable = [...input.ports].filter((p) => p.lat !== null && p.lon !== null && (input.national || p.unit === input.unit));
  const busiest = drawable.sort((a, b) => b.declarations - a.declarations || a.code.localeCompare(b.code));
  const spacing = input.national ? 1.6 : 0.25;
  const placed: MapPort[] = [];
  for (const p of busiest) {
    if (placed.length >= input.portLabels) break;
    if (placed.some((q) => Math.abs(q.lon! - p.lon!) < spacing * 2.5 && Math.abs(q.lat! - p.lat!) < spacing)) continue;
    placed.push(p);
  }
  const labels: LabelDatum[] = placed.map((p) => ({ position: [p.lon!, p.lat!], text: input.english ? p.nameEn : p.nameZh, weight: 'port' }));
  if (input.national) {
    for (const partner of input.partners) {
      if (!input.trading.has(partner.iso2)) continue;
      labels.push({ position: [unwrapLongitude(partner.lon, input.meridian), partner.lat], text: input.english ? partner.nameEn : partner.nameZh, weight: 'partner' });
    }
  }
  return labels;
}
