import type { Alert } from '@watchfloor/shared';

/** Hits per minute over the last `minutes` minutes, oldest first; the current minute is the last bucket. */
export function hitsPerMinute(alerts: Iterable<Alert>, now: number, minutes = 60): number[] {
  const buckets = new Array<number>(minutes).fill(0);
  const currentMinute = Math.floor(now / 60_000);
  for (const alert of alerts) {
    const age = currentMinute - Math.floor(alert.hit.at / 60_000);
    if (age >= 0 && age < minutes) buckets[minutes - 1 - age]! += 1;
  }
  return buckets;
}
