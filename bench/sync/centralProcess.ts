// Starts bench/sync/centralChild.ts in a child process and talks to it line by line.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface CentralProcess {
  url: string;
  head: number;
  pid: number;
  ask<T>(command: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startCentralProcess(options: { db: string; scale: number; declarations?: number }): Promise<CentralProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'centralChild.ts'), JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async <T>(): Promise<T> => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the bench central exited early');
    return JSON.parse(value as string) as T;
  };
  const first = await next<{ url: string; head: number }>();
  return {
    ...first,
    pid: child.pid ?? 0,
    async ask<T>(command: unknown) {
      child.stdin!.write(`${JSON.stringify(command)}\n`);
      return next<T>();
    },
    async close() {
      child.stdin!.write(`${JSON.stringify({ cmd: 'close' })}\n`);
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
