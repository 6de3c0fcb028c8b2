// Frame timing for the render benchmark: gaps between deck.gl's consecutive renders while
// it animates every frame, collected in the page and read by the benchmark runner.

export interface FrameStats {
  frames: number;
  gapsMs: number[];
}

export interface BenchWindow {
  portwallBench?: {
    ready: boolean;
    /** Collects `frames` render gaps, or what `maxSeconds` allows. */
    measure(frames: number, maxSeconds: number): Promise<FrameStats>;
    view(): { longitude: number; latitude: number; zoom: number };
  };
}

export function frameRecorder(): { onAfterRender: () => void; measure(frames: number, maxSeconds: number): Promise<FrameStats> } {
  let times: number[] | null = null;
  let done: (() => void) | null = null;
  let wanted = 0;
  return {
    onAfterRender: () => {
      if (!times) return;
      times.push(performance.now());
      if (times.length > wanted) done?.();
    },
    async measure(frames: number, maxSeconds: number) {
      times = [];
      wanted = frames;
      await new Promise<void>((resolve) => {
        done = resolve;
        setTimeout(resolve, maxSeconds * 1000);
      });
      const t = times;
      times = null;
      done = null;
      return { frames: t.length, gapsMs: t.slice(1).map((x, i) => x - t[i]!) };
    },
  };
}
