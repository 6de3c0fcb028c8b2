import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '../i18n/index.js';
import { useAppStore } from '../state/appStore.js';
import { BeijingClock } from './BeijingClock.js';
import { FreshnessBadge } from './FreshnessBadge.js';

export function WallHeader() {
  const { t, i18n } = useTranslation();
  const info = useAppStore((s) => s.info);
  const english = i18n.language === 'en';
  const scopeName = info ? (english ? info.scope.nameEn : info.scope.nameZh) : '';
  const other: Language = english ? 'zh-CN' : 'en';
  return (
    <header className="wall-header">
      <div className="wall-title">
        <span className="wall-scope" data-testid="scope-name">
          {scopeName}
        </span>
        {info?.demo && (
          <span className="demo-badge" data-testid="demo-badge">
            {t('app.demo')}
          </span>
        )}
      </div>
      <div className="wall-status">
        <FreshnessBadge />
        <BeijingClock />
        <button type="button" className="language-switch" data-testid="language-switch" onClick={() => void setLanguage(other)}>
          {t('language.switchTo')}
        </button>
      </div>
    </header>
  );
}
