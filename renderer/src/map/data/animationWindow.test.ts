import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnimationWindow } from './animationWindow.js';

describe('AnimationWindow', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const clock = () => Date.now() / 1000;

  it('runs from the first particle until the last one has landed, then stops', () => {
    const calls: boolean[] = [];
    const loop = new AnimationWindow(clock, (running) => calls.push(running), 100);
    const t0 = clock();
    loop.extendTo(t0 + 2);
    vi.advanceTimersByTime(1000);
    loop.extendTo(t0 + 3); // a later particle keeps the loop going
    loop.extendTo(t0 + 1.5); // an earlier one changes nothing
    vi.advanceTimersByTime(1500);
    expect(loop.isRunning).toBe(true);
    vi.advanceTimersByTime(600);
    expect(loop.isRunning).toBe(false);
    expect(calls).toEqual([true, false]);
  });

  it('never starts for a particle that has already landed, and restarts for a new one', () => {
    const calls: boolean[] = [];
    const loop = new AnimationWindow(clock, (running) => calls.push(running), 0);
    loop.extendTo(clock() - 1);
    expect(calls).toEqual([]);
    loop.extendTo(clock() + 1);
    vi.advanceTimersByTime(1001);
    loop.extendTo(clock() + 1);
    expect(calls).toEqual([true, false, true]);
    loop.dispose();
    vi.advanceTimersByTime(5000);
    expect(calls).toEqual([true, false, true]);
  });
});
