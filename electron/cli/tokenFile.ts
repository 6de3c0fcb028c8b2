// The CLI's token: from a file only its owner can read, or PORTWALL_TOKEN. Never printed.
import { SecretFileError, readSecretFile } from '../host/secrets.js';

export function resolveToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (tokenFile) return readSecretFile(tokenFile);
  const token = env.PORTWALL_TOKEN;
  if (token?.trim()) return token.trim();
  throw new SecretFileError('no token: pass --token-file FILE (mode 600) or set PORTWALL_TOKEN');
}
