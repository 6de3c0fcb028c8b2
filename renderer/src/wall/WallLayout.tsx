import { useTranslation } from 'react-i18next';
import { PortMap } from '../map/PortMap.js';
import { WallHeader } from './WallHeader.js';

/**
 * The wall: header, then the map beside the indicator tiles, with the alert ticker along
 * the bottom. One CSS grid that scales with the canvas (a 3840×1080 strip or a 7680×2160
 * multi-monitor canvas) in real pixels, never with CSS transforms.
 */
export function WallLayout() {
  const { t } = useTranslation();
  return (
    <div className="wall" data-testid="wall">
      <WallHeader />
      <section className="region region-map" data-testid="region-map" aria-label={t('region.map')}>
        <PortMap />
      </section>
      <section className="region region-tiles" data-testid="region-tiles" aria-label={t('region.tiles')}>
        <h2 className="region-title">{t('region.tiles')}</h2>
      </section>
      <section className="region region-ticker" data-testid="region-ticker" aria-label={t('region.ticker')}>
        <h2 className="region-title">{t('region.ticker')}</h2>
      </section>
    </div>
  );
}
