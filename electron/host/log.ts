// The host's log: one line per event to stderr and to a size-capped file that rotates,
// so a wall that runs for weeks never fills its disk with logs.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Logger {
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

export interface FileLogOptions {
  file?: string;
  maxBytes?: number;
  keep?: number;
  echo?: (line: string) => void;
}

export function createLogger({ file, maxBytes = 5 * 1024 * 1024, keep = 3, echo = (line) => process.stderr.write(`${line}\n`) }: FileLogOptions = {}): Logger {
  if (file) mkdirSync(dirname(file), { recursive: true });
  let written = file && existsSync(file) ? statSync(file).size : 0;

  function rotate(path: string) {
    rmSync(`${path}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
    }
    renameSync(path, `${path}.1`);
    written = 0;
  }

  function write(level: string, message: string, details?: unknown) {
    const line = `${new Date().toISOString()} ${level} ${message}${details === undefined ? '' : ` ${describe(details)}`}`;
    echo(line);
    if (!file) return;
    try {
      if (written + line.length + 1 > maxBytes && existsSync(file)) rotate(file);
      appendFileSync(file, `${line}\n`);
      written += Buffer.byteLength(line) + 1;
    } catch {
      // A full or read-only disk must not take the wall down; stderr still has the line.
    }
  }

  return {
    info: (message, details) => write('INFO', message, details),
    warn: (message, details) => write('WARN', message, details),
    error: (message, details) => write('ERROR', message, details),
  };
}

function describe(details: unknown): string {
  if (details instanceof Error) return details.stack ?? `${details.name}: ${details.message}`;
  try {
    return JSON.stringify(details);
  } catch {
    return String(details);
  }
}
