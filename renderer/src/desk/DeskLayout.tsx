import { useTranslation } from 'react-i18next';
import { WallHeader } from '../wall/WallHeader.js';

/** The duty officer's window: the same header, then the alert queue beside the detail pane. */
export function DeskLayout() {
  const { t } = useTranslation();
  return (
    <div className="desk" data-testid="desk">
      <WallHeader />
      <section className="region region-alerts" data-testid="region-alerts" aria-label={t('region.alerts')}>
        <h2 className="region-title">{t('region.alerts')}</h2>
      </section>
      <section className="region region-detail" data-testid="region-detail" aria-label={t('region.detail')}>
        <h2 className="region-title">{t('region.detail')}</h2>
      </section>
    </div>
  );
}
