import type { zh } from './zh.js';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const en: Shape<typeof zh> = {
  app: { name: 'Portwall', demo: 'DEMO' },
  clock: { beijing: 'Beijing time' },
  freshness: {
    unconfigured: 'No central configured',
    connecting: 'Connecting to central…',
    live: 'Live',
    delayed: 'Delayed {{minutes}} min',
    catchingUp: 'Catching up {{percent}}%',
    catchingUpUnknown: 'Catching up…',
    resyncing: 'Resyncing — showing local data',
    offline: 'Offline since {{since}} — showing local data',
    offlineUnknown: 'Offline — showing local data',
    hostLost: 'Host connection lost — showing last data',
  },
  region: { map: 'Port map', tiles: 'Indicators', ticker: 'Alerts', alerts: 'Alert queue', detail: 'Ticket detail' },
  view: { wall: 'Wall', desk: 'Duty desk' },
  status: { quarantined: '{{count}} quarantined', outboxPending: '{{count}} to send', scope: 'Scope' },
  language: { switchTo: '中文' },
};
