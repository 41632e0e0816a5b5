import i18next from 'i18next';
import {
  ALERT_NOTICE_LIMIT,
  SEVERITY_RANK,
  isEscalatedTo,
  isOpen,
  isUnacknowledged,
  withinScope,
  type Alert,
  type AlertNotice,
  type AlertSummary,
  type Officer,
} from '@watchfloor/shared';

/**
 * What the desk console reports to the desktop shell (`bridge.reportAlerts`), so the shell can notify an
 * officer who is not looking: the unacknowledged count, open critical alerts nobody holds, and open alerts
 * escalated to this officer (`isEscalatedTo`). Only alerts within the officer's country scope count. No
 * personal data: titles and bodies come from the hit's non-personal summary.
 */

/** Native notification text, through the same i18n layer as the rest of the console. */
export function alertNotice(alert: Alert): AlertNotice {
  const title = i18next.t('notifications.title', {
    severity: i18next.t(`map.severity.${alert.hit.severity}`),
    source: i18next.t(`queue.sourceShort.${alert.hit.source}`),
    country: alert.hit.country,
  });
  return { alertId: alert.id, title: title.slice(0, 120), body: alert.hit.summary.slice(0, 280) };
}

export function desktopAlertSummary(alerts: Iterable<Alert>, officer: Officer): AlertSummary {
  let unacknowledged = 0;
  const critical: Alert[] = [];
  const escalated: Alert[] = [];
  for (const alert of alerts) {
    if (!isOpen(alert)) continue;
    if (!withinScope(officer, alert)) continue;
    if (isUnacknowledged(alert)) {
      unacknowledged += 1;
      if (SEVERITY_RANK[alert.hit.severity] === SEVERITY_RANK.critical) critical.push(alert);
    }
    if (alert.status === 'escalated' && isEscalatedTo(officer, alert)) escalated.push(alert);
  }
  // The newest first: when more than the limit are open, the ones the officer has not seen yet are kept.
  const newest = (list: Alert[]) => list.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, ALERT_NOTICE_LIMIT).map(alertNotice);
  return { unacknowledged, critical: newest(critical), escalatedToMe: newest(escalated) };
}
