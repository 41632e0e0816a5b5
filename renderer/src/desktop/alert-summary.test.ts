import { raiseAlert, type Alert, type Officer } from '@watchfloor/shared';
import { T0, anOfficer, hitRaised, officers } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { createAlertSummaryView } from './alert-summary';

const desktopAlertSummary = (alerts: Alert[], officer: Officer) => createAlertSummaryView(alerts, officer).summary();
import i18next from 'i18next';
import { en } from '../i18n/en';

await i18next.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });

let seq = 0;
function anAlert(hit: Parameters<typeof hitRaised>[1] = {}, state: Partial<Alert> = {}): Alert {
  seq += 1;
  return { ...raiseAlert(hitRaised(seq, { id: `hit-${seq}`, ...hit })), ...state };
}
const held = { holder: { id: 'off-duty', name: 'Ada Duty' }, status: 'acknowledged' as const };

describe('desktop alert summary', () => {
  it('given open and handled alerts, then the count is the open ones nobody holds, and critical lists only those', () => {
    const newCritical = anAlert({ severity: 'critical', summary: 'Passport reported stolen' });
    const summary = desktopAlertSummary(
      [
        newCritical,
        anAlert({ severity: 'high' }),
        anAlert({ severity: 'critical' }, held),
        anAlert({ severity: 'critical' }, { status: 'resolved', outcome: 'no-action' }),
      ],
      officers.duty,
    );
    expect(summary.unacknowledged).toBe(2);
    expect(summary.critical).toEqual([
      { alertId: newCritical.id, title: 'Critical hit: SLTD match in Nigeria', body: 'Passport reported stolen' },
    ]);
    expect(summary.escalatedToMe).toEqual([]);
  });

  it('given a scoped officer, then alerts of other countries do not count', () => {
    const summary = desktopAlertSummary(
      [anAlert({ severity: 'critical', country: 'BJ', recordOwner: 'BJ' }), anAlert({ severity: 'critical', country: 'NG' })],
      officers.abuja,
    );
    expect(summary.unacknowledged).toBe(1);
    expect(summary.critical).toHaveLength(1);
  });

  it('given escalations, then each officer is told of those addressed to them, within their scope', () => {
    const l1 = anAlert({}, { status: 'escalated', level: 1 });
    const l2 = anAlert({ recordOwner: 'FR' }, { status: 'escalated', level: 2 });
    const l3 = anAlert({}, { status: 'escalated', level: 3 });
    const beninL1 = anAlert({ country: 'BJ', recordOwner: 'BJ' }, { status: 'escalated', level: 1 });
    const frLead = anOfficer({ id: 'off-fr', role: 'shift-lead', scope: 'FR' });
    const escalatedTo = (officer: typeof frLead) => desktopAlertSummary([l1, l2, l3, beninL1], officer).escalatedToMe.map((n) => n.alertId);
    expect(escalatedTo(officers.lead)).toEqual([beninL1.id, l1.id]);
    expect(escalatedTo(frLead)).toEqual([l2.id, l1.id]);
    expect(escalatedTo(officers.duty)).toEqual([]);
    expect(escalatedTo(officers.admin)).toEqual([beninL1.id, l3.id, l1.id]);
  });

  it('given more critical alerts than the bridge carries, then the newest are kept', () => {
    const many = Array.from({ length: 250 }, (_, i) => anAlert({ severity: 'critical' }, { updatedAt: T0 + i }));
    const summary = desktopAlertSummary(many, officers.duty);
    expect(summary.unacknowledged).toBe(250);
    expect(summary.critical).toHaveLength(200);
    expect(summary.critical[0]!.alertId).toBe(many[249]!.id);
  });
});
