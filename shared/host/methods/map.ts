// Host methods behind the port map (issue 6): what the wall's map draws and what a
// click on a port shows. Times are central's clock (the newest declaration seen), never
// the wall's, so a wall replaying or lagging shows a consistent window.
import { z } from 'zod';
import { declarationStatus, isoTime, portType, severity } from '../../central/records.js';
import { defineMethods } from './define.js';

/** Sliding window of the flows: 15 min to 24 h, set per scene. */
export const mapWindowMinutes = z.number().int().min(15).max(1440);
const unitCode = z.string().regex(/^\d{2}$/, 'unit must be a 2-digit directly-affiliated customs code');
const count = z.number().int().nonnegative();
const localized = z.object({ zh: z.string(), en: z.string() });

export const portHealth = z.enum(['ok', 'strained', 'stuck']);
export type PortHealth = z.infer<typeof portHealth>;

export const mapPort = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  type: portType,
  unit: z.string(),
  /** Null when the store has no usable coordinates: listed, counted, not drawn. */
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  declarations: count,
  valueUsd: z.number().nonnegative(),
  /** Declarations of the window not yet released or returned, by stage. */
  inspection: count,
  held: count,
  openAlerts: count,
  worstSeverity: severity.nullable(),
  health: portHealth,
});
export type MapPort = z.infer<typeof mapPort>;

export const mapFlow = z.object({
  port: z.string(),
  partner: z.string(),
  direction: z.enum(['import', 'export']),
  declarations: count,
  valueUsd: z.number().nonnegative(),
});
export type MapFlow = z.infer<typeof mapFlow>;

export const mapPartner = z.object({ iso2: z.string(), nameZh: z.string(), nameEn: z.string(), lat: z.number(), lon: z.number() });
export type MapPartner = z.infer<typeof mapPartner>;

export const mapDistrict = z.object({
  unit: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  lat: z.number(),
  lon: z.number(),
  declarations: count,
  valueUsd: z.number().nonnegative(),
  held: count,
  openAlerts: count,
});
export type MapDistrict = z.infer<typeof mapDistrict>;

/** What could not be drawn, so the wall can say so instead of silently dropping it. */
export const mapIssues = z.object({
  portsWithoutCoordinates: z.array(z.string()),
  /** Partner codes seen in declarations that the registry has no point for. */
  unknownPartners: z.array(z.string()),
  /** Declarations of the window left out of the flows for either reason above. */
  declarationsNotDrawn: count,
});
export type MapIssues = z.infer<typeof mapIssues>;

export const mapOverview = z.object({
  /** Newest declaration time in the store (central's clock); null with no data. */
  asOf: isoTime.nullable(),
  windowMinutes: mapWindowMinutes,
  ports: z.array(mapPort),
  flows: z.array(mapFlow),
  partners: z.array(mapPartner),
  districts: z.array(mapDistrict),
  issues: mapIssues,
});
export type MapOverview = z.infer<typeof mapOverview>;

/** One declaration event for a particle: new, or moved to another stage. */
export const mapMovement = z.object({
  seq: z.number().int(),
  id: z.string(),
  port: z.string(),
  partner: z.string(),
  direction: z.enum(['import', 'export']),
  status: declarationStatus,
  valueUsd: z.number().nonnegative(),
  declaredAt: isoTime,
});
export type MapMovement = z.infer<typeof mapMovement>;

export const mapMovements = z.object({
  /** Pass back as `afterSeq` to get only what came after. */
  cursor: z.number().int(),
  movements: z.array(mapMovement),
});
export type MapMovements = z.infer<typeof mapMovements>;

export const stageCounts = z.object({
  declared: count,
  screening: count,
  inspection: count,
  held: count,
  released: count,
  returned: count,
});
export type StageCounts = z.infer<typeof stageCounts>;

export const portDetail = z.object({
  port: mapPort,
  asOf: isoTime.nullable(),
  windowMinutes: mapWindowMinutes,
  /** Declarations of the window by current stage. */
  pipeline: stageCounts,
  /** Median minutes from declaration to release, for releases in the window and in the same window 24 h earlier. */
  medianClearanceMinutes: z.object({ current: z.number().nullable(), yesterday: z.number().nullable() }),
  topPartners: z.array(z.object({ iso2: z.string(), nameZh: z.string(), nameEn: z.string(), declarations: count, valueUsd: z.number() })),
  topHsChapters: z.array(z.object({ chapter: z.string(), items: count, valueUsd: z.number() })),
  openAlerts: z.array(z.object({ id: z.string(), rule: z.string(), severity, raisedAt: isoTime, message: localized })),
});
export type PortDetail = z.infer<typeof portDetail>;

export const portTicket = z.object({
  id: z.string(),
  declaredAt: isoTime,
  direction: z.enum(['import', 'export']),
  status: declarationStatus,
  partnerCountry: z.string(),
  enterpriseName: z.string(),
  valueUsd: z.number(),
  riskScore: z.number(),
});
export type PortTicket = z.infer<typeof portTicket>;

export const mapMethods = defineMethods({
  'map.overview': {
    input: z.object({ windowMinutes: mapWindowMinutes.default(60), unit: unitCode.nullable().default(null) }).strict(),
    output: mapOverview,
  },
  'map.movements': {
    input: z
      .object({
        /** Omit on the first call: the newest `limit` movements are returned. */
        afterSeq: z.number().int().nonnegative().nullable().default(null),
        limit: z.number().int().min(1).max(20_000).default(2_000),
      })
      .strict(),
    output: mapMovements,
  },
  'map.port': {
    input: z.object({ port: z.string().min(1), windowMinutes: mapWindowMinutes.default(60) }).strict(),
    output: portDetail,
  },
  'map.portTickets': {
    input: z
      .object({
        port: z.string().min(1),
        status: declarationStatus.nullable().default(null),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.object({ tickets: z.array(portTicket) }),
  },
});
