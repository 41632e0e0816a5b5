import type { DoNotDisturbStatus } from '@watchfloor/shared';
import type { AlertDeskPorts } from './alert-desk';
import { alertIndicator } from './alert-indicator';
import type { DesktopNotification } from './notification-rules';

/**
 * The platform side of the alert desk: native notifications, the tray icon and count, the dock/launcher
 * badge and taskbar/dock attention. Electron's objects come in as parameters so this is tested with fakes.
 */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}
export type CreateNotification = (options: { title: string; body: string; silent: boolean }) => NotificationLike;

export interface TrayLike {
  setToolTip(text: string): void;
  setTitle(title: string): void;
  setImage(image: unknown): void;
}

export interface AttentionWindow {
  isFocused(): boolean;
  flashFrame(flag: boolean): void;
  setOverlayIcon(overlay: unknown, description: string): void;
}

export interface AlertPortsDeps {
  readonly platform: NodeJS.Platform;
  readonly timeZone: string;
  readonly createNotification: CreateNotification | undefined;
  readonly tray: TrayLike | undefined;
  readonly icons: { readonly idle: unknown; readonly alerting: unknown; readonly overlay: unknown };
  readonly setBadgeCount: (count: number) => void;
  readonly bounceDock: (() => void) | undefined;
  readonly deskWindow: () => AttentionWindow | undefined;
  readonly focusAlert: (alertId: string) => void;
  readonly log: { warn(message: string): void };
}

export function createAlertPorts(deps: AlertPortsDeps): AlertDeskPorts {
  // Electron may collect a notification that nothing references, and its click would then be lost.
  const live = new Set<NotificationLike>();
  return {
    notify(notification: DesktopNotification, onClick: () => void) {
      if (deps.createNotification === undefined) return;
      const shown = deps.createNotification({ title: notification.title, body: notification.body, silent: notification.silent });
      live.add(shown);
      shown.on('click', () => {
        live.delete(shown);
        onClick();
      });
      shown.on('close', () => live.delete(shown));
      shown.show();
    },
    showCount(unacknowledged: number, dnd: DoNotDisturbStatus) {
      const indicator = alertIndicator(unacknowledged, dnd, deps.timeZone);
      deps.tray?.setToolTip(indicator.tooltip);
      deps.tray?.setImage(unacknowledged > 0 ? deps.icons.alerting : deps.icons.idle);
      if (deps.platform === 'darwin') deps.tray?.setTitle(indicator.title);
      deps.setBadgeCount(indicator.badge);
      if (deps.platform === 'win32') {
        deps.deskWindow()?.setOverlayIcon(unacknowledged > 0 ? deps.icons.overlay : null, unacknowledged > 0 ? indicator.tooltip : '');
      }
    },
    requestAttention() {
      const window = deps.deskWindow();
      if (window === undefined || window.isFocused()) return;
      if (deps.platform === 'darwin') deps.bounceDock?.();
      else window.flashFrame(true);
    },
    focusAlert: deps.focusAlert,
    now: () => Date.now(),
    schedule(delayMs, task) {
      const timer = setTimeout(task, delayMs);
      return () => clearTimeout(timer);
    },
  };
}
