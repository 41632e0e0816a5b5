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
import type { AlertView } from '../data/alert-view-sync';
import { countryName } from '../i18n/format';
import { createOrderedRows, type QueueRows, type RowOrder } from '../queue/ordered-rows';

/**
 * What the desk console reports to the desktop shell (`bridge.reportAlerts`), so the shell can notify an
 * officer who is not looking: the unacknowledged count, open critical alerts nobody holds, and open alerts
 * escalated to this officer (`isEscalatedTo`). Only alerts within the officer's country scope count. No
 * personal data: titles and bodies come from the hit's non-personal summary. Kept up to date per changed
 * alert, so a batch costs what it touched.
 */

/**
 * Titles worded so far, by language, severity, source and country: a batch of new critical hits renews the
 * newest notices, and most share their wording.
 */
const titles = new Map<string, string>();

/** Native notification text, through the same i18n layer as the rest of the console. */
export function alertNotice(alert: Alert): AlertNotice {
  const { severity, source, country } = alert.hit;
  const key = `${i18next.language}\u0000${severity}\u0000${source}\u0000${country}`;
  let title = titles.get(key);
  if (title === undefined) {
    title = i18next.t('notifications.title', { severity: i18next.t(`map.severity.${severity}`), source: i18next.t(`queue.sourceShort.${source}`), country: countryName(country) }).slice(0, 120);
    titles.set(key, title);
  }
  return { alertId: alert.id, title, body: alert.hit.summary.slice(0, 280) };
}

/** The desktop summary kept up to date alert by alert (see `AlertView`). */
export interface AlertSummaryView extends AlertView {
  summary(): AlertSummary;
}

/** The newest first: when more than the limit are open, the ones the officer has not seen yet are kept. */
const NEWEST_FIRST: RowOrder = { key: (alert) => -alert.updatedAt, tie: (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) };

export function createAlertSummaryView(alerts: Iterable<Alert>, officer: Officer): AlertSummaryView {
  let unacknowledged = 0;
  const critical = createOrderedRows(NEWEST_FIRST);
  const escalated = createOrderedRows(NEWEST_FIRST);
  let summary: AlertSummary | undefined;
  const count = (alert: Alert, sign: 1 | -1) => {
    if (!isOpen(alert) || !withinScope(officer, alert)) return;
    if (isUnacknowledged(alert)) {
      unacknowledged += sign;
      if (SEVERITY_RANK[alert.hit.severity] === SEVERITY_RANK.critical) {
        if (sign > 0) critical.insert(alert);
        else critical.remove(alert);
      }
    }
    if (alert.status === 'escalated' && isEscalatedTo(officer, alert)) {
      if (sign > 0) escalated.insert(alert);
      else escalated.remove(alert);
    }
  };
  for (const alert of alerts) count(alert, 1);
  // An alert is never changed, only replaced: its notice is worded once.
  const notices = new WeakMap<Alert, AlertNotice>();
  const noticeOf = (alert: Alert) => notices.get(alert) ?? notices.set(alert, alertNotice(alert)).get(alert)!;
  const newest = (rows: QueueRows) => Array.from({ length: Math.min(rows.length, ALERT_NOTICE_LIMIT) }, (_, i) => noticeOf(rows.at(i)));
  return {
    summary() {
      summary ??= { unacknowledged, critical: newest(critical), escalatedToMe: newest(escalated) };
      return summary;
    },
    update(before, after) {
      if (before === after) return;
      summary = undefined;
      if (before !== undefined) count(before, -1);
      if (after !== undefined) count(after, 1);
    },
  };
}
