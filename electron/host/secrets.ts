// Reading secrets from files: a token file must be readable by its owner only, so a
// token never sits in a file other users of the machine can read.
import { readFileSync, statSync } from 'node:fs';

export class SecretFileError extends Error {
  override name = 'SecretFileError';
}

/** Reads a token from a file that only its owner can read; a trailing newline is ignored. */
export function readSecretFile(path: string): string {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    throw new SecretFileError(`Token file ${path} does not exist or cannot be read.`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new SecretFileError(`Token file ${path} is readable by others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${path}`);
  }
  const token = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  if (!token || /\s/.test(token)) throw new SecretFileError(`Token file ${path} must hold one token on one line.`);
  return token;
}
