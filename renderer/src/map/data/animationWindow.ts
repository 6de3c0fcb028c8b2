// Keeps deck.gl's frame loop running only while something moves: each particle extends
// the window to its landing time, and the loop stops a moment after the last one lands.
// A quiet night on the wall then costs no GPU time.

export class AnimationWindow {
  private running = false;
  private endsAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param now the particles' clock, in seconds
   * @param setRunning starts or stops the frame loop
   * @param graceMs kept running past the end, so the last tail has faded out
   */
  constructor(
    private readonly now: () => number,
    private readonly setRunning: (running: boolean) => void,
    private readonly graceMs = 250,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** Something moves until `endAt` (seconds on the clock). */
  extendTo(endAt: number): void {
    if (endAt <= this.now()) return;
    this.endsAt = Math.max(this.endsAt, endAt);
    if (!this.running) {
      this.running = true;
      this.setRunning(true);
    }
    this.arm();
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.now() < this.endsAt) {
        this.arm();
        return;
      }
      this.running = false;
      this.setRunning(false);
    }, Math.max(0, (this.endsAt - this.now()) * 1000) + this.graceMs);
  }
}
