// Assembles the host API handlers from the services the host runs. Each feature adds
// its handlers here; the dispatcher validates inputs before any handler runs.
import type { HostHandlers } from '../../shared/host/api.js';
import type { AppInfo } from '../../shared/host/methods/app.js';
import type { ReadableDB } from '../store/db.js';
import type { MapReference } from '../store/queries/map.js';
import { createAlertHandlers } from './handlers/alerts.js';
import { createAppHandlers } from './handlers/app.js';
import { createIndicatorHandlers } from './handlers/indicators.js';
import { createMapHandlers } from './handlers/map.js';
import { createSyncHandlers } from './handlers/sync.js';
import { createTicketHandlers } from './handlers/tickets.js';
import type { SyncPort } from './syncPort.js';

export interface HostServices {
  info: () => AppInfo;
  /** The sync engine currently running (it changes when the demo central comes up). */
  sync: () => SyncPort;
  /** Read handle on the local store; null until sync has created it. */
  readStore: () => ReadableDB | null;
  /** Partner points and district seats from the shipped registry. */
  mapReference: MapReference;
}

export function createHostHandlers(services: HostServices): HostHandlers {
  return {
    ...createAppHandlers(services.info),
    ...createSyncHandlers(services.sync),
    ...createMapHandlers(services.readStore, services.mapReference),
    ...createTicketHandlers(services.readStore, () => {
      const sync = services.sync();
      return sync.fetchTicket ? (id) => sync.fetchTicket!(id) : null;
    }),
    ...createAlertHandlers(services.readStore, () => {
      const sync = services.sync();
      return sync.act ? (action) => sync.act!(action) : null;
    }),
    ...createIndicatorHandlers(services.readStore),
  };
}
