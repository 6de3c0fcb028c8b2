// Particles for recent declarations, in fixed typed arrays used as a ring: a new
// declaration overwrites the oldest slot in place, and the GPU animates every particle
// from its start time and duration (ParticleLayer), so nothing is touched per frame.
import type { DeclarationStatus } from '../../../../shared/central/records.js';
import { stageColors } from '../colors.js';

export interface ParticleSpawn {
  from: readonly [number, number];
  to: readonly [number, number];
  status: DeclarationStatus;
  /** Seconds on the ring's clock. */
  start: number;
  duration: number;
}

export interface ParticleAttributes {
  length: number;
  attributes: {
    getSourcePosition: { value: Float32Array; size: 2 };
    getTargetPosition: { value: Float32Array; size: 2 };
    getSourceColor: { value: Uint8Array; size: 4; normalized: true };
    getTargetColor: { value: Uint8Array; size: 4; normalized: true };
    getTiming: { value: Float32Array; size: 2 };
  };
}

export class ParticleRing {
  readonly capacity: number;
  private readonly source: Float32Array;
  private readonly target: Float32Array;
  private readonly color: Uint8Array;
  private readonly timing: Float32Array;
  private next = 0;
  private used = 0;
  /** Bumped on every write; the layer re-uploads only when it moved. */
  version = 0;
  private cached: { version: number; data: ParticleAttributes } | null = null;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0) throw new RangeError(`particle capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.source = new Float32Array(capacity * 2);
    this.target = new Float32Array(capacity * 2);
    this.color = new Uint8Array(capacity * 4);
    // Unused slots start "finished" so they are never drawn.
    this.timing = new Float32Array(capacity * 2).fill(-1e9);
    for (let i = 0; i < capacity; i++) this.timing[i * 2 + 1] = 1;
  }

  get size(): number {
    return this.used;
  }

  push(p: ParticleSpawn): void {
    const i = this.next;
    this.source[i * 2] = p.from[0];
    this.source[i * 2 + 1] = p.from[1];
    this.target[i * 2] = p.to[0];
    this.target[i * 2 + 1] = p.to[1];
    this.color.set(stageColors[p.status], i * 4);
    this.timing[i * 2] = p.start;
    this.timing[i * 2 + 1] = Math.max(p.duration, 0.001);
    this.next = (i + 1) % this.capacity;
    this.used = Math.min(this.used + 1, this.capacity);
    this.version += 1;
  }

  /** Particles still moving (or with a tail still visible) at `now`. */
  activeAt(now: number, tail: number): number {
    let n = 0;
    for (let i = 0; i < this.used; i++) {
      const t = (now - this.timing[i * 2]!) / this.timing[i * 2 + 1]!;
      if (t >= 0 && t <= 1 + tail) n += 1;
    }
    return n;
  }

  /**
   * deck.gl binary data over the ring's arrays. A fresh view object per version makes
   * deck.gl re-upload the changed buffers; the arrays themselves are never reallocated.
   */
  attributes(): ParticleAttributes {
    if (this.cached?.version === this.version) return this.cached.data;
    const data: ParticleAttributes = {
      // Slots fill from 0 before the ring wraps: only those are drawn.
      length: this.used,
      attributes: {
        getSourcePosition: { value: this.source.subarray(0), size: 2 },
        getTargetPosition: { value: this.target.subarray(0), size: 2 },
        // One colour per particle: the stage it reached.
        getSourceColor: { value: this.color.subarray(0), size: 4, normalized: true },
        getTargetColor: { value: this.color.subarray(0), size: 4, normalized: true },
        getTiming: { value: this.timing.subarray(0), size: 2 },
      },
    };
    this.cached = { version: this.version, data };
    return data;
  }
}
