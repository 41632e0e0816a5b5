import { formatIsoUtc } from '@watchfloor/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayZone } from '../i18n/display-zone';
import { formatLocalTime, formatUtcTime } from '../i18n/format';


/** UTC for coordination across countries, local for the officer's shift; both always labelled. */
export function Clock() {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <div className="clock" role="timer" aria-live="off">
      <span className="clock__label">{t('clock.utc')}</span>
      <time className="clock__value" dateTime={formatIsoUtc(now)} data-testid="clock-utc">
        {formatUtcTime(now, { date: false })}
      </time>
      <span className="clock__label">{t('clock.local')}</span>
      <time className="clock__value" data-testid="clock-local">
        {formatLocalTime(now, displayZone())}
      </time>
    </div>
  );
}
