import { raiseAlert, type Alert } from '@watchfloor/shared';
import { actorOf, hitRaised, officers } from '@watchfloor/shared/testing';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { describeSkipped, planBulkAcknowledge } from './bulk-acknowledge';

await i18next.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
const t = i18next.t;

function anAlert(id: string, hit: Parameters<typeof hitRaised>[1] = {}, state: Partial<Alert> = {}): Alert {
  return { ...raiseAlert(hitRaised(1, { id, ...hit })), ...state };
}

const fresh = anAlert('hit-fresh');
const escalatedUnheld = anAlert('hit-escalated', {}, { status: 'escalated', level: 1 });
const heldByLead = anAlert('hit-held', {}, { status: 'acknowledged', holder: actorOf(officers.lead) });
const resolved = anAlert('hit-resolved', {}, { status: 'resolved', outcome: 'no-action' });
const benin = anAlert('hit-benin', { country: 'BJ', recordOwner: 'BJ' });
const alerts = new Map([fresh, escalatedUnheld, heldByLead, resolved, benin].map((alert) => [alert.id, alert]));

describe('bulk acknowledge', () => {
  it('given a selection with held, resolved and out-of-scope alerts, when a scoped officer acknowledges them all, then only those they may acknowledge are sent and the rest are skipped with the reason', () => {
    const plan = planBulkAcknowledge(officers.abuja, [...alerts.keys(), 'hit-gone'], alerts);
    expect(plan.send).toEqual(['hit-fresh', 'hit-escalated']);
    expect(plan.skipped.map((group) => [group.refusal.reason, group.refusal.params, group.alertIds])).toEqual([
      ['held-by-other', { name: 'Lea Lead' }, ['hit-held']],
      ['already-resolved', { outcome: 'no-action' }, ['hit-resolved']],
      ['out-of-scope', { scope: 'NG' }, ['hit-benin']],
      ['no-such-alert', { alertId: 'hit-gone' }, ['hit-gone']],
    ]);
  });

  it('given an officer without a scope, then the other country\'s alert is sent too', () => {
    expect(planBulkAcknowledge(officers.duty, alerts.keys(), alerts).send).toEqual(['hit-fresh', 'hit-escalated', 'hit-benin']);
  });

  it('given an observer, then nothing is sent and every alert is skipped for the role', () => {
    const plan = planBulkAcknowledge(officers.wall, [fresh.id, benin.id], alerts);
    expect(plan.send).toEqual([]);
    expect(describeSkipped(t, plan.skipped)).toBe('Only a duty officer, a shift lead, or an admin can act on alerts (2)');
  });

  it('given several alerts skipped for one reason, then they are counted together, the largest group first', () => {
    const heldToo = anAlert('hit-held-2', {}, { status: 'acknowledged', holder: actorOf(officers.lead) });
    const plan = planBulkAcknowledge(officers.duty, [resolved.id, heldByLead.id, heldToo.id], new Map([...alerts, [heldToo.id, heldToo]]));
    expect(describeSkipped(t, plan.skipped)).toBe('Already acknowledged by Lea Lead (2); This alert was already resolved (No action) (1)');
  });
});
