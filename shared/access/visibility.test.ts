import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { raiseAlert } from '../alerts/lifecycle';
import { EMPTY_OPS_STATE, foldEvents } from '../ops/state';
import type { OpsEvent } from '../protocol/events';
import { anyOfficer, anyOpsLog } from '../testing/arbitraries';
import { T0, aCheckpoint, anOperation, actorOf, hitRaised, officers } from '../testing/builders';
import { maySeeAudit } from './capabilities';
import { alertIdOf, maySeeEvent } from './visibility';

const benin = hitRaised(1, { id: 'hit-bj', country: 'BJ', recordOwner: 'BJ' });
const ownedByNigeria = hitRaised(2, { id: 'hit-ng', country: 'BJ', recordOwner: 'NG' });
const audit = (hitId: string): OpsEvent => ({ seq: 9, at: T0, type: 'audit.details-viewed', hitId, reason: 'Identity check', by: actorOf(officers.lead) });
const noted = (alertId: string): OpsEvent => ({ seq: 10, at: T0, type: 'alert.noted', alertId, text: 'Called', by: actorOf(officers.duty) });

describe('maySeeEvent', () => {
  it('given a scoped officer, then hits, their alerts\' events and audits are seen only when within scope', () => {
    expect(maySeeEvent(officers.abuja, benin)).toBe(false);
    expect(maySeeEvent(officers.abuja, ownedByNigeria)).toBe(true);
    expect(maySeeEvent(officers.abuja, noted('hit-bj'), raiseAlert(benin))).toBe(false);
    expect(maySeeEvent(officers.abuja, noted('hit-ng'), raiseAlert(ownedByNigeria))).toBe(true);
    expect(maySeeEvent({ ...officers.lead, scope: 'NG' }, audit('hit-ng'), raiseAlert(ownedByNigeria))).toBe(true);
    expect(maySeeEvent({ ...officers.lead, scope: 'NG' }, audit('hit-bj'), raiseAlert(benin))).toBe(false);
  });

  it('given a scoped officer and an event about an alert the reader does not know, then it is not shown', () => {
    expect(maySeeEvent(officers.abuja, noted('hit-gone'))).toBe(false);
    expect(maySeeEvent(officers.lead, noted('hit-gone'))).toBe(true);
  });

  it('given audit events, then only roles that read the audit trail see them', () => {
    expect(maySeeEvent(officers.duty, audit('hit-bj'), raiseAlert(benin))).toBe(false);
    expect(maySeeEvent(officers.wall, audit('hit-bj'), raiseAlert(benin))).toBe(false);
    expect(maySeeEvent(officers.lead, audit('hit-bj'), raiseAlert(benin))).toBe(true);
    expect(maySeeEvent(officers.admin, audit('hit-bj'))).toBe(true);
  });

  it('given operations and checkpoints, then a scoped officer sees those of their country', () => {
    const operation = (countries: string[]): OpsEvent => ({ seq: 3, at: T0, type: 'operation.updated', operation: anOperation({ countries }) });
    const checkpoint = (country: string): OpsEvent => ({ seq: 4, at: T0, type: 'checkpoint.updated', checkpoint: aCheckpoint({ country }) });
    expect([operation(['NG', 'BJ']), operation(['BJ']), checkpoint('NG'), checkpoint('BJ')].map((e) => maySeeEvent(officers.abuja, e))).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('given any officer without a scope and any event, then only maySeeAudit decides (the hub batches on that)', () => {
    fc.assert(
      fc.property(anyOfficer, anyOpsLog, (officer, log) => {
        const unscoped = { ...officer, scope: undefined };
        const { state } = foldEvents(EMPTY_OPS_STATE, log);
        for (const event of log) {
          const id = alertIdOf(event);
          const seen = maySeeEvent(unscoped, event, id === undefined ? undefined : state.alerts.get(id));
          expect(seen).toBe(event.type !== 'audit.details-viewed' || maySeeAudit(unscoped));
        }
      }),
    );
  });
});
