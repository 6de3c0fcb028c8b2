// Screenshots the tests keep (under e2e/output/) and checks that they show something.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';

export const outputDir = resolve(import.meta.dirname, 'output');

export function screenshotPath(name: string): string {
  mkdirSync(outputDir, { recursive: true });
  return join(outputDir, `${name}.png`);
}

export interface PixelStats {
  width: number;
  height: number;
  distinctColours: number;
  /** Share of pixels brighter than mid-grey (text, lines, markers). */
  brightShare: number;
}

/** Colour statistics of a rectangle of a PNG (the whole image by default). */
export function pixelStats(file: string, region?: { x: number; y: number; width: number; height: number }): PixelStats {
  const png = PNG.sync.read(readFileSync(file));
  const { x = 0, y = 0, width = png.width, height = png.height } = region ?? {};
  const colours = new Set<number>();
  let bright = 0;
  for (let row = y; row < y + height; row++) {
    for (let column = x; column < x + width; column++) {
      const i = (row * png.width + column) * 4;
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      colours.add((r << 16) | (g << 8) | b);
      if (r + g + b > 3 * 128) bright++;
    }
  }
  return { width: png.width, height: png.height, distinctColours: colours.size, brightShare: bright / (width * height) };
}
