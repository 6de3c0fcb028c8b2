// The `params` of each rule kind (API.md `rule` records). Central publishes rules as
// data; central and (later) clients evaluate them with the code in this folder.
import { z } from 'zod';

export const thresholdParams = z.looseObject({
  /** indicatorDef id the rule watches. */
  indicator: z.string().min(1),
  op: z.enum(['gt', 'lt']),
  value: z.number(),
  /** Scope levels it applies to: 0 national, 1 directly-affiliated, 2 subordinate. */
  levels: z.array(z.union([z.literal(0), z.literal(1), z.literal(2)])).min(1),
});
export type ThresholdParams = z.infer<typeof thresholdParams>;

/** Stages of dangerous-goods dwell at a port ("overdue detention"). */
export const dwellStage = z.enum(['entry', 'inspection', 'removal']);
export type DwellStage = z.infer<typeof dwellStage>;

export const overdueParams = z.looseObject({
  stage: dwellStage,
  limitHours: z.number().positive(),
  dangerousOnly: z.boolean(),
});
export type OverdueParams = z.infer<typeof overdueParams>;

export const anomalyParams = z.looseObject({
  /** Which series the rule watches, e.g. hourly declarations per HS chapter and partner. */
  series: z.string().min(1),
  /** Raise when the value is at least `factor` times its baseline... */
  factor: z.number().positive(),
  /** ...and at least this large (small counts are noise). */
  minValue: z.number().nonnegative(),
});
export type AnomalyParams = z.infer<typeof anomalyParams>;

export const watchlistParams = z.looseObject({
  entityType: z.enum(['enterprise', 'person', 'vessel', 'flight']),
});
export type WatchlistParams = z.infer<typeof watchlistParams>;
