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
  const overview = useStore(store, (s) => s.overview);
  const en = i18n.language === 'en';
  const district = overview?.districts.find((d) => d.unit === unit);
  const portInfo = overview?.ports.find((p) => p.code === port);
  const name = (zh: string, english: string) => (en ? english : zh);

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
              {district ? name(district.nameZh, district.nameEn) : unit}
            </button>
          </li>
        )}
        {level === 'port' && port && <li>{portInfo ? name(portInfo.nameZh, portInfo.nameEn) : port}</li>}
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
