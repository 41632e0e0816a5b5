import type { AlertSummary } from '@watchfloor/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { criticalCount, decideAlarm, type AlarmPolicy } from './alarm-decision';
import { playCriticalAlarm } from './alarm-sound';

/**
 * The console's own alarm, in whatever window it runs: the unacknowledged critical count in the tab
 * title, and for each new critical hit (`decideAlarm`) the sound, a browser notification and the words
 * a screen reader announces (returned, for an assertive live region).
 */
type AlarmSettings = Omit<AlarmPolicy, 'looking' | 'mayNotify'> & {
  /** In the desktop shell, which raises its own native notifications from the same summary. */
  readonly desktopShell: boolean;
  /** A whole picture has arrived (from the hub or the cache): the first one is the baseline, not news. */
  readonly pictureReady: boolean;
};

export function useAlarm(summary: AlertSummary, settings: AlarmSettings): string {
  const { t } = useTranslation();
  const seen = useRef<ReadonlySet<string> | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const { watchesAlerts, doNotDisturb, soundOn, desktopShell, pictureReady } = settings;

  useEffect(() => {
    if (!pictureReady) return;
    const mayNotify = !desktopShell && typeof Notification !== 'undefined' && Notification.permission === 'granted';
    const looking = document.visibilityState === 'visible' && document.hasFocus();
    const decision = decideAlarm(seen.current, summary, { watchesAlerts, doNotDisturb, soundOn, mayNotify, looking });
    seen.current = decision.seen;
    if (decision.fresh.length === 0) return;
    const first = decision.fresh[0]!;
    setAnnouncement(
      decision.fresh.length === 1 ? t('alarm.announceOne', { title: first.title, body: first.body }) : t('alarm.announceMany', { count: decision.fresh.length }),
    );
    if (decision.sound) playCriticalAlarm();
    for (const notice of decision.notify) {
      try {
        new Notification(notice.title, { body: notice.body, tag: notice.alertId });
      } catch {
        // A browser that permits but cannot show one: the title and the sound still tell.
      }
    }
  }, [summary, watchesAlerts, doNotDisturb, soundOn, desktopShell, pictureReady, t]);

  const { count, atLeast } = criticalCount(summary);
  useEffect(() => {
    const base = t('alarm.appName');
    document.title = watchesAlerts && count > 0 ? t(atLeast ? 'alarm.tabTitleAtLeast' : 'alarm.tabTitle', { count, app: base }) : base;
  }, [count, atLeast, watchesAlerts, t]);
  useEffect(
    () => () => {
      document.title = t('alarm.appName');
    },
    [t],
  );

  return announcement;
}
