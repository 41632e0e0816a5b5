import { raiseAlert, reduceAlert, type Alert, type OpsEvent } from '@watchfloor/shared';
import { T0, hitRaised } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { createTimelineLog } from './timeline-log';

describe('timeline log', () => {
  it('given a hit the live picture holds, then the log keeps that hit instead of its own copy, and the picture at T is unchanged', () => {
    const live = { ...hitRaised(1, { id: 'hit-1', at: T0 }), at: T0 };
    const held = new Map<string, Alert>([['hit-1', raiseAlert(live as Extract<OpsEvent, { type: 'hit.raised' }>)]]);
    const copy = structuredClone(live) as Extract<OpsEvent, { type: 'hit.raised' }>;
    const unknown = { ...hitRaised(2, { id: 'hit-2', at: T0 + 1000 }), at: T0 + 1000 };
    const log = createTimelineLog(T0, () => held);

    log.take([copy, structuredClone(unknown)]);

    const picture = log.index.stateAtSeq(2);
    expect(picture.alerts.get('hit-1')!.hit).toBe(held.get('hit-1')!.hit);
    expect(picture.alerts.get('hit-2')!.hit).toEqual((unknown as Extract<OpsEvent, { type: 'hit.raised' }>).hit);
    expect(log.index.eventsBetween(T0, T0 + 1000).map((event) => event.seq)).toEqual([1, 2]);
  });

  it('given an alert event the live alert holds in its history, then the log keeps the live event', () => {
    const raised = { ...hitRaised(1, { id: 'hit-1', at: T0 }), at: T0 } as Extract<OpsEvent, { type: 'hit.raised' }>;
    const acknowledged: OpsEvent = { seq: 2, at: T0 + 1000, type: 'alert.acknowledged', alertId: 'hit-1', by: { id: 'off-duty', name: 'Ada Duty' } };
    const live = reduceAlert(raiseAlert(raised), acknowledged);
    if (!live.ok) throw new Error(live.reason);
    const log = createTimelineLog(T0, () => new Map([['hit-1', live.alert]]));

    log.take(structuredClone([raised, acknowledged]));

    expect(log.index.eventsBetween(T0, T0 + 1000)[1]).toBe(live.alert.history[1]);
    expect(log.index.stateAtSeq(2).alerts.get('hit-1')).toEqual(live.alert);
    expect(log.index.stateAtSeq(1).alerts.get('hit-1')).toMatchObject({ status: 'new', hit: live.alert.hit });
  });

  it('given the live store\'s own events, then the log keeps those very objects', () => {
    const raised = { ...hitRaised(1, { id: 'hit-1', at: T0 }), at: T0 } as Extract<OpsEvent, { type: 'hit.raised' }>;
    const live = raiseAlert(raised);
    const log = createTimelineLog(T0, () => new Map([['hit-1', live]]));

    log.takeLive([raised]);

    expect(log.index.eventsBetween(T0, T0)[0]).toBe(raised);
    expect(log.index.stateAtSeq(1).alerts.get('hit-1')!.hit).toBe(raised.hit);
  });
});
