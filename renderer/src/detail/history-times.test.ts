import { UNCONFIRMED_SEQ, type AlertHistoryEntry } from '@watchfloor/shared';
import { T0, actorOf, officers } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { REACHED_LATER_MS, historyTimes } from './history-times';

const acknowledged = (at: number, givenAt?: number, seq = 7): AlertHistoryEntry => ({
  type: 'alert.acknowledged',
  seq,
  at,
  alertId: 'hit-1',
  by: actorOf(officers.duty),
  ...(givenAt === undefined ? {} : { givenAt }),
});

describe('historyTimes', () => {
  it('given a command queued offline and logged much later, then the entry shows when it was given and when the hub received it', () => {
    expect(historyTimes(acknowledged(T0 + 90_000, T0))).toEqual({ shownAt: T0, reachedHubAt: T0 + 90_000 });
  });

  it('given a command that reached the hub at once, then only the time given shows', () => {
    expect(historyTimes(acknowledged(T0 + REACHED_LATER_MS - 1, T0))).toEqual({ shownAt: T0, reachedHubAt: undefined });
  });

  it('given an event without a given time, or one not yet confirmed, then the hub time or nothing more shows', () => {
    expect(historyTimes(acknowledged(T0))).toEqual({ shownAt: T0, reachedHubAt: undefined });
    expect(historyTimes(acknowledged(T0 + 90_000, T0, UNCONFIRMED_SEQ))).toEqual({ shownAt: T0, reachedHubAt: undefined });
  });
});
