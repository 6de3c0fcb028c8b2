// The map region of the wall: maplibre basemap with deck.gl layers (ports, flows,
// particles, districts), the navigation, legend and port panel. React renders when the
// level, selection or summary changes; the animation never goes through React.
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/map.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { MapScene } from '../../../shared/wall/scene.js';
import type { HostClient } from '../host/client.js';
import { host } from '../host/index.js';
import { useAppStore } from '../state/appStore.js';
import { hostMapSource } from './data/hostSource.js';
import type { MapDataSource } from './data/source.js';
import { registerMapStrings } from './i18n.js';
import { MapController } from './MapController.js';
import { createMapStore, defaultSettings, type MapSettings, type MapStore, startingView } from './mapStore.js';
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

export function PortMap({ source = hostMapSource, settings }: PortMapProps = {}) {
  const { t } = useTranslation('map');
  const scope = useAppStore((s) => s.info?.scope.code ?? null);
  // A string, so a re-read of app.info (after the host reconnects) does not move the map.
  const sceneJson = useAppStore((s) => JSON.stringify(s.info?.scene.map ?? null));
  const [store] = useState<MapStore>(() =>
    createMapStore({ ...startingView(undefined, null, window.location.search), settings: { ...defaultSettings(window.location.search), ...settings } }),
  );
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  const [webgl] = useState(hasWebGL2);
  const ready = useStore(store, (s) => s.ready);
  const error = useStore(store, (s) => s.error);
  // Primitives only: the status object is replaced on every particle batch.
  const portsWithoutCoordinates = useStore(store, (s) => s.status.portsWithoutCoordinates);
  const unknownPartners = useStore(store, (s) => s.status.unknownPartners.length);
  const hasData = useStore(store, (s) => (s.overview ? s.overview.asOf !== null : true));

  // The scene (or a district center's scope) arrives with app.info, after the first render.
  useEffect(() => {
    const scene = JSON.parse(sceneJson) as MapScene | null;
    if (scene || scope) store.setState(startingView(scene ?? undefined, scope, window.location.search));
  }, [sceneJson, scope, store]);

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
