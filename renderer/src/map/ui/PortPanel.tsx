// The panel a click on a port opens: live pipeline by stage, median clearance time against
// the same window yesterday, top partners and HS chapters, open alerts, and its tickets.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { DeclarationStatus } from '../../../../shared/central/records.js';
import type { PortDetail, PortTicket } from '../../../../shared/host/methods/map.js';
import { host } from '../../host/index.js';
import { severityColors, stageColors, toCss } from '../colors.js';
import { parentLevel, type MapStore } from '../mapStore.js';

const stages: DeclarationStatus[] = ['declared', 'screening', 'inspection', 'held', 'released', 'returned'];
const refreshEvery = 3_000;

export function PortPanel({ store }: { store: MapStore }) {
  const { t, i18n } = useTranslation('map');
  const port = useStore(store, (s) => s.port);
  const windowMinutes = useStore(store, (s) => s.windowMinutes);
  const [detail, setDetail] = useState<PortDetail | null>(null);
  const [tickets, setTickets] = useState<PortTicket[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const en = i18n.language === 'en';

  useEffect(() => {
    setDetail(null);
    setTickets(null);
    setError(null);
    if (port === null) return;
    let cancelled = false;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () => {
      last = Date.now();
      host
        .call('map.port', { port, windowMinutes })
        .then((d) => !cancelled && (setDetail(d), setError(null)))
        .catch((e: Error) => !cancelled && setError(e.message));
    };
    load();
    // Re-read on data changes, at most every few seconds: the numbers stay live without flicker.
    const off = host.subscribe('data.changed', () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        load();
      }, Math.max(0, last + refreshEvery - Date.now()));
    });
    return () => {
      cancelled = true;
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [port, windowMinutes]);

  const showTickets = useCallback(() => {
    if (port === null) return;
    // The desk opens the full ticket list when it is there; the panel lists the latest meanwhile.
    window.dispatchEvent(new CustomEvent('portwall:show-tickets', { detail: { port } }));
    host
      .call('map.portTickets', { port, limit: 12 })
      .then((r) => setTickets(r.tickets))
      .catch((e: Error) => setError(e.message));
  }, [port]);

  if (port === null) return null;
  const num = new Intl.NumberFormat(en ? 'en' : 'zh-CN', { maximumFractionDigits: 0 });
  const usd = (v: number) => `$${new Intl.NumberFormat(en ? 'en' : 'zh-CN', { notation: 'compact', maximumFractionDigits: 1 }).format(v)}`;
  const minutes = (v: number | null) => (v === null ? t('none') : t('minutes', { value: v.toFixed(v < 10 ? 1 : 0) }));
  const p = detail?.port;

  return (
    <aside className="map-panel" data-testid="port-panel" data-port={port} aria-live="polite">
      <header className="map-panel-head">
        <h3 data-testid="port-panel-name">{p ? (en ? p.nameEn : p.nameZh) : port}</h3>
        <button type="button" onClick={() => store.setState(parentLevel(store.getState()))} aria-label={t('close')}>
          ✕
        </button>
      </header>
      {error && <p className="map-panel-error">{error}</p>}
      {detail && p && (
        <>
          <div className="map-panel-totals">
            <div>
              <span className="map-panel-label">{t('declarations')}</span>
              <strong data-testid="port-panel-declarations">{num.format(p.declarations)}</strong>
            </div>
            <div>
              <span className="map-panel-label">{t('value')}</span>
              <strong>{usd(p.valueUsd)}</strong>
            </div>
          </div>
          <h4>{t('pipeline', { window: t(`windowLabel_${windowMinutes}`, { defaultValue: `${windowMinutes} min` }) })}</h4>
          <ul className="map-pipeline" data-testid="port-panel-pipeline">
            {stages.map((stage) => (
              <li key={stage} data-stage={stage}>
                <i style={{ background: toCss(stageColors[stage]) }} />
                <span>{t(`stage_${stage}`)}</span>
                <strong data-testid={`pipeline-${stage}`}>{num.format(detail.pipeline[stage])}</strong>
              </li>
            ))}
          </ul>
          <h4>{t('medianClearance')}</h4>
          <p className="map-panel-median">
            <strong data-testid="port-panel-median">{minutes(detail.medianClearanceMinutes.current)}</strong>
            <span>{t('vsYesterday', { value: minutes(detail.medianClearanceMinutes.yesterday) })}</span>
          </p>
          <div className="map-panel-columns">
            <div>
              <h4>{t('topPartners')}</h4>
              <ol>
                {detail.topPartners.map((partner) => (
                  <li key={partner.iso2}>
                    <span>{en ? partner.nameEn : partner.nameZh}</span>
                    <strong>{num.format(partner.declarations)}</strong>
                  </li>
                ))}
              </ol>
            </div>
            <div>
              <h4>{t('topHs')}</h4>
              <ol>
                {detail.topHsChapters.map((c) => (
                  <li key={c.chapter}>
                    <span>{t('hsChapter', { chapter: c.chapter })}</span>
                    <strong>{usd(c.valueUsd)}</strong>
                  </li>
                ))}
              </ol>
            </div>
          </div>
          <h4>{t('openAlerts', { count: detail.openAlerts.length })}</h4>
          {detail.openAlerts.length === 0 ? (
            <p className="map-panel-dim">{t('noAlerts')}</p>
          ) : (
            <ul className="map-alerts" data-testid="port-panel-alerts">
              {detail.openAlerts.slice(0, 5).map((a) => (
                <li key={a.id} style={{ borderColor: toCss(severityColors[a.severity]) }}>
                  {en ? a.message.en : a.message.zh}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="map-panel-action" onClick={showTickets} data-testid="port-panel-show-tickets">
            {t('showTickets')}
          </button>
          {tickets && (
            <ul className="map-tickets" data-testid="port-panel-tickets">
              {tickets.map((ticket) => (
                <li key={ticket.id}>
                  <code>{ticket.id}</code>
                  <span>{t(`stage_${ticket.status}`)}</span>
                  <span>{usd(ticket.valueUsd)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </aside>
  );
}
