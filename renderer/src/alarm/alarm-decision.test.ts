import { ALERT_NOTICE_LIMIT, type AlertNotice, type AlertSummary } from '@watchfloor/shared';
import { describe, expect, it } from 'vitest';
import { criticalCount, decideAlarm, type AlarmPolicy } from './alarm-decision';

const notice = (id: string): AlertNotice => ({ alertId: id, title: `Critical hit ${id}`, body: 'Red notice match at arrivals' });
const summary = (...ids: string[]): AlertSummary => ({ unacknowledged: ids.length, critical: ids.map(notice), escalatedToMe: [] });
const duty: AlarmPolicy = { watchesAlerts: true, doNotDisturb: false, soundOn: true, mayNotify: true, looking: false };

describe('decideAlarm', () => {
  it('given the first summary after sign-in, then it is the baseline and nothing sounds', () => {
    const decision = decideAlarm(undefined, summary('hit-1'), duty);
    expect(decision).toMatchObject({ fresh: [], sound: false, notify: [] });
    expect([...decision.seen]).toEqual(['hit-1']);
  });

  it('given a new critical hit, then it sounds, notifies and is announced', () => {
    const decision = decideAlarm(new Set(['hit-1']), summary('hit-2', 'hit-1'), duty);
    expect(decision.fresh.map((n) => n.alertId)).toEqual(['hit-2']);
    expect(decision.sound).toBe(true);
    expect(decision.notify.map((n) => n.alertId)).toEqual(['hit-2']);
  });

  it('given the same criticals again, or one acknowledged, then nothing sounds', () => {
    expect(decideAlarm(new Set(['hit-1', 'hit-2']), summary('hit-1'), duty)).toMatchObject({ fresh: [], sound: false });
  });

  it('given the sound muted, do-not-disturb, or the officer looking, then each silences only its part', () => {
    const seen = new Set<string>();
    expect(decideAlarm(seen, summary('hit-3'), { ...duty, soundOn: false })).toMatchObject({ sound: false, notify: [notice('hit-3')] });
    expect(decideAlarm(seen, summary('hit-3'), { ...duty, doNotDisturb: true })).toMatchObject({ sound: false, notify: [], fresh: [notice('hit-3')] });
    expect(decideAlarm(seen, summary('hit-3'), { ...duty, looking: true })).toMatchObject({ sound: true, notify: [] });
    expect(decideAlarm(seen, summary('hit-3'), { ...duty, mayNotify: false })).toMatchObject({ sound: true, notify: [] });
  });

  it('given a role that does not handle alerts, then nothing is raised at all', () => {
    expect(decideAlarm(new Set(), summary('hit-4'), { ...duty, watchesAlerts: false })).toMatchObject({ fresh: [], sound: false, notify: [] });
  });
});

describe('criticalCount', () => {
  it('given fewer criticals than the summary holds, then the count is exact; at the limit it is a lower bound', () => {
    expect(criticalCount(summary('a', 'b'))).toEqual({ count: 2, atLeast: false });
    const full = summary(...Array.from({ length: ALERT_NOTICE_LIMIT }, (_, i) => `hit-${i}`));
    expect(criticalCount(full)).toEqual({ count: ALERT_NOTICE_LIMIT, atLeast: true });
  });
});
