// Queries slower than 50 ms are logged with their name: slow reads show up in the host log
// long before an officer complains.
export const slowQueryMs = 50;

type SlowLog = (message: string) => void;
let log: SlowLog = (message) => console.warn(message);

export function setSlowQueryLog(next: SlowLog): void {
  log = next;
}

export function timed<T>(name: string, run: () => T): T {
  const start = performance.now();
  try {
    return run();
  } finally {
    const ms = performance.now() - start;
    if (ms > slowQueryMs) log(`slow query ${name}: ${ms.toFixed(1)} ms`);
  }
}
