import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Date and time in Beijing, ticking every second, whatever the machine's time zone. */
export function BeijingClock() {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const locale = i18n.language === 'en' ? 'en-GB' : 'zh-CN';
  const date = new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' }).format(now);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(now);
  return (
    <div className="clock" data-testid="clock">
      <span className="clock-time" data-testid="clock-time">{time}</span>
      <span className="clock-date">
        {t('clock.beijing')} · {date}
      </span>
    </div>
  );
}
