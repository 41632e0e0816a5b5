import type { AlertSummary, DoNotDisturbStatus } from '@watchfloor/shared';
import { describe, expect, it } from 'vitest';
import { createAlertDesk, type AlertDeskPorts } from './alert-desk';
import { alertIndicator } from './alert-indicator';
import type { DesktopNotification } from './notification-rules';

function fakePorts(start = 1_000_000) {
  let now = start;
  const shown: Array<{ notification: DesktopNotification; click: () => void }> = [];
  const counts: Array<[number, DoNotDisturbStatus]> = [];
  const focused: string[] = [];
  const timers: Array<{ at: number; task: () => void; cancelled: boolean }> = [];
  let attention = 0;
  const ports: AlertDeskPorts = {
    notify: (notification, click) => void shown.push({ notification, click }),
    showCount: (count, dnd) => void counts.push([count, dnd]),
    requestAttention: () => void (attention += 1),
    focusAlert: (alertId) => void focused.push(alertId),
    now: () => now,
    schedule: (delayMs, task) => {
      const timer = { at: now + delayMs, task, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
      timer.cancelled = true;
      timer.task();
    }
  };
  return { ports, shown, counts, focused, attention: () => attention, advance };
}

const critical = (alertId: string, unacknowledged = 1): AlertSummary => ({
  unacknowledged,
  critical: [{ alertId, title: 'Critical hit', body: 'Red notice match at Cotonou port' }],
  escalatedToMe: [],
});

describe('alert desk', () => {
  it('given a new critical hit, then it notifies, counts, asks for attention, and a click focuses the alert', () => {
    const fake = fakePorts();
    const desk = createAlertDesk(fake.ports, { sound: true });
    desk.report(critical('hit-1', 4));
    expect(fake.shown.map((s) => s.notification.alertId)).toEqual(['hit-1']);
    expect(fake.counts.at(-1)).toEqual([4, { active: false }]);
    expect(fake.attention()).toBe(1);
    fake.shown[0]!.click();
    expect(fake.focused).toEqual(['hit-1']);
  });

  it('given do-not-disturb for 30 minutes, then alerts are counted silently until it lapses by itself', () => {
    const fake = fakePorts();
    const desk = createAlertDesk(fake.ports, { sound: true });
    expect(desk.setDoNotDisturb(30)).toEqual({ active: true, until: 1_000_000 + 30 * 60_000 });
    desk.report(critical('hit-1', 2));
    expect(fake.shown).toEqual([]);
    expect(fake.attention()).toBe(0);
    expect(fake.counts.at(-1)).toEqual([2, { active: true, until: 1_000_000 + 30 * 60_000 }]);

    fake.advance(30 * 60_000);
    expect(desk.doNotDisturb()).toEqual({ active: false });
    expect(fake.counts.at(-1)).toEqual([2, { active: false }]);
    desk.report(critical('hit-2', 3));
    expect(fake.shown.map((s) => s.notification.alertId)).toEqual(['hit-2']);
  });

  it('given do-not-disturb ended early with 0 minutes, then notifications resume at once and the old timer does nothing', () => {
    const fake = fakePorts();
    const desk = createAlertDesk(fake.ports, { sound: false });
    desk.setDoNotDisturb(60);
    expect(desk.setDoNotDisturb(0)).toEqual({ active: false });
    const countsBefore = fake.counts.length;
    fake.advance(60 * 60_000);
    expect(fake.counts.length).toBe(countsBefore);
    desk.report(critical('hit-1'));
    expect(fake.shown[0]!.notification.silent).toBe(true);
  });
});

describe('alert indicator', () => {
  it('given counts and do-not-disturb, then the tooltip says both in words', () => {
    expect(alertIndicator(0, { active: false }, 'UTC')).toEqual({ tooltip: 'Watchfloor: no unacknowledged alerts', title: '', badge: 0 });
    expect(alertIndicator(1, { active: false }, 'UTC').tooltip).toBe('Watchfloor: 1 unacknowledged alert');
    const quiet = alertIndicator(12, { active: true, until: Date.UTC(2026, 10, 22, 14, 30) }, 'Africa/Lagos');
    expect(quiet).toEqual({
      tooltip: 'Watchfloor: 12 unacknowledged alerts (do not disturb until 15:30:00 Africa/Lagos)',
      title: '12',
      badge: 12,
    });
  });
});
