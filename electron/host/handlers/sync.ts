import type { HostHandlers } from '../../../shared/host/api.js';
import type { SyncPort } from '../syncPort.js';

export function createSyncHandlers(sync: () => SyncPort): Pick<HostHandlers, 'sync.status'> {
  return { 'sync.status': () => sync().status() };
}
