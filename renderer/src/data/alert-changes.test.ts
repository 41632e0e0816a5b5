import { raiseAlert, reduceAlert, type Alert } from '@watchfloor/shared';
import { T0, actorOf, hitRaised, officers } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { createAlertChangeLog, type AlertChange } from './alert-changes';

const first = raiseAlert(hitRaised(1));
const transition = reduceAlert(first, { seq: 2, at: T0, type: 'alert.acknowledged', alertId: 'hit-1', by: actorOf(officers.duty) });
const acknowledged = (transition as { alert: Alert }).alert;
const second = raiseAlert(hitRaised(3, { id: 'hit-2' }));
const change = (before: Alert | undefined, after: Alert | undefined): AlertChange => ({ before, after });

describe('alert change log', () => {
  it('given changes at several revisions, then a reader is told each alert changed since its revision, as it was then and as it is now', () => {
    const log = createAlertChangeLog();
    log.record(1, new Map([['hit-1', change(undefined, first)]]));
    log.record(2, new Map([['hit-1', change(first, acknowledged)]]));
    log.record(4, new Map([['hit-2', change(undefined, second)]]));
    expect(log.since(0)).toEqual(new Map([['hit-1', change(undefined, acknowledged)], ['hit-2', change(undefined, second)]]));
    expect(log.since(1)).toEqual(new Map([['hit-1', change(first, acknowledged)], ['hit-2', change(undefined, second)]]));
    expect(log.since(4)).toEqual(new Map());
  });

  it('given the picture replaced, then a reader from before it must rebuild and one after it is told', () => {
    const log = createAlertChangeLog();
    log.record(1, new Map([['hit-1', change(undefined, first)]]));
    log.replaced(3);
    log.record(4, new Map([['hit-1', change(first, acknowledged)]]));
    expect(log.since(1)).toBeUndefined();
    expect(log.since(3)).toEqual(new Map([['hit-1', change(first, acknowledged)]]));
  });

  it('given a reader further behind than the log keeps, then it must rebuild', () => {
    const log = createAlertChangeLog();
    for (let revision = 1; revision <= 100; revision++) log.record(revision, new Map([[`hit-${revision}`, change(undefined, first)]]));
    expect(log.since(0)).toBeUndefined();
    expect(log.since(99)).toEqual(new Map([['hit-100', change(undefined, first)]]));
  });
});
