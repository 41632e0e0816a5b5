import fc from 'fast-check';
import {
  EMPTY_OPS_STATE,
  OUTCOMES,
  SEVERITIES,
  SYSTEM_ACTOR,
  escalationDeadline,
  foldEventsInPlace,
  type Alert,
  type EscalationLevel,
  type OpsEvent,
  type OpsState,
  type PendingEvent,
  type Severity,
} from '@watchfloor/shared';
import { T0, actorOf, aHit, officers } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { createEscalationSchedule, dueEscalation, type EscalationScheduleOptions } from './escalation-schedule';

const MINUTE = 60_000;

/**
 * An authority's state in miniature: events are folded in place and handed to the schedule, as the hub's
 * `absorb` does; `escalate` is what the hub's tick appends for a due alert.
 */
function aFloor(options: EscalationScheduleOptions = {}) {
  let state: OpsState = { ...EMPTY_OPS_STATE, operations: new Map(), checkpoints: new Map(), alerts: new Map() };
  let seq = 0;
  const schedule = createEscalationSchedule(() => state.alerts, options);
  const floor = {
    schedule,
    alerts: () => state.alerts,
    apply(at: number, ...events: PendingEvent[]): void {
      const logged = events.map((event) => ({ ...event, seq: (seq += 1), at }) as OpsEvent);
      state = foldEventsInPlace(state, logged).state;
      schedule.touched(logged);
    },
    raise(at: number, id: string, severity: Severity = 'critical'): void {
      floor.apply(at, { type: 'hit.raised', hit: aHit({ id, severity, at }) });
    },
    escalate(at: number, id: string): void {
      floor.apply(at, dueEscalation(state.alerts.get(id), at)!);
    },
  };
  return floor;
}

const duty = actorOf(officers.duty);

describe('escalation schedule', () => {
  it('given alerts of every severity, when asked after all their deadlines, then it names them earliest deadline first', () => {
    const floor = aFloor();
    floor.raise(T0, 'hit-low', 'low');
    floor.raise(T0, 'hit-critical', 'critical');
    floor.raise(T0, 'hit-medium', 'medium');
    floor.raise(T0, 'hit-high', 'high');
    expect(floor.schedule.due(T0 + 2 * MINUTE - 1)).toEqual([]);
    expect(floor.schedule.due(T0 + 2 * MINUTE)).toEqual(['hit-critical']);
    expect(floor.schedule.due(T0 + 60 * MINUTE)).toEqual(['hit-critical', 'hit-high', 'hit-medium', 'hit-low']);
  });

  it('given two alerts due at the same time, when asked, then both are named, ordered by id', () => {
    const floor = aFloor();
    floor.raise(T0, 'hit-b');
    floor.raise(T0, 'hit-a');
    expect(floor.schedule.due(T0 + 2 * MINUTE)).toEqual(['hit-a', 'hit-b']);
  });

  it('given due alerts nobody escalated (the write failed), when asked again, then they are still due', () => {
    const floor = aFloor();
    floor.raise(T0, 'hit-1');
    expect(floor.schedule.due(T0 + 3 * MINUTE)).toEqual(['hit-1']);
    expect(floor.schedule.due(T0 + 3 * MINUTE)).toEqual(['hit-1']);
  });

  it('given an alert acknowledged before its deadline, when the old deadline passes, then its stale entry is skipped and the stale-activity deadline counts', () => {
    const floor = aFloor();
    floor.raise(T0, 'hit-1');
    floor.apply(T0 + MINUTE, { type: 'alert.acknowledged', alertId: 'hit-1', by: duty });
    expect(floor.schedule.due(T0 + 5 * MINUTE)).toEqual([]);
    expect(floor.schedule.due(T0 + 11 * MINUTE - 1)).toEqual([]);
    expect(floor.schedule.due(T0 + 11 * MINUTE)).toEqual(['hit-1']);
  });

  it('given a due alert escalated automatically, when asked at the same time, then it is not due until its next level falls due', () => {
    const floor = aFloor();
    floor.raise(T0, 'hit-1');
    const at = T0 + 2 * MINUTE;
    expect(floor.schedule.due(at)).toEqual(['hit-1']);
    floor.escalate(at, 'hit-1');
    expect(floor.schedule.due(at)).toEqual([]);
    expect(floor.schedule.due(at + 2 * MINUTE)).toEqual(['hit-1']);
  });

  it('given an alert at level 3, when any time passes, then it is never due again', () => {
    const floor = aFloor();
    floor.raise(T0, 'hit-1');
    for (let level = 1; level <= 3; level += 1) floor.escalate(T0 + level * 2 * MINUTE, 'hit-1');
    expect(floor.alerts().get('hit-1')?.level).toBe(3);
    expect(floor.schedule.due(T0 + 1000 * MINUTE)).toEqual([]);
    expect(floor.schedule.size()).toBe(0);
  });

  it('given resolved and confirmation-pending alerts, when their deadlines pass, then they are not due and leave the schedule', () => {
    const floor = aFloor();
    floor.raise(T0, 'hit-resolved');
    floor.raise(T0, 'hit-pending');
    floor.apply(T0 + MINUTE, { type: 'alert.resolved', alertId: 'hit-resolved', outcome: 'false-positive', final: true, by: duty });
    floor.apply(T0 + MINUTE, { type: 'alert.resolved', alertId: 'hit-pending', outcome: 'confirmed', final: false, by: duty });
    expect(floor.schedule.due(T0 + 1000 * MINUTE)).toEqual([]);
    expect(floor.schedule.size()).toBe(0);
  });

  it('given notes on an unheld alert, which leave its deadline as it was, when it falls due, then it is named once', () => {
    const floor = aFloor();
    floor.raise(T0, 'hit-1');
    for (let note = 0; note < 3; note += 1) floor.apply(T0 + note, { type: 'alert.noted', alertId: 'hit-1', text: 'checked', by: duty });
    expect(floor.schedule.due(T0 + 2 * MINUTE)).toEqual(['hit-1']);
    expect(floor.schedule.size()).toBe(1);
  });

  it('given alerts already due when the schedule is built (a restarted hub), when asked, then they are due at once', () => {
    const floor = aFloor();
    floor.raise(T0, 'hit-1');
    floor.raise(T0, 'hit-2', 'low');
    const rebuilt = createEscalationSchedule(floor.alerts);
    expect(rebuilt.due(T0 + 10 * MINUTE)).toEqual(['hit-1']);
  });

  it('given many changes to few alerts, when stale entries pile up past the slack, then the schedule is rebuilt and still right', () => {
    const floor = aFloor({ slack: 4 });
    floor.raise(T0, 'hit-1');
    floor.raise(T0, 'hit-2', 'high');
    floor.apply(T0 + 1, { type: 'alert.acknowledged', alertId: 'hit-1', by: duty });
    for (let note = 2; note < 50; note += 1) floor.apply(T0 + note, { type: 'alert.noted', alertId: 'hit-1', text: 'checked', by: duty });
    expect(floor.schedule.size()).toBeLessThanOrEqual(2 * 2 + 4);
    expect(floor.schedule.due(T0 + 5 * MINUTE)).toEqual(['hit-2']);
    expect(floor.schedule.due(T0 + 49 + 10 * MINUTE)).toEqual(['hit-2', 'hit-1']);
  });
});

describe('due escalation', () => {
  it('given an alert whose deadline has passed, then the hub escalates it one level, as itself, with the reason of its deadline', () => {
    const floor = aFloor();
    floor.raise(T0, 'hit-1', 'high');
    expect(dueEscalation(floor.alerts().get('hit-1'), T0 + 5 * MINUTE - 1)).toBeUndefined();
    expect(dueEscalation(floor.alerts().get('hit-1'), T0 + 5 * MINUTE)).toEqual({
      type: 'alert.escalated',
      alertId: 'hit-1',
      level: 1,
      reason: 'not-acknowledged',
      reasonParams: { minutes: 5, severity: 'high' },
      by: SYSTEM_ACTOR,
      auto: true,
    });
    expect(dueEscalation(undefined, T0 + 5 * MINUTE)).toBeUndefined();
  });
});

// ---- property: the schedule names exactly what a scan of every alert would -------------------------------

const IDS = ['hit-a', 'hit-b', 'hit-c', 'hit-d', 'hit-e'] as const;
const PEOPLE = [actorOf(officers.duty), actorOf(officers.duty2), actorOf(officers.lead)];

type Step =
  | { readonly kind: 'event'; readonly event: PendingEvent }
  | { readonly kind: 'clock'; readonly ms: number }
  | { readonly kind: 'tick' }
  | { readonly kind: 'probe'; readonly aheadMs: number };

const id = fc.constantFrom(...IDS);
const person = fc.constantFrom(...PEOPLE);
// Events a log may hold; the reducer refuses those that break the lifecycle, as it would in the hub.
const eventArb: fc.Arbitrary<PendingEvent> = fc.oneof(
  fc.record({ id, severity: fc.constantFrom(...SEVERITIES) }).map(({ id, severity }): PendingEvent => ({ type: 'hit.raised', hit: aHit({ id, severity }) })),
  fc.record({ alertId: id, by: person }).map((e): PendingEvent => ({ type: 'alert.acknowledged', ...e })),
  fc.record({ alertId: id, by: person }).map((e): PendingEvent => ({ type: 'alert.noted', text: 'checked', ...e })),
  fc.record({ alertId: id, by: person, officer: person }).map((e): PendingEvent => ({ type: 'alert.assigned', ...e })),
  fc
    .record({ alertId: id, by: person, level: fc.constantFrom<EscalationLevel>(1, 2, 3) })
    .map((e): PendingEvent => ({ type: 'alert.escalated', reason: 'needs eyes', auto: false, ...e })),
  fc
    .record({ alertId: id, by: person, outcome: fc.constantFrom(...OUTCOMES), final: fc.boolean() })
    .map((e): PendingEvent => ({ type: 'alert.resolved', ...e })),
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: eventArb.map((event): Step => ({ kind: 'event', event })), weight: 5 },
  { arbitrary: fc.integer({ min: 0, max: 300 * MINUTE }).map((ms): Step => ({ kind: 'clock', ms })), weight: 2 },
  { arbitrary: fc.constant<Step>({ kind: 'tick' }), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 300 * MINUTE }).map((aheadMs): Step => ({ kind: 'probe', aheadMs })), weight: 1 },
);

/** What the hub did before the schedule: every alert's deadline, looked at one by one. */
function scanDue(alerts: ReadonlyMap<string, Alert>, now: number): string[] {
  return [...alerts.values()]
    .map((alert) => ({ id: alert.id, at: escalationDeadline(alert)?.at }))
    .filter((entry): entry is { id: string; at: number } => entry.at !== undefined && entry.at <= now)
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
    .map((entry) => entry.id);
}

describe('escalation schedule against a scan of every alert', () => {
  it('given any events, clock moves and ticks, when asked at any time, then it names exactly the due alerts of a full scan, in deadline order', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), fc.constantFrom(0, 2, 1024), (steps, slack) => {
        const floor = aFloor({ slack });
        let now = T0;
        for (const step of steps) {
          if (step.kind === 'event') floor.apply(now, step.event);
          else if (step.kind === 'clock') now += step.ms;
          else if (step.kind === 'probe') expect(floor.schedule.due(now + step.aheadMs)).toEqual(scanDue(floor.alerts(), now + step.aheadMs));
          else {
            // The hub's tick: escalate, one level each, what is due now.
            const due = floor.schedule.due(now);
            expect(due).toEqual(scanDue(floor.alerts(), now));
            for (const alertId of due) floor.escalate(now, alertId);
          }
        }
        expect(floor.schedule.due(now)).toEqual(scanDue(floor.alerts(), now));
        expect(floor.schedule.size()).toBeLessThanOrEqual(2 * floor.alerts().size + slack + IDS.length);
      }),
      { numRuns: 400 },
    );
  });
});
