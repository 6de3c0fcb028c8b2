// Host methods of the indicator tiles: latest values by theme and scope, and one series.
import { z } from 'zod';
import { isoTime, scopeCode } from '../../central/records.js';
import { defineMethods } from './define.js';

export const indicatorValue = z.object({
  id: z.string(),
  theme: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  higherIsWorse: z.boolean(),
  warn: z.number().nullable(),
  crit: z.number().nullable(),
  /** Null when the scope has no sample yet, or the newest sample had no data. */
  value: z.number().nullable(),
  at: isoTime.nullable(),
  level: z.enum(['ok', 'warn', 'crit']).nullable(),
});
export type IndicatorValue = z.infer<typeof indicatorValue>;

export const indicatorsMethods = defineMethods({
  'indicators.latest': {
    input: z.object({ scope: scopeCode, theme: z.string().min(1).optional() }).strict(),
    output: z.object({ items: z.array(indicatorValue) }),
  },
  'indicators.series': {
    input: z.object({ indicator: z.string().min(1), scope: scopeCode, from: isoTime.optional(), to: isoTime.optional() }).strict(),
    output: z.object({ points: z.array(z.object({ at: isoTime, value: z.number().nullable() })) }),
  },
});
