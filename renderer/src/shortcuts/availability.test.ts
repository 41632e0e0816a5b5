import { raiseAlert, type Alert } from '@watchfloor/shared';
import { actorOf, hitRaised, officers } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { actionAvailability, type ActionContext } from './availability';

const alert = raiseAlert(hitRaised(1, { id: 'hit-1' }));
const heldByLead: Alert = { ...alert, status: 'escalated', level: 3, holder: actorOf(officers.lead) };
const resolved: Alert = { ...alert, status: 'resolved', outcome: 'false-positive', holder: actorOf(officers.lead) };
const context = (overrides: Partial<ActionContext> = {}): ActionContext => ({
  officer: officers.lead,
  past: false,
  readOnly: false,
  selected: alert,
  pending: false,
  ...overrides,
});

describe('actionAvailability', () => {
  it('given an alert the officer may act on, then the action opens', () => {
    expect(actionAvailability('acknowledge', context())).toMatchObject({ ok: true, alert });
  });

  it('given an alert at the top escalation level, when escalating, then it is refused with the rule from shared', () => {
    const answer = actionAvailability('escalate', context({ selected: heldByLead }));
    expect(answer).toMatchObject({ ok: false, why: 'rule', refusal: { code: 'conflict', reason: 'at-top-level', params: { level: 3 } } });
  });

  it('given a resolved alert, when resolving, then it says the alert was already resolved', () => {
    expect(actionAvailability('resolve', context({ selected: resolved }))).toMatchObject({ ok: false, why: 'rule', refusal: { reason: 'already-resolved' } });
  });

  it('given a duty officer who does not hold the alert, when resolving, then it says to acknowledge first', () => {
    expect(actionAvailability('resolve', context({ officer: officers.duty }))).toMatchObject({ ok: false, refusal: { reason: 'acknowledge-before-resolving' } });
  });

  it('given the past on screen, a watching role, no selection or a pending command, then each says so, in that order', () => {
    expect(actionAvailability('note', context({ past: true, readOnly: true }))).toEqual({ ok: false, why: 'past' });
    expect(actionAvailability('note', context({ readOnly: true, selected: undefined }))).toEqual({ ok: false, why: 'read-only' });
    expect(actionAvailability('note', context({ selected: undefined }))).toEqual({ ok: false, why: 'nothing-selected' });
    expect(actionAvailability('note', context({ pending: true }))).toEqual({ ok: false, why: 'pending' });
  });
});
