import type { Alert } from '@watchfloor/shared';
import type { AlertView } from '../data/alert-view-sync';

/**
 * Hits over sliding windows ending at any moment (the last 60 seconds, not the calendar minute), kept up to
 * date as alerts arrive (see `AlertView`): hits are counted per second of their hit time, so a window costs
 * one look-up per second it spans, however many alerts are held.
 */
export interface HitRate extends AlertView {
  /** Hits in the `spanMs` up to and including `end`. */
  within(end: number, spanMs: number): number;
  /** Hits in `buckets` consecutive windows of `bucketMs`, the last ending at `end`; oldest first. */
  series(end: number, buckets: number, bucketMs: number): number[];
  /** Changes whenever the counts do, so a screen can tell. */
  readonly version: number;
}

const secondOf = (at: number) => Math.floor(at / 1000);

export function countHitRate(alerts: Iterable<Alert>): HitRate {
  const perSecond = new Map<number, number>();
  const add = (alert: Alert, sign: 1 | -1) => {
    const second = secondOf(alert.hit.at);
    const count = (perSecond.get(second) ?? 0) + sign;
    if (count === 0) perSecond.delete(second);
    else perSecond.set(second, count);
  };
  for (const alert of alerts) add(alert, 1);
  let version = 0;
  /** Hits in the seconds after `fromSecond` up to and including `toSecond`. */
  const between = (fromSecond: number, toSecond: number) => {
    let sum = 0;
    for (let second = fromSecond + 1; second <= toSecond; second += 1) sum += perSecond.get(second) ?? 0;
    return sum;
  };
  return {
    get version() {
      return version;
    },
    within: (end, spanMs) => between(secondOf(end - spanMs), secondOf(end)),
    series(end, buckets, bucketMs) {
      return Array.from({ length: buckets }, (_, index) => {
        const bucketEnd = end - (buckets - 1 - index) * bucketMs;
        return between(secondOf(bucketEnd - bucketMs), secondOf(bucketEnd));
      });
    },
    update(before, after) {
      // An alert's hit time never changes: only alerts that come or go change the counts.
      if ((before === undefined) === (after === undefined)) return;
      version += 1;
      if (before !== undefined) add(before, -1);
      if (after !== undefined) add(after, 1);
    },
  };
}
