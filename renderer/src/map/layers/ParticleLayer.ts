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

// Patches to ArcLayer's vertex shader (arc-layer-vertex.glsl in @deck.gl/layers): the
// segment ratio runs from the comet's tail to its head; a particle not yet started or
// finished goes outside the clip volume; the tail fades.
const particlePatches: [RegExp, string][] = [
  [
    /float getSegmentRatio\(float index\) \{[\s\S]*?\n\}/,
    `\
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
}`,
  ],
  [
    /DECKGL_FILTER_GL_POSITION\(curr, geometry\);/,
    'if (particleVisible < 0.5) { curr = vec4(0.0, 0.0, 2.0, 1.0); }\nDECKGL_FILTER_GL_POSITION(curr, geometry);',
  ],
  [
    /DECKGL_FILTER_COLOR\(vColor, geometry\);/,
    'vColor.a *= mix(0.15, 1.0, smoothstep(particleTail, max(particleHead, particleTail + 1e-4), segmentRatio));\nDECKGL_FILTER_COLOR(vColor, geometry);',
  ],
];

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
    let vs = String(shaders.vs);
    for (const [pattern, replacement] of particlePatches) {
      if (!pattern.test(vs)) {
        throw new Error(`ParticleLayer: the ArcLayer vertex shader changed (${pattern.source} not found); update layers/ParticleLayer.ts`);
      }
      vs = vs.replace(pattern, replacement);
    }
    return { ...shaders, vs, modules: [...shaders.modules, particleUniforms] };
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
