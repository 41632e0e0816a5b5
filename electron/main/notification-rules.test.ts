import type { AlertNotice, AlertSummary } from '@watchfloor/shared';
import { describe, expect, it } from 'vitest';
import { EMPTY_ALERT_WATCH, reviewAlerts, type AlertWatch } from './notification-rules';

const notice = (alertId: string): AlertNotice => ({ alertId, title: `Critical hit ${alertId}`, body: 'SLTD match at Lagos airport' });
const summary = (critical: string[], escalatedToMe: string[] = [], unacknowledged = critical.length): AlertSummary => ({
  unacknowledged,
  critical: critical.map(notice),
  escalatedToMe: escalatedToMe.map(notice),
});
const policy = { doNotDisturb: false, sound: true, maxSeparate: 3 };

function replay(summaries: AlertSummary[], override: Partial<typeof policy> = {}) {
  let watch: AlertWatch = EMPTY_ALERT_WATCH;
  return summaries.map((next) => {
    const review = reviewAlerts(watch, next, { ...policy, ...override });
    watch = review.watch;
    return review;
  });
}

describe('notification rules', () => {
  it('given a new critical hit, then one notification names it; seen again, then nothing', () => {
    const [first, second] = replay([summary(['hit-1']), summary(['hit-1'])]);
    expect(first!.notifications).toEqual([
      { kind: 'critical', alertId: 'hit-1', title: 'Critical hit hit-1', body: 'SLTD match at Lagos airport', silent: false },
    ]);
    expect(first!.requestAttention).toBe(true);
    expect(second!.notifications).toEqual([]);
    expect(second!.requestAttention).toBe(false);
  });

  it('given an escalation to my level, then it is told as such, once, even when the alert is also critical', () => {
    const [first] = replay([summary(['hit-1'], ['hit-1'])]);
    expect(first!.notifications.map((n) => [n.kind, n.title])).toEqual([['escalation', 'Escalated to you: Critical hit hit-1']]);
  });

  it('given an already known critical alert later escalated to me, then the escalation notifies', () => {
    const [, second] = replay([summary(['hit-1']), summary(['hit-1'], ['hit-1'])]);
    expect(second!.notifications.map((n) => n.kind)).toEqual(['escalation']);
  });

  it('given an alert that left the summary and came back escalated, then it notifies again', () => {
    const reviews = replay([summary([], ['hit-1']), summary([]), summary([], ['hit-1'])]);
    expect(reviews.map((review) => review.notifications.length)).toEqual([1, 0, 1]);
  });

  it('given do-not-disturb, then nothing interrupts but the count stays, and the silenced alerts are not replayed after', () => {
    const [quiet] = replay([summary(['hit-1', 'hit-2'], [], 5)], { doNotDisturb: true });
    expect(quiet!.notifications).toEqual([]);
    expect(quiet!.requestAttention).toBe(false);
    expect(quiet!.unacknowledged).toBe(5);
    const after = reviewAlerts(quiet!.watch, summary(['hit-1', 'hit-2', 'hit-3']), policy);
    expect(after.notifications.map((n) => n.alertId)).toEqual(['hit-3']);
  });

  it('given a burst of new alerts, then one digest replaces them and focuses the escalation first', () => {
    const [burst] = replay([summary(['hit-1', 'hit-2', 'hit-3'], ['hit-9'])]);
    expect(burst!.notifications).toEqual([
      {
        kind: 'digest',
        alertId: 'hit-9',
        title: '4 alerts need attention',
        body: '1 escalated to you, 3 new critical. Open Watchfloor to handle them.',
        silent: false,
      },
    ]);
  });

  it('given sound is off, then notifications are silent', () => {
    const [first] = replay([summary(['hit-1'])], { sound: false });
    expect(first!.notifications[0]!.silent).toBe(true);
  });
});
