import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration, formatUtcTime } from '../i18n/format';
import type { LiveSnapshot } from '../data/live-store';
import { FIRST_CONNECTION, freshnessOf, trackConnection, type ConnectionHistory, type Freshness } from '../data/staleness';

/**
 * The hub connection as it went (`trackConnection`), read on every render of the screen: how fresh the
 * picture is now.
 */
export function useFreshness(snapshot: LiveSnapshot, now: number): Freshness {
  const history = useRef<ConnectionHistory>(FIRST_CONNECTION);
  const { hello, through } = snapshot;
  const reading = {
    kind: snapshot.connection.kind,
    hasPicture: snapshot.receivedAt !== undefined || snapshot.fromCache,
    caughtUp: hello !== undefined && through >= hello.headSeq && snapshot.loading === undefined,
  };
  history.current = trackConnection(history.current, reading, Date.now());
  return freshnessOf(history.current, snapshot.receivedAt, now);
}

/**
 * A full-width band nobody can miss while the hub cannot be reached: since when the picture is, how old it
 * is, and that figures below are as of then; then, once the hub is back, catching up and "live again".
 */
export function OutageBanner(props: { readonly freshness: Freshness; readonly now: number }) {
  const { t } = useTranslation();
  const { freshness } = props;
  switch (freshness.kind) {
    case 'live':
    case 'waiting':
      return null;
    case 'stale':
      return (
        <div className="outage outage--stale" role="alert" data-testid="outage-banner" data-state="stale">
          <strong>{t('outage.title')}</strong>
          <span className="outage__as-of">
            {t('outage.asOf', { time: formatUtcTime(freshness.asOf, { date: false, zone: false }), age: formatDuration(props.now - freshness.asOf) })}
          </span>
          <span>{t('outage.meaning')}</span>
        </div>
      );
    case 'catching-up':
      return (
        <div className="outage outage--catching-up" role="status" data-testid="outage-banner" data-state="catching-up">
          <strong>{t('outage.catchingUp')}</strong>
        </div>
      );
    case 'recovered':
      return (
        <div className="outage outage--recovered" role="status" data-testid="outage-banner" data-state="recovered">
          <strong>{t('outage.recovered')}</strong>
        </div>
      );
  }
}
