import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/appStore.js';
import { type Freshness, describeFreshness, formatBeijingHourMinute } from './freshness.js';

const tone: Record<Freshness['kind'], 'ok' | 'warn' | 'bad' | 'idle'> = {
  live: 'ok',
  delayed: 'warn',
  'catching-up': 'warn',
  resyncing: 'warn',
  connecting: 'idle',
  unconfigured: 'idle',
  offline: 'bad',
  'host-lost': 'bad',
};

/** Always-visible data freshness: live, delayed, offline since…, plus sync counters. */
export function FreshnessBadge() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.status);
  const hostReachable = useAppStore((s) => s.hostReachable);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    // "Delayed N min" must grow even when no status arrives.
    const timer = setInterval(() => setNow(new Date()), 5000);
    return () => clearInterval(timer);
  }, []);
  const freshness = describeFreshness(status, now, hostReachable);
  return (
    <div className={`freshness freshness-${tone[freshness.kind]}`} data-testid="freshness" data-state={freshness.kind}>
      <span className="freshness-dot" aria-hidden />
      <span className="freshness-text">{label(freshness, t)}</span>
      {status && status.quarantined > 0 && <span className="freshness-extra">{t('status.quarantined', { count: status.quarantined })}</span>}
      {status && status.outboxPending > 0 && <span className="freshness-extra">{t('status.outboxPending', { count: status.outboxPending })}</span>}
    </div>
  );
}

function label(freshness: Freshness, t: (key: string, options?: Record<string, unknown>) => string): string {
  switch (freshness.kind) {
    case 'live':
      return t('freshness.live');
    case 'delayed':
      return t('freshness.delayed', { minutes: freshness.minutes });
    case 'catching-up':
      return freshness.percent === null ? t('freshness.catchingUpUnknown') : t('freshness.catchingUp', { percent: freshness.percent });
    case 'resyncing':
      return t('freshness.resyncing');
    case 'connecting':
      return t('freshness.connecting');
    case 'unconfigured':
      return t('freshness.unconfigured');
    case 'offline':
      return freshness.since ? t('freshness.offline', { since: formatBeijingHourMinute(freshness.since) }) : t('freshness.offlineUnknown');
    case 'host-lost':
      return t('freshness.hostLost');
  }
}
