// What every request handler needs: the log, the tokens, the clock and the limits.
import type { TokenEntry } from '../../shared/central/wire.js';
import type { CentralLog } from '../log/centralLog.js';

export interface ServerContext {
  log: CentralLog;
  /** Tokens by their secret value. */
  tokens: ReadonlyMap<string, TokenEntry>;
  /** Whether this central still serves a token scope (a district central serves only its district). */
  servesScope(scope: string): boolean;
  /** Central's clock: the simulated time when a simulator runs. */
  clock(): Date;
  /** Interval of `: ping` comments on /stream. */
  pingIntervalMs: number;
}
