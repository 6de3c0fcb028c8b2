// A wall's scene: where its map opens and how it aggregates. Set per wall in
// portwall.json ("scene"), checked against the registry and the center's scope by the
// host, and handed to the renderer in app.info.
import { z } from 'zod';

export const flowWidthBy = z.enum(['declarations', 'valueUsd']);
export type FlowWidthBy = z.infer<typeof flowWidthBy>;

export const districtIndicator = z.enum(['declarations', 'valueUsd', 'held', 'openAlerts']);
export type DistrictIndicator = z.infer<typeof districtIndicator>;

/** Sliding window of the flows, in minutes: 15 min to 24 h. */
export const flowWindowMinutes = z.number().int().min(15).max(1440);

export const mapScene = z
  .object({
    /** Open on one directly-affiliated customs (2-digit code). */
    unit: z.string().regex(/^\d{2}$/, 'unit must be a 2-digit directly-affiliated customs code').optional(),
    /** Open on one port (its code); the host fills in the port's unit. */
    port: z.string().regex(/^[A-Z0-9]{3,12}$/, 'port must be a port code such as CNYGS').optional(),
    windowMinutes: flowWindowMinutes.optional(),
    widthBy: flowWidthBy.optional(),
    indicator: districtIndicator.optional(),
  })
  .strict();
export type MapScene = z.infer<typeof mapScene>;

export const wallScene = z.object({ map: mapScene.optional() }).strict();
export type WallScene = z.infer<typeof wallScene>;
