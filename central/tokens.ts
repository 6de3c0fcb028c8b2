// Access tokens of the reference central: read from a file, or demo tokens made here.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { tokensFile, type TokenEntry } from '../shared/central/wire.js';

export class TokenFileError extends Error {
  override name = 'TokenFileError';
}

export function readTokensFile(path: string): TokenEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new TokenFileError(`cannot read tokens from ${path}: ${(err as Error).message}`);
  }
  const parsed = tokensFile.safeParse(raw);
  if (!parsed.success) throw new TokenFileError(`tokens file ${path} is not valid: ${z.prettifyError(parsed.error)}`);
  const seen = new Set<string>();
  for (const t of parsed.data) {
    if (seen.has(t.token)) throw new TokenFileError(`tokens file ${path} lists token "${t.name}" twice`);
    seen.add(t.token);
  }
  return parsed.data;
}

/** Demo tokens for a profile: one per role at its top scope, plus district and subordinate ones. */
export function makeDemoTokens(topScope: string, districtScope: string, subordinateScope: string): TokenEntry[] {
  const secret = () => randomBytes(24).toString('base64url');
  const scopes = [...new Set([topScope, districtScope, subordinateScope])];
  return scopes.flatMap((scope) =>
    (['wall', 'officer', 'admin'] as const).map((role) => ({
      token: secret(),
      role,
      scope,
      name: `demo-${role}-${scope === '*' ? 'national' : scope}`,
    })),
  );
}

/** Writes tokens readable by the owner only (API.md: mode 0600). */
export function writeTokensFile(path: string, tokens: TokenEntry[]): void {
  writeFileSync(path, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** Reuses the demo tokens written next to a database on an earlier run, if still valid. */
export function loadOrMakeDemoTokens(path: string, make: () => TokenEntry[]): TokenEntry[] {
  if (existsSync(path)) {
    try {
      return readTokensFile(path);
    } catch {
      // An unreadable demo file is replaced: it only ever held generated tokens.
    }
  }
  const tokens = make();
  writeTokensFile(path, tokens);
  return tokens;
}
