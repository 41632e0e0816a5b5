import type { AlertSummary, DoNotDisturbStatus } from '@watchfloor/shared';
import { doNotDisturbStatus, doNotDisturbUntil } from './do-not-disturb';
import {
  DEFAULT_MAX_SEPARATE_NOTIFICATIONS,
  EMPTY_ALERT_WATCH,
  reviewAlerts,
  type AlertWatch,
  type DesktopNotification,
} from './notification-rules';

/**
 * The main-process side of "alerts beyond the window": it keeps what has been seen and the do-not-disturb
 * end, applies the notification rules to each summary the desk window reports, and drives the platform
 * through these ports (native notifications, tray and badge, taskbar/dock attention).
 */
export interface AlertDeskPorts {
  notify(notification: DesktopNotification, onClick: () => void): void;
  showCount(unacknowledged: number, dnd: DoNotDisturbStatus): void;
  requestAttention(): void;
  /** Brings the desk window forward and tells it which alert to show. */
  focusAlert(alertId: string): void;
  now(): number;
  /** Runs `task` once after `delayMs`; returns a cancel function. */
  schedule(delayMs: number, task: () => void): () => void;
}

export interface AlertDesk {
  report(summary: AlertSummary): void;
  setDoNotDisturb(minutes: number): DoNotDisturbStatus;
  doNotDisturb(): DoNotDisturbStatus;
}

export function createAlertDesk(ports: AlertDeskPorts, options: { readonly sound: boolean }): AlertDesk {
  let watch: AlertWatch = EMPTY_ALERT_WATCH;
  let unacknowledged = 0;
  let dndUntil: number | undefined;
  let cancelLapse: (() => void) | undefined;

  const status = () => doNotDisturbStatus(dndUntil, ports.now());
  const refreshCount = () => ports.showCount(unacknowledged, status());

  return {
    report(summary) {
      const review = reviewAlerts(watch, summary, {
        doNotDisturb: status().active,
        sound: options.sound,
        maxSeparate: DEFAULT_MAX_SEPARATE_NOTIFICATIONS,
      });
      watch = review.watch;
      unacknowledged = review.unacknowledged;
      refreshCount();
      for (const notification of review.notifications) {
        ports.notify(notification, () => ports.focusAlert(notification.alertId));
      }
      if (review.requestAttention) ports.requestAttention();
    },
    setDoNotDisturb(minutes) {
      cancelLapse?.();
      cancelLapse = undefined;
      dndUntil = doNotDisturbUntil(minutes, ports.now());
      // The tray says "do not disturb until…"; it must stop saying so when the time is up.
      if (dndUntil !== undefined) cancelLapse = ports.schedule(dndUntil - ports.now(), refreshCount);
      refreshCount();
      return status();
    },
    doNotDisturb: status,
  };
}
