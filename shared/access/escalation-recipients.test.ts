import { describe, expect, it } from 'vitest';
import { raiseAlert, type Alert } from '../alerts/lifecycle';
import { anOfficer, hitRaised, officers } from '../testing/builders';
import { isEscalatedTo } from './escalation-recipients';

const escalated = (level: Alert['level'], hit: Parameters<typeof hitRaised>[1] = {}): Alert => ({
  ...raiseAlert(hitRaised(1, hit)),
  status: 'escalated',
  level,
});

describe('isEscalatedTo', () => {
  it('given escalations, then level 1 reaches supervisors, level 2 the record-owner liaison, level 3 the commander', () => {
    const [l1, l2, l3] = [escalated(1), escalated(2, { recordOwner: 'FR' }), escalated(3)];
    const frLead = anOfficer({ id: 'off-fr', role: 'shift-lead', scope: 'FR' });
    expect([l1, l2, l3].map((alert) => isEscalatedTo(officers.lead, alert))).toEqual([true, false, false]);
    expect([l1, l2, l3].map((alert) => isEscalatedTo(frLead, alert))).toEqual([true, true, false]);
    expect([l1, l2, l3].map((alert) => isEscalatedTo(officers.duty, alert))).toEqual([false, false, false]);
    expect([l1, l2, l3].map((alert) => isEscalatedTo(officers.admin, alert))).toEqual([true, false, true]);
  });

  it('given a supervisor scoped elsewhere, then an escalation outside their scope does not reach them', () => {
    const beninLead = anOfficer({ id: 'off-bj', role: 'shift-lead', scope: 'BJ' });
    expect(isEscalatedTo(beninLead, escalated(1, { country: 'NG', recordOwner: 'FR' }))).toBe(false);
    expect(isEscalatedTo(beninLead, escalated(1, { country: 'NG', recordOwner: 'BJ' }))).toBe(true);
  });

  it('given an alert not escalated, then it reaches nobody', () => {
    expect(isEscalatedTo(officers.admin, escalated(0))).toBe(false);
  });
});
