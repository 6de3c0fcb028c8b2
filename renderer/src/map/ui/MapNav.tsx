// Where the map is (national › district › port), the way back, and the window and
// indicator in force. Sits at the top of the map region, next to the wall header.
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { parentLevel, type MapStore } from '../mapStore.js';

export function MapNav({ store }: { store: MapStore }) {
  const { t, i18n } = useTranslation('map');
  const level = useStore(store, (s) => s.level);
  const unit = useStore(store, (s) => s.unit);
  const port = useStore(store, (s) => s.port);
  const windowMinutes = useStore(store, (s) => s.windowMinutes);
  const indicator = useStore(store, (s) => s.indicator);
  const en = i18n.language === 'en';
  // Names only, so a data refresh that keeps them does not re-render the navigation.
  const districtName = useStore(store, (s) => {
    const d = s.overview?.districts.find((x) => x.unit === s.unit);
    return d ? (en ? d.nameEn : d.nameZh) : s.unit;
  });
  const portName = useStore(store, (s) => {
    const p = s.overview?.ports.find((x) => x.code === s.port);
    return p ? (en ? p.nameEn : p.nameZh) : s.port;
  });

  return (
    <nav className="map-nav" data-testid="map-nav" data-level={level}>
      <ol className="map-crumbs">
        <li>
          <button type="button" onClick={() => store.setState({ level: 'national', unit: null, port: null })} disabled={level === 'national'}>
            {t('national')}
          </button>
        </li>
        {level !== 'national' && unit && (
          <li>
            <button type="button" onClick={() => store.setState({ level: 'district', unit, port: null })} disabled={level === 'district'}>
              {districtName}
            </button>
          </li>
        )}
        {level === 'port' && port && <li>{portName}</li>}
      </ol>
      {level !== 'national' && (
        <button type="button" className="map-back" data-testid="map-back" onClick={() => store.setState(parentLevel(store.getState()))}>
          ← {t('back')} <small>{t('backHint')}</small>
        </button>
      )}
      <span className="map-chip">{t('window', { label: t(`windowLabel_${windowMinutes}`, { defaultValue: `${windowMinutes} min` }) })}</span>
      <span className="map-chip">{t(`indicator_${indicator}`)}</span>
    </nav>
  );
}
