import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conflict } from '../access/decision';
import { decideCommand } from '../alerts/authorize';
import type { Alert } from '../alerts/lifecycle';
import { OUTCOMES, type Officer } from '../domain/model';
import type { Command } from '../protocol/commands';
import type { OpsEvent } from '../protocol/events';
import { T0, actorOf, aHit, hitRaised, logged, officers } from '../testing/builders';
import { EMPTY_OPS_STATE, applyEvent, foldEvents, foldEventsInPlace, type OpsState } from './state';

const fold = (events: readonly OpsEvent[], from: OpsState = EMPTY_OPS_STATE) => foldEvents(from, events);

describe('foldEvents', () => {
  it('given a raised hit, when folded, then a new unheld alert exists at that seq', () => {
    const { state, applied } = fold([hitRaised(1)]);
    expect(applied).toBe(1);
    expect(state.lastSeq).toBe(1);
    expect(state.alerts.get('hit-1')).toMatchObject({ status: 'new', level: 0 });
    expect(state.alerts.get('hit-1')?.holder).toBeUndefined();
  });

  it('given an acknowledged alert, when escalated by hand, then the holder keeps it at the new level', () => {
    const { state } = fold([
      hitRaised(1),
      { seq: 2, at: T0, type: 'alert.acknowledged', alertId: 'hit-1', by: actorOf(officers.duty) },
      {
        seq: 3,
        at: T0,
        type: 'alert.escalated',
        alertId: 'hit-1',
        level: 2,
        reason: 'Record owner must confirm',
        by: actorOf(officers.duty),
        auto: false,
      },
    ]);
    expect(state.alerts.get('hit-1')).toMatchObject({ status: 'escalated', level: 2, holder: { id: 'off-duty' } });
    expect(state.alerts.get('hit-1')?.history.map((entry) => entry.seq)).toEqual([1, 2, 3]);
  });

  it('given an acknowledged alert, when the hub escalates it automatically, then the holder is released', () => {
    const { state } = fold([
      hitRaised(1),
      { seq: 2, at: T0, type: 'alert.acknowledged', alertId: 'hit-1', by: actorOf(officers.duty) },
      { seq: 3, at: T0, type: 'alert.escalated', alertId: 'hit-1', level: 1, reason: 'stale', by: { id: 'system', name: 'Hub' }, auto: true },
    ]);
    expect(state.alerts.get('hit-1')).toMatchObject({ status: 'escalated', level: 1 });
    expect(state.alerts.get('hit-1')?.holder).toBeUndefined();
  });

  it('given an event at or below lastSeq, when folded, then it is refused as stale and nothing changes', () => {
    const first = fold([hitRaised(1), hitRaised(2, { id: 'hit-2' })]).state;
    const again = applyEvent(first, hitRaised(2, { id: 'hit-3' }));
    expect(again.refused).toEqual([expect.objectContaining({ seq: 2, reason: 'stale' })]);
    expect(again.state).toBe(first);
  });

  it('given an alert event for an unknown alert, when folded, then it is refused and lastSeq stays', () => {
    const result = fold([{ seq: 1, at: T0, type: 'alert.noted', alertId: 'nope', text: 'x', by: actorOf(officers.duty) }]);
    expect(result.refused[0]?.reason).toBe('unknown-alert');
    expect(result.state.lastSeq).toBe(0);
  });

  it('given a folded state, when more events are folded, then the earlier state object is untouched', () => {
    const before = fold([hitRaised(1)]).state;
    fold([{ seq: 2, at: T0, type: 'alert.acknowledged', alertId: 'hit-1', by: actorOf(officers.duty) }], before);
    expect(before).toEqual(fold([hitRaised(1)]).state);
  });
});

// ---- property tests -----------------------------------------------------------------------------------

const ACTORS: readonly Officer[] = Object.values(officers);
const ALERT_IDS = ['hit-a', 'hit-b', 'hit-c'] as const;

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ type: fc.constant('acknowledge' as const) }),
  fc.record({ type: fc.constant('escalate' as const), level: fc.constantFrom(1, 2, 3), reason: fc.constant('needs eyes') }),
  fc.record({ type: fc.constant('resolve' as const), outcome: fc.constantFrom(...OUTCOMES) }),
  fc.record({ type: fc.constant('note' as const), text: fc.constant('checked manifest') }),
  fc.record({ type: fc.constant('assign' as const), officerId: fc.constantFrom('off-duty', 'off-duty2', 'off-abuja') }),
).chain((body) =>
  fc.record({ alertId: fc.constantFrom(...ALERT_IDS), mutationId: fc.constant('mut-prop-0001') }).map(
    (base) => ({ ...base, ...body }) as Command,
  ),
);
const stepArb = fc.record({ officer: fc.constantFrom(...ACTORS), command: commandArb, autoEscalate: fc.boolean() });

/** Drives the lifecycle the way the hub does: decide each command against current state, log what is allowed. */
function simulate(steps: readonly { officer: Officer; command: Command; autoEscalate: boolean }[]): OpsEvent[] {
  const events: OpsEvent[] = [
    hitRaised(1, { id: 'hit-a', country: 'NG', severity: 'critical' }),
    hitRaised(2, { id: 'hit-b', country: 'BJ', recordOwner: 'BJ' }),
    hitRaised(3, { id: 'hit-c', country: 'GH', recordOwner: 'FR', severity: 'low' }),
  ];
  let state = fold(events).state;
  for (const step of steps) {
    const alert = state.alerts.get(step.command.alertId)!;
    const command = step.command;
    const assignee = command.type === 'assign' ? ACTORS.find((o) => o.id === command.officerId) : undefined;
    const decision = step.autoEscalate
      ? autoEscalation(alert)
      : decideCommand(step.officer, step.command, alert, assignee && actorOf(assignee));
    if (!decision.ok) continue;
    const event = logged(decision.event, state.lastSeq + 1);
    const result = applyEvent(state, event);
    expect(result.refused).toEqual([]);
    events.push(event);
    state = result.state;
  }
  return events;
}

function autoEscalation(alert: Alert): ReturnType<typeof decideCommand> {
  if (alert.status === 'resolved' || alert.status === 'confirmation-pending' || alert.level === 3) {
    return conflict('at-top-level', { level: alert.level });
  }
  const level = (alert.level + 1) as 1 | 2 | 3;
  return { ok: true, event: { type: 'alert.escalated', alertId: alert.id, level, reason: 'deadline', by: { id: 'system', name: 'Hub' }, auto: true } };
}

function assertPossible(alert: Alert): void {
  expect(alert.level).toBeGreaterThanOrEqual(0);
  expect(alert.level).toBeLessThanOrEqual(3);
  if (alert.status === 'resolved' || alert.status === 'confirmation-pending') expect(alert.outcome).toBeDefined();
  else expect(alert.outcome).toBeUndefined();
  if (alert.status === 'resolved') expect(alert.resolvedAt).toBeDefined();
  if (alert.status === 'escalated') expect(alert.level).toBeGreaterThan(0);
  if (alert.status === 'acknowledged') {
    expect(alert.holder).toBeDefined();
    expect(alert.level).toBe(0);
  }
  if (alert.status === 'new') {
    expect(alert.holder).toBeUndefined();
    expect(alert.level).toBe(0);
  }
  const seqs = alert.history.map((entry) => entry.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  let level = 0;
  for (const entry of alert.history) {
    if (entry.type === 'alert.escalated') {
      expect(entry.level).toBeGreaterThan(level);
      level = entry.level;
    }
  }
  expect(level).toBe(alert.level);
}

describe('alert reducer properties', () => {
  const scenarios = fc.array(stepArb, { maxLength: 40 });

  it('given any valid command sequence, when folded twice from scratch, then both states are equal', () => {
    fc.assert(
      fc.property(scenarios, (steps) => {
        const events = simulate(steps);
        expect(fold(events).state).toEqual(fold(events).state);
      }),
    );
  });

  it('given a folded log, when any already-applied event is applied again, then nothing changes', () => {
    fc.assert(
      fc.property(scenarios, fc.nat(), (steps, pick) => {
        const events = simulate(steps);
        const state = fold(events).state;
        const replayed = events[pick % events.length]!;
        const result = applyEvent(state, replayed);
        expect(result.state).toBe(state);
        expect(result.refused).toHaveLength(1);
      }),
    );
  });

  it('given a log with two events swapped, when folded, then the late one is refused, not applied', () => {
    fc.assert(
      fc.property(scenarios, fc.nat(), (steps, pick) => {
        const events = simulate(steps);
        const index = pick % (events.length - 1);
        const swapped = [...events];
        [swapped[index], swapped[index + 1]] = [swapped[index + 1]!, swapped[index]!];
        const result = fold(swapped);
        const refusedSeqs = result.refused.map((refusal) => refusal.seq);
        const laterWasApplied = !refusedSeqs.includes(events[index + 1]!.seq);
        if (laterWasApplied) {
          expect(result.refused).toContainEqual(expect.objectContaining({ seq: events[index]!.seq, reason: 'stale' }));
        }
        for (const alert of result.state.alerts.values()) {
          const seqs = alert.history.map((entry) => entry.seq);
          expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        }
      }),
    );
  });

  it('given any sequence of valid commands and automatic escalations, then no alert is in an impossible state', () => {
    fc.assert(
      fc.property(scenarios, (steps) => {
        const state = fold(simulate(steps)).state;
        for (const alert of state.alerts.values()) assertPossible(alert);
      }),
      { numRuns: 300 },
    );
  });

  it('given a log split at any point, when folded in two batches, then the state equals one fold', () => {
    fc.assert(
      fc.property(scenarios, fc.nat(), (steps, cut) => {
        const events = simulate(steps);
        const at = cut % (events.length + 1);
        const inTwo = fold(events.slice(at), fold(events.slice(0, at)).state).state;
        expect(inTwo).toEqual(fold(events).state);
      }),
    );
  });
});

describe('foldEventsInPlace', () => {
  it('given any valid log, when folded in place batch by batch, then the state equals the immutable fold', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), fc.nat(), (steps, cut) => {
        const events = simulate(steps);
        const at = cut % (events.length + 1);
        const owned = { ...EMPTY_OPS_STATE, operations: new Map(), checkpoints: new Map(), alerts: new Map() };
        const first = foldEventsInPlace(owned, events.slice(0, at)).state;
        const second = foldEventsInPlace(first, events.slice(at)).state;
        expect(second).toEqual(fold(events).state);
      }),
    );
  });

  it('given any valid log folded in place with an observer, then it hears each applied alert change in order, and the last of each alert is the state', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        const events = simulate(steps);
        const owned = { ...EMPTY_OPS_STATE, operations: new Map(), checkpoints: new Map(), alerts: new Map() };
        const heard = new Map<string, Alert>();
        const state = foldEventsInPlace(owned, events, (before, after) => {
          expect(before).toBe(heard.get(after.id));
          heard.set(after.id, after);
        }).state;
        expect(heard).toEqual(state.alerts);
        for (const [id, alert] of heard) expect(state.alerts.get(id)).toBe(alert);
      }),
    );
  });

  it('given a refused event, then the observer hears nothing of it', () => {
    const owned = { ...EMPTY_OPS_STATE, operations: new Map(), checkpoints: new Map(), alerts: new Map() };
    const heard: (Alert | undefined)[] = [];
    const duty = actorOf(officers.duty);
    foldEventsInPlace(owned, [{ seq: 1, at: T0, type: 'alert.acknowledged', alertId: 'hit-9', by: duty }], (before) => heard.push(before));
    expect(heard).toEqual([]);
  });
});

describe('hit data stays non-personal', () => {
  it('given the hit schema, then it has no field for names, birth dates or document numbers', () => {
    expect(Object.keys(aHit())).not.toEqual(expect.arrayContaining(['name', 'dateOfBirth', 'documentNumber']));
  });
});
