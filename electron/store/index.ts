// The read side of the local store for the host: a read-only handle and its queries.
import { type ReadableDB, openReadableDb } from './db.js';
import { type AlertQuery, listAlerts } from './queries/alerts.js';
import { indicatorSeries, latestIndicators } from './queries/indicators.js';
import { storeStatus } from './queries/storeStatus.js';
import { type TicketQuery, getTicket, listTickets, ticketStatusCounts } from './queries/tickets.js';
import type { TicketFilter } from '../../shared/host/methods/tickets.js';

export type { ReadableDB, WritableDB } from './db.js';

export interface ReadStore {
  readonly db: ReadableDB;
  listTickets(query: TicketQuery): ReturnType<typeof listTickets>;
  getTicket(id: string): ReturnType<typeof getTicket>;
  ticketStatusCounts(filter: TicketFilter): ReturnType<typeof ticketStatusCounts>;
  listAlerts(query: AlertQuery): ReturnType<typeof listAlerts>;
  latestIndicators(scope: string, theme?: string): ReturnType<typeof latestIndicators>;
  indicatorSeries(indicator: string, scope: string, from?: string, to?: string): ReturnType<typeof indicatorSeries>;
  status(): ReturnType<typeof storeStatus>;
  close(): void;
}

export function readStoreOn(db: ReadableDB): ReadStore {
  return {
    db,
    listTickets: (query) => listTickets(db, query),
    getTicket: (id) => getTicket(db, id),
    ticketStatusCounts: (filter) => ticketStatusCounts(db, filter),
    listAlerts: (query) => listAlerts(db, query),
    latestIndicators: (scope, theme) => latestIndicators(db, scope, theme),
    indicatorSeries: (indicator, scope, from, to) => indicatorSeries(db, indicator, scope, from, to),
    status: () => storeStatus(db),
    close: () => db.close(),
  };
}

export function openReadStore(dbPath: string): ReadStore {
  return readStoreOn(openReadableDb(dbPath));
}
