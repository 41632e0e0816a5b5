import { describe, expect, it } from 'vitest';
import type { Command } from '../protocol/commands';
import { T0, aCommand, actorOf, aHit, hitRaised, officers } from '../testing/builders';
import { foldEvents, EMPTY_OPS_STATE } from '../ops/state';
import type { OpsEvent } from '../protocol/events';
import { authorize, decideCommand, mayAct } from './authorize';
import type { Alert } from './lifecycle';
import { DEFAULT_ESCALATION_POLICY, escalationDeadline } from './escalation';

function alertAfter(events: readonly OpsEvent[]): Alert {
  const { state, refused } = foldEvents(EMPTY_OPS_STATE, [hitRaised(1), ...events]);
  expect(refused).toEqual([]);
  return state.alerts.get('hit-1')!;
}

const fresh = alertAfter([]);
const heldByDuty = alertAfter([{ seq: 2, at: T0, type: 'alert.acknowledged', alertId: 'hit-1', by: actorOf(officers.duty) }]);

const commands: Record<Command['type'], Command> = {
  acknowledge: aCommand({ type: 'acknowledge', alertId: 'hit-1' }),
  escalate: aCommand({ type: 'escalate', alertId: 'hit-1', level: 1, reason: 'Need lead' }),
  resolve: aCommand({ type: 'resolve', alertId: 'hit-1', outcome: 'false-positive' }),
  note: aCommand({ type: 'note', alertId: 'hit-1', text: 'Called the airport desk' }),
  assign: aCommand({ type: 'assign', alertId: 'hit-1', officerId: 'off-duty2' }),
};

describe('authorize: every role x command on a fresh alert and on one held by another officer', () => {
  // Expected verdicts: a = allowed, f = forbidden, c = conflict.
  const table = {
    wall: { fresh: 'fffff', held: 'fffff' },
    duty: { fresh: 'affaf', held: 'caaaf' },
    duty2: { fresh: 'affaf', held: 'cffaf' },
    lead: { fresh: 'aaaaa', held: 'caaaa' },
    admin: { fresh: 'aaaaa', held: 'caaaa' },
    abuja: { fresh: 'affaf', held: 'cffaf' },
    cotonou: { fresh: 'fffff', held: 'fffff' },
  } as const;
  const order = ['acknowledge', 'escalate', 'resolve', 'note', 'assign'] as const;
  const code = { a: 'ok', f: 'forbidden', c: 'conflict' } as const;

  for (const [who, expected] of Object.entries(table)) {
    for (const [situation, alert] of [['fresh', fresh], ['held', heldByDuty]] as const) {
      it(`given a ${situation} alert, when ${who} tries each command, then the verdicts are ${expected[situation]}`, () => {
        const officer = officers[who as keyof typeof officers];
        const verdicts = order.map((type) => {
          const decision = authorize(officer, commands[type], alert);
          return decision.ok ? 'ok' : decision.code;
        });
        expect(verdicts).toEqual([...expected[situation]].map((letter) => code[letter as keyof typeof code]));
      });
    }
  }
});

describe('decideCommand', () => {
  it('given a duty officer resolving as confirmed, then the resolution waits for a shift lead', () => {
    const decision = decideCommand(officers.duty, aCommand({ type: 'resolve', alertId: 'hit-1', outcome: 'confirmed' }), heldByDuty);
    expect(decision).toMatchObject({ ok: true, event: { type: 'alert.resolved', final: false } });
  });

  it('given an alert awaiting confirmation, when the duty officer resolves again, then it is forbidden', () => {
    const pending = alertAfter([
      { seq: 2, at: T0, type: 'alert.acknowledged', alertId: 'hit-1', by: actorOf(officers.duty) },
      { seq: 3, at: T0, type: 'alert.resolved', alertId: 'hit-1', outcome: 'confirmed', final: false, by: actorOf(officers.duty) },
    ]);
    expect(pending.status).toBe('confirmation-pending');
    expect(authorize(officers.duty, commands.resolve, pending)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decideCommand(officers.lead, aCommand({ type: 'resolve', alertId: 'hit-1', outcome: 'confirmed' }), pending)).toMatchObject({
      ok: true,
      event: { final: true },
    });
  });

  it('given an escalation to a level at or below the current one, then it is a conflict', () => {
    const atTwo = alertAfter([
      { seq: 2, at: T0, type: 'alert.escalated', alertId: 'hit-1', level: 2, reason: 'x', by: actorOf(officers.lead), auto: false },
    ]);
    const decision = authorize(officers.lead, aCommand({ type: 'escalate', alertId: 'hit-1', level: 2, reason: 'again' }), atTwo);
    expect(decision).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('given an assign to an unknown officer, then it is not-found', () => {
    expect(decideCommand(officers.lead, commands.assign, fresh)).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('given a resolved alert, when anyone acts other than noting, then it is a conflict naming the outcome', () => {
    const resolved = alertAfter([
      { seq: 2, at: T0, type: 'alert.resolved', alertId: 'hit-1', outcome: 'no-action', final: true, by: actorOf(officers.lead) },
    ]);
    expect(authorize(officers.lead, commands.escalate, resolved)).toEqual({
      ok: false,
      code: 'conflict',
      reason: 'already-resolved',
      params: { outcome: 'no-action' },
      message: 'This alert was already resolved (no-action).',
    });
    expect(authorize(officers.duty, commands.note, resolved)).toEqual({ ok: true });
  });
});

describe('mayAct', () => {
  it('given every officer, command and situation of the matrix, then mayAct says what authorize says of an upward command', () => {
    for (const officer of Object.values(officers)) {
      for (const alert of [fresh, heldByDuty]) {
        for (const command of Object.values(commands)) expect(mayAct(officer, command.type, alert)).toEqual(authorize(officer, command, alert));
      }
    }
  });

  it('given an alert at the top escalation level, then escalating is not offered, even to a shift lead', () => {
    const top = alertAfter([
      { seq: 2, at: T0, type: 'alert.escalated', alertId: 'hit-1', level: 3, reason: 'x', by: actorOf(officers.lead), auto: false },
    ]);
    expect(mayAct(officers.lead, 'escalate', top)).toEqual({
      ok: false,
      code: 'conflict',
      reason: 'at-top-level',
      params: { level: 3 },
      message: 'The alert is already at the top escalation level (3).',
    });
    expect(mayAct(officers.lead, 'note', top)).toEqual({ ok: true });
  });

  it('given an observer, then every command type is forbidden by role before anything else', () => {
    for (const type of Object.keys(commands) as Command['type'][]) {
      expect(mayAct(officers.wall, type, fresh)).toMatchObject({ code: 'forbidden', message: 'Only a duty officer, a shift lead or an admin can act on alerts.' });
    }
  });
});

describe('escalationDeadline', () => {
  it('given a new critical hit, then it escalates to level 1 two minutes after it was raised', () => {
    const critical = foldEvents(EMPTY_OPS_STATE, [hitRaised(1, { severity: 'critical' })]).state.alerts.get('hit-1')!;
    expect(escalationDeadline(critical)).toMatchObject({ at: critical.raisedAt + 2 * 60_000, level: 1 });
  });

  it('given a held alert, then the stale deadline counts from its last activity', () => {
    const deadline = escalationDeadline(heldByDuty, DEFAULT_ESCALATION_POLICY)!;
    expect(deadline.at).toBe(heldByDuty.updatedAt + DEFAULT_ESCALATION_POLICY.stale.high);
    expect(deadline).toMatchObject({ reason: 'no-activity', reasonParams: { holder: 'Ada Duty', minutes: 20, severity: 'high' } });
  });

  it('given an alert at level 3 or resolved, then no deadline is due', () => {
    const top = alertAfter([
      { seq: 2, at: T0, type: 'alert.escalated', alertId: 'hit-1', level: 3, reason: 'x', by: actorOf(officers.lead), auto: false },
    ]);
    expect(escalationDeadline(top)).toBeUndefined();
  });

  it('given a hit of another country, then the scoped officer of the record owner may still act', () => {
    const owned = foldEvents(EMPTY_OPS_STATE, [hitRaised(1, aHit({ country: 'FR', recordOwner: 'NG' }))]).state.alerts.get('hit-1')!;
    expect(authorize(officers.abuja, commands.acknowledge, owned)).toEqual({ ok: true });
  });
});
