// A central started in-process for tests: simulator paused, reference data only, a
// fixed clock, fast pings, and tokens of every role at three scope levels.
import type { TokenEntry } from '../../shared/central/wire.js';
import { startCentral, type CentralOptions, type RunningCentral } from '../index.js';

export const testTokens: TokenEntry[] = [
  { token: 'admin-national-000000', role: 'admin', scope: '*', name: 'admin' },
  { token: 'wall-national-0000000', role: 'wall', scope: '*', name: 'wall' },
  { token: 'officer-national-0000', role: 'officer', scope: '*', name: 'officer' },
  { token: 'officer-shenzhen-0000', role: 'officer', scope: '53', name: 'officer-53' },
  { token: 'wall-shenzhen-5391-00', role: 'wall', scope: '5391', name: 'wall-5391' },
  { token: 'wall-unknownscope-000', role: 'wall', scope: '99', name: 'wall-99' },
];

export const tok = {
  admin: testTokens[0]!.token,
  wall: testTokens[1]!.token,
  officer: testTokens[2]!.token,
  officer53: testTokens[3]!.token,
  wall5391: testTokens[4]!.token,
  unserved: testTokens[5]!.token,
};

export function startTestCentral(options: CentralOptions = {}): Promise<RunningCentral> {
  return startCentral({
    scale: 0,
    speed: 0,
    tokens: testTokens,
    pingIntervalMs: 100,
    now: () => new Date('2026-11-23T04:00:00.000Z'),
    ...options,
  });
}

export const at = '2026-11-23T04:00:00.000Z';

/** Appends `n` declaration-like puts spread over scopes, returning the last seq. */
export function appendPuts(central: RunningCentral, n: number, kind = 'declaration', scopes = ['5391', '5301', '4291', '*', '53']): number {
  const changes = Array.from({ length: n }, (_, i) => ({
    kind,
    op: 'put' as const,
    key: `k${central.log.head() + i + 1}`,
    scope: scopes[i % scopes.length]!,
    at,
    data: { n: i, kind },
  }));
  return central.log.append(changes);
}
