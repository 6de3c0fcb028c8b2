// Particles that travel along the flow arcs: an ArcLayer whose segments are squeezed into
// a short comet between `head` and `head - tailLength` of the same curve, so a particle
// lies exactly on its flow arc. Position comes from each particle's start time and
// duration and one `currentTime` uniform read at draw time: animating costs no attribute
// upload, no new layer and no React render.
import type { DefaultProps } from '@deck.gl/core';
import { ArcLayer, type ArcLayerProps } from '@deck.gl/layers';

const particleUniforms = {
  name: 'particle',
  vs: `\
layout(std140) uniform particleUniforms {
  float currentTime;
  float tailLength;
} particle;
`,
  uniformTypes: { currentTime: 'f32', tailLength: 'f32' },
} as const;

// Replaces ArcLayer's getSegmentRatio (see arc-layer-vertex.glsl in @deck.gl/layers).
const segmentRatioPattern = /float getSegmentRatio\(float index\) \{[\s\S]*?\n\}/;
const particleSegmentRatio = `\
in vec2 instanceTiming;
float particleHead;
float particleTail;
float particleVisible;
float getSegmentRatio(float index) {
  float t = (particle.currentTime - instanceTiming.x) / instanceTiming.y;
  particleVisible = (t >= 0.0 && t <= 1.0 + particle.tailLength) ? 1.0 : 0.0;
  particleHead = clamp(t, 0.0, 1.0);
  particleTail = clamp(t - particle.tailLength, 0.0, 1.0);
  return mix(particleTail, particleHead, index / (arc.numSegments - 1.0));
}`;

export interface ParticleLayerProps<D = unknown> extends ArcLayerProps<D> {
  /** Seconds on the same clock as the particles' start times; called once per draw. */
  getCurrentTime: () => number;
  /** Comet length as a share of the whole arc. */
  tailLength: number;
  getTiming?: ArcLayerProps<D>['getWidth'];
}

const defaultProps: DefaultProps<ParticleLayerProps> = {
  getCurrentTime: { type: 'function', value: () => 0 },
  tailLength: { type: 'number', value: 0.12, min: 0 },
  numSegments: { type: 'number', value: 10, min: 2 },
};

export class ParticleLayer<D = unknown> extends ArcLayer<D, ParticleLayerProps<D>> {
  static override layerName = 'ParticleLayer';
  static override defaultProps = defaultProps as DefaultProps<ArcLayerProps>;

  override getShaders() {
    const shaders = super.getShaders();
    const vs = String(shaders.vs);
    if (!segmentRatioPattern.test(vs)) {
      throw new Error('ParticleLayer: the ArcLayer vertex shader changed (no getSegmentRatio to replace); update layers/ParticleLayer.ts');
    }
    return {
      ...shaders,
      vs: vs.replace(segmentRatioPattern, particleSegmentRatio),
      modules: [...shaders.modules, particleUniforms],
      inject: {
        ...shaders.inject,
        // A particle that has not started or has finished is moved outside the clip volume.
        'vs:DECKGL_FILTER_GL_POSITION': 'if (particleVisible < 0.5) { position = vec4(0.0, 0.0, 2.0, 1.0); }',
        // Bright head, fading tail.
        'vs:DECKGL_FILTER_COLOR': 'color.a *= mix(0.15, 1.0, smoothstep(particleTail, max(particleHead, particleTail + 1e-4), geometry.uv.x));',
      },
    };
  }

  override initializeState() {
    super.initializeState();
    this.getAttributeManager()!.addInstanced({
      instanceTiming: { size: 2, accessor: 'getTiming', defaultValue: [-1e9, 1] },
    });
  }

  override draw(options: { uniforms: unknown }) {
    this.state.model?.shaderInputs.setProps({
      particle: { currentTime: this.props.getCurrentTime(), tailLength: this.props.tailLength },
    });
    super.draw(options);
  }
}
