// The map region of the wall: maplibre basemap with deck.gl layers (ports, flows,
// particles, districts), the navigation, legend and port panel. React renders when the
// level, selection or summary changes; the animation never goes through React.
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/map.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { HostClient } from '../host/client.js';
import { host } from '../host/index.js';
import { useAppStore } from '../state/appStore.js';
import { hostMapSource } from './data/hostSource.js';
import type { MapDataSource } from './data/source.js';
import { registerMapStrings } from './i18n.js';
import { MapController } from './MapController.js';
import { createMapStore, defaultSettings, type MapSettings, type MapStore } from './mapStore.js';
import { Legend } from './ui/Legend.js';
import { MapNav } from './ui/MapNav.js';
import { PortPanel } from './ui/PortPanel.js';
import { useMapKeyboard } from './ui/useMapKeyboard.js';

registerMapStrings();

declare global {
  interface Window {
    /** The live map, for end-to-end tests and benchmarks (read-only use). */
    portwallMap?: { store: MapStore; controller: MapController; call: HostClient['call'] };
  }
}

export interface PortMapProps {
  /** Window of the flows in minutes (15–1440); default 60 or ?window=. */
  windowMinutes?: number;
  /** Open on one directly-affiliated customs (2-digit code); default: the center's scope. */
  unit?: string | null;
  source?: MapDataSource;
  settings?: Partial<MapSettings>;
}

function hasWebGL2(): boolean {
  try {
    return !!document.createElement('canvas').getContext('webgl2');
  } catch {
    return false;
  }
}

export function PortMap({ windowMinutes, unit, source = hostMapSource, settings }: PortMapProps = {}) {
  const { t } = useTranslation('map');
  const scope = useAppStore((s) => s.info?.scope.code ?? null);
  const [store] = useState<MapStore>(() => {
    const params = new URLSearchParams(window.location.search);
    const window_ = windowMinutes ?? (Number(params.get('window')) || 60);
    return createMapStore({
      windowMinutes: Math.min(1440, Math.max(15, window_)),
      settings: { ...defaultSettings(window.location.search), ...settings },
    });
  });
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  const [webgl] = useState(hasWebGL2);
  const ready = useStore(store, (s) => s.ready);
  const error = useStore(store, (s) => s.error);
  // Primitives only: the status object is replaced on every particle batch.
  const portsWithoutCoordinates = useStore(store, (s) => s.status.portsWithoutCoordinates);
  const unknownPartners = useStore(store, (s) => s.status.unknownPartners.length);
  const hasData = useStore(store, (s) => (s.overview ? s.overview.asOf !== null : true));

  // A wall configured for one district (or one of its subordinate customs) opens there.
  useEffect(() => {
    const home = unit ?? (scope && scope !== '*' ? scope.slice(0, 2) : null);
    if (home) store.setState({ level: 'district', unit: home, port: null });
  }, [unit, scope, store]);

  useEffect(() => {
    if (!container.current || !webgl) return;
    const map = new MapController({ container: container.current, store, source });
    controller.current = map;
    window.portwallMap = { store, controller: map, call: (method, input) => host.call(method, input) };
    const observer = new ResizeObserver(() => map.resize());
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      map.destroy();
      controller.current = null;
      if (window.portwallMap?.controller === map) delete window.portwallMap;
    };
  }, [store, source, webgl]);

  useMapKeyboard(store, useCallback(() => controller.current, []));

  return (
    <div className="port-map" data-testid="port-map" data-ready={ready ? 'true' : 'false'}>
      <div ref={container} className="port-map-canvas" data-testid="port-map-canvas" />
      {!webgl && <p className="map-message">{t('webglMissing')}</p>}
      {webgl && !ready && !error && <p className="map-message">{t('loading')}</p>}
      {error && <p className="map-message map-error">{error}</p>}
      {ready && !hasData && <p className="map-message">{t('noData')}</p>}
      <MapNav store={store} />
      <Legend store={store} />
      <PortPanel store={store} />
      {(portsWithoutCoordinates > 0 || unknownPartners > 0) && (
        <p className="map-notice" data-testid="map-not-drawn">
          {t('notDrawn', { ports: portsWithoutCoordinates, partners: unknownPartners })}
        </p>
      )}
    </div>
  );
}
