import { describe, expect, it } from 'vitest';
import { stageColors } from '../colors.js';
import { ParticleRing } from './particleRing.js';

const spawn = (start: number, status: 'held' | 'released' = 'held') => ({ from: [100, 20] as const, to: [120, 30] as const, status, start, duration: 2 });

describe('ParticleRing', () => {
  it('writes particles in place and overwrites the oldest when full', () => {
    const ring = new ParticleRing(3);
    const before = ring.attributes();
    ring.push(spawn(1));
    ring.push(spawn(2));
    ring.push(spawn(3));
    ring.push(spawn(4, 'released'));
    expect(ring.size).toBe(3);
    const after = ring.attributes();
    // Same memory, new views: deck.gl re-uploads, nothing is reallocated.
    expect(after.attributes.getTiming.value.buffer).toBe(before.attributes.getTiming.value.buffer);
    expect(after.attributes.getTiming.value).not.toBe(before.attributes.getTiming.value);
    expect(Array.from(after.attributes.getTiming.value.filter((_, i) => i % 2 === 0))).toEqual([4, 2, 3]);
    expect(Array.from(after.attributes.getSourceColor.value.slice(0, 4))).toEqual(stageColors.released);
  });

  it('returns the same views while nothing changed', () => {
    const ring = new ParticleRing(2);
    ring.push(spawn(1));
    expect(ring.attributes()).toBe(ring.attributes());
  });

  it('counts particles in flight, unused slots never', () => {
    const ring = new ParticleRing(10);
    ring.push(spawn(0));
    ring.push(spawn(5));
    expect(ring.activeAt(1, 0.1)).toBe(1);
    expect(ring.activeAt(6, 0.1)).toBe(1);
    expect(ring.activeAt(100, 0.1)).toBe(0);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new ParticleRing(0)).toThrow(RangeError);
  });
});
