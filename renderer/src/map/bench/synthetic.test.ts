import { describe, expect, it } from 'vitest';
import { benchSizes, sizesFromQuery, syntheticTraffic } from './synthetic.js';

describe('synthetic benchmark traffic', () => {
  it('has the issue’s sizes and is the same on every call', () => {
    const a = syntheticTraffic();
    expect([a.overview.ports.length, a.overview.flows.length, a.movements.length]).toEqual([700, 50_000, 20_000]);
    const b = syntheticTraffic();
    expect(b.overview.flows[12_345]).toEqual(a.overview.flows[12_345]);
    expect(b.movements[999]).toEqual(a.movements[999]);
  });

  it('every flow and movement joins a port and a partner', () => {
    const { overview, movements } = syntheticTraffic({ ports: 50, flows: 3_000, particles: 500 });
    const ports = new Set(overview.ports.map((p) => p.code));
    const partners = new Set(overview.partners.map((p) => p.iso2));
    expect(overview.flows.every((f) => ports.has(f.port) && partners.has(f.partner))).toBe(true);
    expect(movements.every((m) => ports.has(m.port) && partners.has(m.partner))).toBe(true);
  });

  it('reads smaller sizes from the query string', () => {
    expect(sizesFromQuery('?flows=5000&particles=2000')).toEqual({ ports: benchSizes.ports, flows: 5000, particles: 2000 });
    expect(sizesFromQuery('')).toEqual(benchSizes);
  });
});
