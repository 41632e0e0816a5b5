import { describe, expect, it } from 'vitest';
import { EMPTY_OPS_STATE, foldEvents } from '../ops/state';
import { actorOf, aCheckpoint, anOperation, hitRaised, logged, officers } from '../testing/builders';
import type { OpsEvent } from './events';
import { urgencyRank } from '../alerts/urgency-order';
import { SnapshotPage, alertOfSnapshot, snapshotAlertOf } from './snapshot';

const lead = actorOf(officers.lead);
const log: OpsEvent[] = [
  hitRaised(1, { id: 'hit-a', severity: 'low' }),
  hitRaised(2, { id: 'hit-b', severity: 'critical' }),
  logged({ type: 'alert.acknowledged', alertId: 'hit-a', by: lead }, 3),
  logged({ type: 'alert.noted', alertId: 'hit-a', text: 'called the desk', by: lead }, 4),
  logged({ type: 'alert.resolved', alertId: 'hit-a', outcome: 'no-action', final: true, by: lead }, 5),
  hitRaised(6, { id: 'hit-c', severity: 'critical', at: 1 }),
];
const state = foldEvents(EMPTY_OPS_STATE, log).state;
const alert = (id: string) => state.alerts.get(id)!;

describe('snapshot alerts', () => {
  it('given alerts folded from the log, when sent as snapshot entries, then the reducer builds the very same alerts', () => {
    for (const folded of state.alerts.values()) expect(alertOfSnapshot(snapshotAlertOf(folded))).toEqual({ ok: true, alert: folded });
    expect(snapshotAlertOf(alert('hit-b'))).toEqual({ hit: alert('hit-b').hit, seq: 2, at: log[1]!.at });
  });

  it('given a history the reducer refuses or out of log order, then no alert is built and the reason names it', () => {
    const entry = snapshotAlertOf(alert('hit-a'));
    const twice = { ...entry, events: [...entry.events!, entry.events![2]!].map((event, i) => ({ ...event, seq: 10 + i })) };
    expect(alertOfSnapshot(twice)).toMatchObject({ ok: false, reason: expect.stringContaining('hit-a') });
    const backwards = { ...entry, events: [...entry.events!].reverse() };
    expect(alertOfSnapshot(backwards)).toEqual({ ok: false, reason: 'alert hit-a: its history is not in log order' });
  });

  it('ranks open alerts first, the most severe first, then the oldest hit, and resolved ones last', () => {
    const ranked = [...state.alerts.values()].sort((a, b) => urgencyRank(a) - urgencyRank(b)).map((a) => a.id);
    expect(ranked).toEqual(['hit-c', 'hit-b', 'hit-a']);
  });
});

describe('SnapshotPage', () => {
  const page = { seq: 6, lastAt: log[5]!.at, index: 0, pages: 2, total: 3, operations: [anOperation()], checkpoints: [aCheckpoint()], alerts: [snapshotAlertOf(alert('hit-b'))] };

  it('given a well-formed first page, then it reads', () => {
    expect(SnapshotPage.safeParse(page).success).toBe(true);
  });

  it('given an index beyond the page count, or operations after the first page, then it is refused', () => {
    expect(SnapshotPage.safeParse({ ...page, index: 2 }).success).toBe(false);
    expect(SnapshotPage.safeParse({ ...page, index: 1 }).success).toBe(false);
    expect(SnapshotPage.safeParse({ ...page, index: 1, operations: [], checkpoints: [] }).success).toBe(true);
  });
});
