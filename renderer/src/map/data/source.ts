// Where the map's data comes from: the host API on the wall, a synthetic feed in the
// render benchmark. The controller only knows this interface.
import type { MapMovements, MapOverview } from '../../../../shared/host/methods/map.js';

export interface MapDataSource {
  overview(input: { windowMinutes: number; unit: string | null }): Promise<MapOverview>;
  movements(input: { afterSeq: number | null; limit: number }): Promise<MapMovements>;
  /** Called when declarations, alerts or ports changed; returns an unsubscribe function. */
  onChange(listener: (kinds: readonly string[]) => void): () => void;
}
