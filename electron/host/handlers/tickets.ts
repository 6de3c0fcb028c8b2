// Host handlers of the ticket browser (shared/host/methods/tickets.ts).
import type { HostHandlers } from '../../../shared/host/api.js';
import { HostError } from '../../../shared/host/errors.js';
import type { ReadableDB } from '../../store/db.js';
import { listAlerts } from '../../store/queries/alerts.js';
import { getTicket, listTickets, ticketStatusCounts } from '../../store/queries/tickets.js';
import { requireStore, withCursorCheck } from './storeHandle.js';

type TicketHandlers = Pick<HostHandlers, 'tickets.list' | 'tickets.get' | 'tickets.statusCounts'>;

/** Asks central for one ticket; null when no sync engine runs. */
export type FetchTicket = ((id: string) => Promise<Record<string, unknown> | null>) | null;

export function createTicketHandlers(readStore: () => ReadableDB | null, fetchTicket: () => FetchTicket = () => null): TicketHandlers {
  const db = requireStore(readStore);
  return {
    'tickets.list': (input) => withCursorCheck(() => listTickets(db(), input)),
    'tickets.get': async ({ id }) => {
      const local = getTicket(db(), id);
      if (local) return local;
      // Older than the local retention window: central still has it (API.md).
      const fetch = fetchTicket();
      const ticket = fetch ? await fetch(id) : null;
      if (!ticket) throw new HostError('not-found', `Ticket ${id} is neither in the local store nor known to central`);
      const alerts = listAlerts(db(), { subject: { kind: 'declaration', key: id }, limit: 50 }).items;
      return { ticket, source: 'central' as const, updatedAt: null, alerts };
    },
    'tickets.statusCounts': (input) => ticketStatusCounts(db(), input),
  };
}
