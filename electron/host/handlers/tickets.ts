// Host handlers of the ticket browser (shared/host/methods/tickets.ts).
import type { HostHandlers } from '../../../shared/host/api.js';
import { HostError } from '../../../shared/host/errors.js';
import type { ReadableDB } from '../../store/db.js';
import { getTicket, listTickets, ticketStatusCounts } from '../../store/queries/tickets.js';
import { requireStore, withCursorCheck } from './storeHandle.js';

type TicketHandlers = Pick<HostHandlers, 'tickets.list' | 'tickets.get' | 'tickets.statusCounts'>;

export function createTicketHandlers(readStore: () => ReadableDB | null): TicketHandlers {
  const db = requireStore(readStore);
  return {
    'tickets.list': (input) => withCursorCheck(() => listTickets(db(), input)),
    'tickets.get': ({ id }) => {
      const ticket = getTicket(db(), id);
      if (!ticket) throw new HostError('not-found', `Ticket ${id} is not in the local store (older than its retention window, or outside this center's scope)`);
      return ticket;
    },
    'tickets.statusCounts': (input) => ticketStatusCounts(db(), input),
  };
}
