import { describe, expect, it } from 'vitest';
import { T0, hitRaised, officers } from '@watchfloor/shared/testing';
import { EMPTY_OPS_STATE, foldEvents } from '../ops/state';
import { optimisticAlert, UNCONFIRMED_SEQ } from './optimistic';

const alert = foldEvents(EMPTY_OPS_STATE, [hitRaised(1)]).state.alerts.get('hit-1')!;

describe('optimistic alert', () => {
  it('given an acknowledge the hub would accept, then the alert shows held by the officer, unconfirmed', () => {
    const next = optimisticAlert(officers.duty, { type: 'acknowledge', alertId: 'hit-1', mutationId: 'm-0000000001' }, alert, T0 + 5);
    expect(next?.status).toBe('acknowledged');
    expect(next?.holder?.id).toBe(officers.duty.id);
    expect(next?.history.at(-1)).toMatchObject({ type: 'alert.acknowledged', seq: UNCONFIRMED_SEQ, at: T0 + 5 });
  });

  it('given a command the hub would refuse, then there is no optimistic change', () => {
    expect(optimisticAlert(officers.wall, { type: 'acknowledge', alertId: 'hit-1', mutationId: 'm-0000000001' }, alert, T0)).toBeUndefined();
  });

  it('given an assign, then the hub must answer first', () => {
    expect(optimisticAlert(officers.lead, { type: 'assign', alertId: 'hit-1', officerId: 'off-duty', mutationId: 'm-0000000001' }, alert, T0)).toBeUndefined();
  });
});
