import { raiseAlert } from '@watchfloor/shared';
import { T0, hitRaised } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { countHitRate } from './hit-rate';

const alertAt = (id: string, at: number) => raiseAlert({ ...hitRaised(1, { id, at }), at });

describe('hit rate over a sliding window', () => {
  // A minute boundary at T0 + 60 s: the calendar minute would split these.
  const burst = Array.from({ length: 200 }, (_, i) => alertAt(`h${i}`, T0 + 50_000 + (i % 20) * 500));

  it('given 200 hits straddling a minute boundary, when asked just after it, then all 200 are in the last 60 s', () => {
    const rate = countHitRate(burst);
    expect(rate.within(T0 + 61_000, 60_000)).toBe(200);
  });

  it('given hits, when the window has slid past them, then they no longer count', () => {
    const rate = countHitRate(burst);
    expect(rate.within(T0 + 50_000 + 60_000 + 10_000, 60_000)).toBe(0);
  });

  it('given a hit after the end, then it is not in the window ending earlier', () => {
    const rate = countHitRate([alertAt('late', T0 + 120_000)]);
    expect(rate.within(T0 + 60_000, 60_000)).toBe(0);
  });

  it('given buckets, when a series is asked, then each bucket holds its hits, the last ending at the moment asked', () => {
    const rate = countHitRate([alertAt('a', T0 + 10_000), alertAt('b', T0 + 70_000), alertAt('c', T0 + 71_000)]);
    expect(rate.series(T0 + 119_000, 2, 60_000)).toEqual([1, 2]);
  });

  it('given an alert that comes and goes, then the counts and version follow it', () => {
    const rate = countHitRate([]);
    const alert = alertAt('x', T0);
    rate.update(undefined, alert);
    expect(rate.within(T0, 60_000)).toBe(1);
    rate.update(alert, alert);
    rate.update(alert, undefined);
    expect(rate.within(T0, 60_000)).toBe(0);
    expect(rate.version).toBe(2);
  });
});
