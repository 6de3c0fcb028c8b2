// Host methods of the ticket browser: list with filters, search and keyset paging; one
// ticket with its alerts; counts by status. Reads the local store only.
import { z } from 'zod';
import { declarationStatus, isoTime } from '../../central/records.js';
import { alertView } from './alerts.js';
import { defineMethods } from './define.js';

export const ticketFilter = z.object({
  port: z.string().min(1).optional(),
  /** A 2-digit directly-affiliated code (everything under it) or a 4-digit subordinate code. */
  unit: z.string().regex(/^\d{2}(\d{2})?$/).optional(),
  status: z.array(declarationStatus).min(1).optional(),
  partner: z.string().regex(/^[A-Z]{2}$/).optional(),
  enterprise: z.string().min(1).optional(),
  direction: z.enum(['import', 'export']).optional(),
  dangerous: z.boolean().optional(),
  /** Only tickets that are the subject of an alert. */
  alert: z.boolean().optional(),
  /** declaredAt range, inclusive from, exclusive to. */
  from: isoTime.optional(),
  to: isoTime.optional(),
});
export type TicketFilter = z.infer<typeof ticketFilter>;

export const ticketSummary = z.object({
  id: z.string(),
  direction: z.enum(['import', 'export']),
  port: z.string(),
  unit: z.string(),
  status: declarationStatus,
  declaredAt: isoTime,
  updatedAt: isoTime,
  partnerCountry: z.string(),
  enterprise: z.object({ code: z.string(), name: z.string() }),
  valueUsd: z.number(),
  riskScore: z.number(),
  dangerous: z.boolean(),
});
export type TicketSummary = z.infer<typeof ticketSummary>;

export const ticketsMethods = defineMethods({
  'tickets.list': {
    input: ticketFilter
      .extend({
        /** Free text: ticket id, enterprise name or code, item descriptions, HS codes, containers. */
        q: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        /** nextCursor of the previous page. */
        cursor: z.string().max(100).optional(),
      })
      .strict(),
    output: z.object({ items: z.array(ticketSummary), nextCursor: z.string().nullable() }),
  },
  'tickets.get': {
    input: z.object({ id: z.string().regex(/^\d{18}$/, 'a ticket id has 18 digits') }).strict(),
    output: z.object({
      /** The declaration exactly as central sent it. */
      ticket: z.record(z.string(), z.unknown()),
      /** `central`: older than the local retention window, fetched on demand. */
      source: z.enum(['store', 'central']),
      /** Central's time of the change that wrote the local copy; null when fetched from central. */
      updatedAt: isoTime.nullable(),
      alerts: z.array(alertView),
    }),
  },
  'tickets.statusCounts': {
    input: ticketFilter.pick({ port: true, unit: true, direction: true, from: true, to: true }).strict(),
    output: z.object({ counts: z.record(declarationStatus, z.number().int()), total: z.number().int() }),
  },
});
