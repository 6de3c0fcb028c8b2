// Host handlers of the alert queue (shared/host/methods/alerts.ts). Actions go to the sync
// worker, the store's only writer, which records them in the outbox.
import type { HostHandlers } from '../../../shared/host/api.js';
import { HostError } from '../../../shared/host/errors.js';
import type { ReadableDB } from '../../store/db.js';
import type { OutboxEntry } from '../../store/outbox.js';
import { listAlerts, outboxView } from '../../store/queries/alerts.js';
import type { OfficerAction } from '../../sync/outboxSender.js';
import { requireStore, withCursorCheck } from './storeHandle.js';

type AlertHandlers = Pick<HostHandlers, 'alerts.list' | 'alerts.act'>;

/** Records an officer action; null when no sync engine runs (nowhere to send it). */
export type ActOnAlert = ((action: OfficerAction) => Promise<OutboxEntry>) | null;

export function createAlertHandlers(readStore: () => ReadableDB | null, act: () => ActOnAlert): AlertHandlers {
  const db = requireStore(readStore);
  return {
    'alerts.list': (input) => withCursorCheck(() => listAlerts(db(), input)),
    'alerts.act': async (input) => {
      const send = act();
      if (!send) throw new HostError('unavailable', 'No central is configured, so officer actions cannot be recorded');
      return outboxView(await send(input));
    },
  };
}
