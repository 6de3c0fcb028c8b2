import { describe, expect, it } from 'vitest';
import type { MapPartner, MapPort } from '../../../../shared/host/methods/map.js';
import { chooseLabels, textWidth } from './labels.js';

function port(code: string, lon: number, lat: number, declarations: number, nameEn = `Port ${code}`): MapPort {
  return { code, nameZh: `${code}港`, nameEn, unit: '22', type: 'sea', lat, lon, declarations } as MapPort;
}
const partner = (iso2: string, lon: number, lat: number): MapPartner => ({ iso2, nameZh: iso2, nameEn: `Country ${iso2}`, lon, lat });
// 100 px per degree, y down: a plain projection is enough to place boxes.
const project = (lon: number, lat: number) => ({ x: lon * 100, y: -lat * 100 });
const base = { partners: [], trading: new Set<string>(), national: true, unit: null, portLabels: 10, english: true, meridian: 105, project };

describe('chooseLabels', () => {
  it('skips a port whose label box would overlap a busier one on screen, and keeps one that is clear', () => {
    const labels = chooseLabels({
      ...base,
      ports: [port('A', 120, 30, 100, 'Ningbo-Zhoushan Port – Ningbo (Beilun)'), port('B', 121.5, 30.05, 90), port('C', 120, 31, 80)],
    });
    // B sits 150 px to the right of A, under A's ~330 px wide English label; C is 100 px above it.
    expect(labels.map((l) => l.text)).toEqual(['Ningbo-Zhoushan Port – Ningbo (Beilun)', 'Port C']);
  });

  it('places short Chinese names where long English ones collide', () => {
    const ports = [port('A', 120, 30, 100, 'Ningbo-Zhoushan Port – Ningbo (Beilun)'), port('B', 121.5, 30.05, 90)];
    expect(chooseLabels({ ...base, ports, english: false }).map((l) => l.text)).toEqual(['A港', 'B港']);
  });

  it('writes trading partners after the ports, never over them, and respects the port budget', () => {
    const labels = chooseLabels({
      ...base,
      portLabels: 1,
      ports: [port('A', 120, 30, 100), port('D', 100, 40, 50)],
      partners: [partner('JP', 120.1, 30), partner('US', -118, 34), partner('XX', 10, 10)],
      trading: new Set(['JP', 'US']),
    });
    expect(labels.map((l) => [l.text, l.weight])).toEqual([
      ['Port A', 'port'],
      ['Country US', 'partner'],
    ]);
    // US is unwrapped east of the date line, towards China.
    expect(labels[1]!.position[0]).toBeCloseTo(242);
  });

  it('falls back to a distance in degrees without a camera', () => {
    const labels = chooseLabels({ ...base, project: undefined, ports: [port('A', 120, 30, 100), port('B', 121, 30.5, 90), port('C', 110, 30, 80)] });
    expect(labels.map((l) => l.text)).toEqual(['Port A', 'Port C']);
  });

  it('measures CJK glyphs as squares and Latin ones narrower', () => {
    expect(textWidth('上海港', 10)).toBe(30);
    expect(textWidth('Port', 10)).toBeCloseTo(23.2);
  });
});
