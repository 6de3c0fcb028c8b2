// Host handlers of the indicator tiles (shared/host/methods/indicators.ts).
import type { HostHandlers } from '../../../shared/host/api.js';
import type { ReadableDB } from '../../store/db.js';
import { indicatorSeries, latestIndicators } from '../../store/queries/indicators.js';
import { requireStore } from './storeHandle.js';

type IndicatorHandlers = Pick<HostHandlers, 'indicators.latest' | 'indicators.series'>;

export function createIndicatorHandlers(readStore: () => ReadableDB | null): IndicatorHandlers {
  const db = requireStore(readStore);
  return {
    'indicators.latest': ({ scope, theme }) => ({ items: latestIndicators(db(), scope, theme) }),
    'indicators.series': ({ indicator, scope, from, to }) => ({ points: indicatorSeries(db(), indicator, scope, from, to) }),
  };
}
