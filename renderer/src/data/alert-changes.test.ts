import { raiseAlert } from '@watchfloor/shared';
import { hitRaised } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { createAlertChangeLog } from './alert-changes';

const first = raiseAlert(hitRaised(1));

describe('alert change log', () => {
  it('given changes at several revisions, then a reader is told each alert changed since its revision, as it was then', () => {
    const log = createAlertChangeLog();
    log.record(1, new Map([['hit-1', undefined]]));
    log.record(2, new Map([['hit-1', first]]));
    log.record(4, new Map([['hit-2', undefined]]));
    expect(log.since(0)).toEqual(new Map([['hit-1', undefined], ['hit-2', undefined]]));
    expect(log.since(1)).toEqual(new Map([['hit-1', first], ['hit-2', undefined]]));
    expect(log.since(4)).toEqual(new Map());
  });

  it('given the picture replaced, then a reader from before it must rebuild and one after it is told', () => {
    const log = createAlertChangeLog();
    log.record(1, new Map([['hit-1', undefined]]));
    log.replaced(3);
    log.record(4, new Map([['hit-1', first]]));
    expect(log.since(1)).toBeUndefined();
    expect(log.since(3)).toEqual(new Map([['hit-1', first]]));
  });

  it('given a reader further behind than the log keeps, then it must rebuild', () => {
    const log = createAlertChangeLog();
    for (let revision = 1; revision <= 100; revision++) log.record(revision, new Map([[`hit-${revision}`, undefined]]));
    expect(log.since(0)).toBeUndefined();
    expect(log.since(99)).toEqual(new Map([['hit-100', undefined]]));
  });
});
