import type { AlertNotice, AlertSummary } from '@watchfloor/shared';

/**
 * When the desktop interrupts an officer. Only two things are worth it: a critical hit that was not there
 * before, and an alert escalated to the officer's level. Everything else shows in the window and the tray
 * count. Do-not-disturb silences notifications and attention requests but never the count.
 */
export interface AlertWatch {
  readonly critical: ReadonlySet<string>;
  readonly escalated: ReadonlySet<string>;
}
export const EMPTY_ALERT_WATCH: AlertWatch = { critical: new Set(), escalated: new Set() };

export type NotificationKind = 'critical' | 'escalation' | 'digest';
export interface DesktopNotification {
  readonly kind: NotificationKind;
  /** The alert a click focuses; for a digest, the most pressing of the alerts it stands for. */
  readonly alertId: string;
  readonly title: string;
  readonly body: string;
  readonly silent: boolean;
}

export interface NotificationPolicy {
  readonly doNotDisturb: boolean;
  readonly sound: boolean;
  /** Above this many new alerts at once, one digest replaces a burst of notifications. */
  readonly maxSeparate: number;
}
export const DEFAULT_MAX_SEPARATE_NOTIFICATIONS = 3;

export interface AlertReview {
  /** What has been seen, to compare the next summary with. */
  readonly watch: AlertWatch;
  readonly notifications: readonly DesktopNotification[];
  /** Flash the taskbar button or bounce the dock icon. */
  readonly requestAttention: boolean;
  readonly unacknowledged: number;
}

export function reviewAlerts(watch: AlertWatch, summary: AlertSummary, policy: NotificationPolicy): AlertReview {
  // Alerts that left the summary are forgotten, so a later re-escalation of the same alert notifies again.
  const next: AlertWatch = {
    critical: new Set(summary.critical.map((notice) => notice.alertId)),
    escalated: new Set(summary.escalatedToMe.map((notice) => notice.alertId)),
  };
  const escalations = summary.escalatedToMe.filter((notice) => !watch.escalated.has(notice.alertId));
  const escalatedIds = new Set(escalations.map((notice) => notice.alertId));
  // An alert both newly critical and newly escalated to me is told once, as the escalation: it names me.
  const criticals = summary.critical.filter(
    (notice) => !watch.critical.has(notice.alertId) && !escalatedIds.has(notice.alertId),
  );
  const silent = !policy.sound;
  const fresh: DesktopNotification[] = [
    ...escalations.map((notice) => notification('escalation', notice, silent)),
    ...criticals.map((notice) => notification('critical', notice, silent)),
  ];
  const notifications = policy.doNotDisturb
    ? []
    : fresh.length > policy.maxSeparate
      ? [digest(fresh, escalations.length, criticals.length, silent)]
      : fresh;
  return { watch: next, notifications, requestAttention: notifications.length > 0, unacknowledged: summary.unacknowledged };
}

function notification(kind: 'critical' | 'escalation', notice: AlertNotice, silent: boolean): DesktopNotification {
  const title = kind === 'escalation' ? `Escalated to you: ${notice.title}` : notice.title;
  return { kind, alertId: notice.alertId, title, body: notice.body, silent };
}

function digest(
  fresh: readonly DesktopNotification[],
  escalations: number,
  criticals: number,
  silent: boolean,
): DesktopNotification {
  const parts = [
    escalations > 0 ? `${escalations} escalated to you` : undefined,
    criticals > 0 ? `${criticals} new critical` : undefined,
  ].filter((part) => part !== undefined);
  return {
    kind: 'digest',
    alertId: fresh[0]!.alertId,
    title: `${fresh.length} alerts need attention`,
    body: `${parts.join(', ')}. Open Watchfloor to handle them.`,
    silent,
  };
}
