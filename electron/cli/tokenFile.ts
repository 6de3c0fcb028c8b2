// The CLI's token: from a file only its owner can read, or PORTWALL_TOKEN. Never printed.
import { readFileSync, statSync } from 'node:fs';

export class TokenError extends Error {
  override name = 'TokenError';
}

export function readTokenFile(path: string): string {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    throw new TokenError(`cannot read the token file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new TokenError(`the token file ${path} is readable by others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${path}`);
  }
  const token = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  if (!token.trim()) throw new TokenError(`the token file ${path} is empty`);
  return token;
}

export function resolveToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (tokenFile) return readTokenFile(tokenFile);
  const token = env.PORTWALL_TOKEN;
  if (token?.trim()) return token.trim();
  throw new TokenError('no token: pass --token-file FILE (mode 600) or set PORTWALL_TOKEN');
}
