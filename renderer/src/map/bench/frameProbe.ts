// Frame timing for the render benchmark: gaps between deck.gl's consecutive renders while
// it animates every frame, collected in the page and read by the benchmark runner.

export interface FrameStats {
  frames: number;
  gapsMs: number[];
}

export interface BenchWindow {
  portwallBench?: {
    ready: boolean;
    /** Collects render gaps for `seconds`. */
    measure(seconds: number): Promise<FrameStats>;
    view(): { longitude: number; latitude: number; zoom: number };
  };
}

export function frameRecorder(): { onAfterRender: () => void; measure(seconds: number): Promise<FrameStats> } {
  let times: number[] | null = null;
  return {
    onAfterRender: () => times?.push(performance.now()),
    async measure(seconds: number) {
      times = [];
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      const t = times;
      times = null;
      return { frames: t.length, gapsMs: t.slice(1).map((x, i) => x - t[i]!) };
    },
  };
}
