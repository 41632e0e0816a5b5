import type { Alert } from '@watchfloor/shared';
import type { AlertView } from '../data/alert-view-sync';

/**
 * How many hits happened in each minute, kept up to date as alerts arrive (see `AlertView`), so the hit
 * rate of the last hour costs sixty look-ups however many alerts are held.
 */
export interface HitsByMinute extends AlertView {
  /** Hits per minute over the last `minutes` minutes up to `now`, oldest first; the current minute is last. */
  lastMinutes(now: number, minutes?: number): number[];
  /** Changes whenever the counts do, so a screen can tell. */
  readonly version: number;
}

const minuteOf = (at: number) => Math.floor(at / 60_000);

export function countHitsByMinute(alerts: Iterable<Alert>): HitsByMinute {
  const counts = new Map<number, number>();
  const add = (alert: Alert, sign: 1 | -1) => counts.set(minuteOf(alert.hit.at), (counts.get(minuteOf(alert.hit.at)) ?? 0) + sign);
  for (const alert of alerts) add(alert, 1);
  let version = 0;
  return {
    get version() {
      return version;
    },
    lastMinutes(now, minutes = 60) {
      const current = minuteOf(now);
      return Array.from({ length: minutes }, (_, i) => counts.get(current - (minutes - 1 - i)) ?? 0);
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
