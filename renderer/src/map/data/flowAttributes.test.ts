import { describe, expect, it } from 'vitest';
import type { MapFlow } from '../../../../shared/host/methods/map.js';
import { buildFlowAttributes, flowWeight, maxFlowWidth, minFlowWidth } from './flowAttributes.js';

const ports = new Map([
  ['CNYGS', { lat: 30.6, lon: 122.1 }],
  ['CNXXX', { lat: null, lon: null }],
]);
const partners = new Map([
  ['US', { lat: 33.7, lon: 241.7 }],
  ['DE', { lat: 53.5, lon: 10 }],
]);
const flow = (partner: string, port: string, direction: 'import' | 'export', declarations: number): MapFlow => ({
  partner,
  port,
  direction,
  declarations,
  valueUsd: declarations * 10,
});

describe('buildFlowAttributes', () => {
  it('packs flows into typed arrays, imports partner→port and exports port→partner', () => {
    const { data, skipped } = buildFlowAttributes([flow('US', 'CNYGS', 'import', 100), flow('DE', 'CNYGS', 'export', 1)], ports, partners, 'declarations');
    expect(skipped).toBe(0);
    expect(data.length).toBe(2);
    expect(Array.from(data.attributes.getSourcePosition.value)).toEqual([241.7, 33.7, 122.1, 30.6].map(Math.fround));
    expect(Array.from(data.attributes.getTargetPosition.value)).toEqual([122.1, 30.6, 10, 53.5].map(Math.fround));
    const width = data.attributes.getWidth.value;
    expect(width[0]).toBeCloseTo(maxFlowWidth);
    expect(width[1]!).toBeGreaterThan(minFlowWidth);
    expect(width[1]!).toBeLessThan(width[0]!);
    expect(data.attributes.getSourceColor.value).toHaveLength(8);
  });

  it('skips and counts flows with a port without a point or an unknown partner', () => {
    const { data, skipped } = buildFlowAttributes([flow('US', 'CNXXX', 'import', 5), flow('ZZ', 'CNYGS', 'import', 5), flow('DE', 'CNYGS', 'import', 5)], ports, partners, 'valueUsd');
    expect(skipped).toBe(2);
    expect(data.flows.map((f) => f.partner)).toEqual(['DE']);
  });

  it('handles no flows at all', () => {
    const { data, skipped } = buildFlowAttributes([], ports, partners, 'declarations');
    expect([data.length, skipped, data.attributes.getWidth.value.length]).toEqual([0, 0, 0]);
  });
});

describe('flowWeight', () => {
  it('is a log share of the biggest flow', () => {
    expect(flowWeight(0, 100)).toBe(0);
    expect(flowWeight(100, 100)).toBe(1);
    expect(flowWeight(10, 100)).toBeCloseTo(Math.log1p(10) / Math.log1p(100));
  });
});
