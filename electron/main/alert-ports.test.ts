import { describe, expect, it, vi } from 'vitest';
import { createAlertPorts, type AlertPortsDeps, type NotificationLike } from './alert-ports';

function setup(platform: NodeJS.Platform, focused = false) {
  const notifications: Array<{ options: object; listeners: Map<string, () => void>; shown: boolean }> = [];
  const window = { isFocused: () => focused, flashFrame: vi.fn(), setOverlayIcon: vi.fn() };
  const tray = { setToolTip: vi.fn(), setTitle: vi.fn(), setImage: vi.fn() };
  const deps: AlertPortsDeps = {
    platform,
    timeZone: 'UTC',
    createNotification: (options) => {
      const record = { options, listeners: new Map<string, () => void>(), shown: false };
      notifications.push(record);
      const notification: NotificationLike = {
        on: (event, listener) => record.listeners.set(event, listener),
        show: () => void (record.shown = true),
      };
      return notification;
    },
    tray,
    icons: { idle: 'idle', alerting: 'alerting', overlay: 'overlay' },
    setBadgeCount: vi.fn(),
    bounceDock: vi.fn(),
    deskWindow: () => window,
    focusAlert: vi.fn(),
    log: { warn: vi.fn() },
  };
  return { ports: createAlertPorts(deps), deps, notifications, window, tray };
}

describe('alert ports', () => {
  it('given a notification, then it is shown natively and its click runs the handler', () => {
    const { ports, notifications } = setup('linux');
    const clicked = vi.fn();
    ports.notify({ kind: 'critical', alertId: 'hit-1', title: 'Critical hit', body: 'SLTD', silent: true }, clicked);
    expect(notifications[0]).toMatchObject({ options: { title: 'Critical hit', body: 'SLTD', silent: true }, shown: true });
    notifications[0]!.listeners.get('click')!();
    expect(clicked).toHaveBeenCalledTimes(1);
  });

  it('given a count, then tray tooltip, icon and badge follow it; Windows also gets a taskbar overlay, macOS a title', () => {
    const linux = setup('linux');
    linux.ports.showCount(3, { active: false });
    expect(linux.tray.setToolTip).toHaveBeenCalledWith('Watchfloor: 3 unacknowledged alerts');
    expect(linux.tray.setImage).toHaveBeenCalledWith('alerting');
    expect(linux.deps.setBadgeCount).toHaveBeenCalledWith(3);
    expect(linux.tray.setTitle).not.toHaveBeenCalled();

    const windows = setup('win32');
    windows.ports.showCount(0, { active: false });
    expect(windows.window.setOverlayIcon).toHaveBeenCalledWith(null, '');
    expect(windows.tray.setImage).toHaveBeenCalledWith('idle');

    const mac = setup('darwin');
    mac.ports.showCount(7, { active: false });
    expect(mac.tray.setTitle).toHaveBeenCalledWith('7');
  });

  it('given attention is requested, then the taskbar flashes (or the dock bounces) only when the desk is not focused', () => {
    const linux = setup('linux');
    linux.ports.requestAttention();
    expect(linux.window.flashFrame).toHaveBeenCalledWith(true);
    const mac = setup('darwin');
    mac.ports.requestAttention();
    expect(mac.deps.bounceDock).toHaveBeenCalledTimes(1);
    const focused = setup('linux', true);
    focused.ports.requestAttention();
    expect(focused.window.flashFrame).not.toHaveBeenCalled();
  });
});
