// Flows as deck.gl binary attributes: one typed array per attribute, filled in one pass,
// so 50,000 arcs reach the GPU without an object per arc. Width grows with the log of
// the count (or value), so a port with a hundred times more traffic is wider, not a wall.
import type { MapFlow, MapPartner, MapPort } from '../../../../shared/host/methods/map.js';
import type { FlowWidthBy } from '../../../../shared/wall/scene.js';
import { flowColors } from '../colors.js';

export type { FlowWidthBy } from '../../../../shared/wall/scene.js';

export interface FlowAttributes {
  length: number;
  /** The flows in attribute order, for picking (index → flow). */
  flows: MapFlow[];
  attributes: {
    getSourcePosition: { value: Float32Array; size: 2 };
    getTargetPosition: { value: Float32Array; size: 2 };
    getSourceColor: { value: Uint8Array; size: 4; normalized: true };
    getTargetColor: { value: Uint8Array; size: 4; normalized: true };
    getWidth: { value: Float32Array; size: 1 };
  };
}

export interface FlowBuildResult {
  data: FlowAttributes;
  /** Flows whose port or partner has no point (never drawn, always counted). */
  skipped: number;
}

export const minFlowWidth = 1;
export const maxFlowWidth = 9;

/** 0..1 share of the biggest flow, on a log scale. */
export function flowWeight(amount: number, maxAmount: number): number {
  if (amount <= 0 || maxAmount <= 0) return 0;
  return Math.log1p(amount) / Math.log1p(maxAmount);
}

export function buildFlowAttributes(
  flows: readonly MapFlow[],
  ports: ReadonlyMap<string, Pick<MapPort, 'lat' | 'lon'>>,
  partners: ReadonlyMap<string, Pick<MapPartner, 'lat' | 'lon'>>,
  widthBy: FlowWidthBy,
): FlowBuildResult {
  const drawable: MapFlow[] = [];
  let skipped = 0;
  let maxAmount = 0;
  for (const flow of flows) {
    const port = ports.get(flow.port);
    const partner = partners.get(flow.partner);
    if (!port || port.lat === null || port.lon === null || !partner) {
      skipped += 1;
      continue;
    }
    drawable.push(flow);
    maxAmount = Math.max(maxAmount, flow[widthBy]);
  }
  const n = drawable.length;
  const source = new Float32Array(n * 2);
  const target = new Float32Array(n * 2);
  const sourceColor = new Uint8Array(n * 4);
  const targetColor = new Uint8Array(n * 4);
  const width = new Float32Array(n);
  drawable.forEach((flow, i) => {
    const port = ports.get(flow.port)!;
    const partner = partners.get(flow.partner)!;
    const [from, to] = flow.direction === 'import' ? [partner, port] : [port, partner];
    source[i * 2] = from.lon!;
    source[i * 2 + 1] = from.lat!;
    target[i * 2] = to.lon!;
    target[i * 2 + 1] = to.lat!;
    // Small flows fade back so the big ones read from across the room.
    const weight = flowWeight(flow[widthBy], maxAmount);
    const colors = flowColors[flow.direction];
    sourceColor.set(colors.source, i * 4);
    targetColor.set(colors.target, i * 4);
    sourceColor[i * 4 + 3] = Math.round(colors.source[3] * (0.3 + 0.7 * weight));
    targetColor[i * 4 + 3] = Math.round(colors.target[3] * (0.3 + 0.7 * weight));
    width[i] = minFlowWidth + weight * (maxFlowWidth - minFlowWidth);
  });
  return {
    data: {
      length: n,
      flows: drawable,
      attributes: {
        getSourcePosition: { value: source, size: 2 },
        getTargetPosition: { value: target, size: 2 },
        getSourceColor: { value: sourceColor, size: 4, normalized: true },
        getTargetColor: { value: targetColor, size: 4, normalized: true },
        getWidth: { value: width, size: 1 },
      },
    },
    skipped,
  };
}
