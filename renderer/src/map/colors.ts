// Map colours, chosen to stay apart on a dark wall and for colour-blind viewers: stages and
// severities differ in lightness as well as hue, and the legend names every one.
import type { DeclarationStatus, Severity } from '../../../shared/central/records.js';
import type { PortHealth } from '../../../shared/host/methods/map.js';

export type Rgba = [number, number, number, number];

export const stageColors: Record<DeclarationStatus, Rgba> = {
  declared: [120, 200, 255, 255],
  screening: [56, 189, 248, 255],
  inspection: [245, 158, 11, 255],
  held: [239, 68, 68, 255],
  released: [34, 197, 94, 255],
  returned: [192, 132, 252, 255],
};

export const severityColors: Record<Severity, Rgba> = {
  info: [96, 165, 250, 255],
  warning: [249, 115, 22, 255],
  critical: [239, 35, 60, 255],
};

export const healthColors: Record<PortHealth, Rgba> = {
  ok: [45, 212, 191, 255],
  strained: [234, 179, 8, 255],
  // Violet, not red: red means a critical alert.
  stuck: [168, 85, 247, 255],
};

/** Imports arrive warm, exports leave cool: two hues that never meet in the stage palette. */
export const flowColors = {
  import: { source: [255, 196, 92, 30] as Rgba, target: [255, 170, 60, 200] as Rgba },
  export: { source: [94, 234, 212, 200] as Rgba, target: [45, 160, 220, 30] as Rgba },
};

/** Sequential ramp for district shading, low to high. */
export const districtRamp: Rgba[] = [
  [30, 58, 88, 170],
  [30, 84, 120, 175],
  [32, 110, 148, 180],
  [44, 138, 168, 185],
  [72, 168, 186, 190],
];

export const toCss = ([r, g, b, a]: Rgba): string => `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(2)})`;
